import { format, type BenchResult } from './report';

const WIDTH = 760;
const ROW = 54;
const LABEL = 250;

/**
 * One benchmark as an SVG bar chart: per figure, the measured value and its same-run baseline side by
 * side on the figure's own scale (units differ between figures), with the ratio written beside them.
 */
export function benchChart(result: BenchResult): string {
  const height = 48 + result.figures.length * ROW;
  const span = WIDTH - LABEL - 150;
  const rows = result.figures.map((figure, index) => {
    const y = 40 + index * ROW;
    const max = Math.max(figure.value, figure.baseline ?? 0) || 1;
    const bar = (value: number, dy: number, colour: string, label: string) =>
      `<rect x="${LABEL}" y="${y + dy}" width="${((value / max) * span).toFixed(1)}" height="16" fill="${colour}"/>` +
      `<text x="${LABEL + (value / max) * span + 6}" y="${y + dy + 12}" font-size="11">${escape(label)}</text>`;
    const ratio = figure.baseline ? `ratio ${(figure.value / figure.baseline).toFixed(2)}` : '';
    return [
      `<text x="8" y="${y + 14}" font-size="12" font-weight="bold">${escape(figure.label)}</text>`,
      `<text x="8" y="${y + 30}" font-size="11" fill="#555">${escape([ratio, figure.target ? `target ${figure.target}` : ''].filter(Boolean).join(' · '))}</text>`,
      bar(figure.value, 0, '#2f6fde', `${format(figure.value)} ${figure.unit}`),
      figure.baseline !== undefined
        ? bar(figure.baseline, 19, '#b9b9b9', `baseline ${format(figure.baseline)} ${figure.unit}`)
        : '',
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="8" y="22" font-size="15" font-weight="bold">${escape(result.name)}: ${escape(result.description)}</text>`,
    ...rows,
    '</svg>',
  ].join('\n');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
