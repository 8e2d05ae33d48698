/** Horizontal bars in plain SVG (no chart library): one row per label, one or two series. */
export interface Bar {
  label: string;
  values: (number | null)[];
  texts: string[];
}

const LABEL = 150;
const WIDTH = 640;
const BAR = 14;

export function BarChart({ title, series, bars }: { title: string; series: string[]; bars: Bar[] }) {
  const max = Math.max(1e-9, ...bars.flatMap((bar) => bar.values.map((value) => value ?? 0)));
  const barHeight = BAR + 2;
  const ROW = series.length * barHeight + 10;
  const height = bars.length * ROW;
  return (
    <figure className="chart">
      <svg role="img" aria-label={title} viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height}>
        <title>{title}</title>
        {bars.map((bar, row) => (
          <g key={bar.label} transform={`translate(0 ${row * ROW})`}>
            <text x={0} y={ROW / 2 + 3} className="chart-label">
              {bar.label.length > 20 ? `${bar.label.slice(0, 19)}…` : bar.label}
            </text>
            {bar.values.map((value, index) => {
              const width = value === null ? 0 : Math.max(2, ((WIDTH - LABEL - 90) * value) / max);
              return (
                <g key={index}>
                  <rect x={LABEL} y={5 + index * barHeight} width={width} height={BAR} className={`series-${index}`} />
                  <text x={LABEL + width + 6} y={5 + index * barHeight + BAR - 3} className="chart-value">
                    {bar.texts[index]}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      <figcaption>
        <ul className="legend">
          {series.map((name, index) => (
            <li key={name}>
              <span aria-hidden="true" className={`swatch swatch-${index}`} />
              {name}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
