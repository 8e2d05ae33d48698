import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { required } from '@settle/contracts';
import { benchChart } from './chart';

/** One benchmark's figures: each with its baseline measured in the same run, and the ratio. */
export interface BenchResult {
  name: string;
  description: string;
  figures: { label: string; value: number; unit: string; baseline?: number; target?: string }[];
  notes?: string[];
}

export const RESULTS_DIR = join(__dirname, '..', '..', 'bench-results');

export function recordResult(result: BenchResult): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${result.name}.json`), JSON.stringify(result, null, 2));
  console.log(`\n${result.name}: ${result.description}`);
  for (const figure of result.figures) {
    const ratio = figure.baseline
      ? `  baseline ${format(figure.baseline)} ${figure.unit}  ratio ${(figure.value / figure.baseline).toFixed(2)}`
      : '';
    console.log(
      `  ${figure.label.padEnd(34)} ${format(figure.value)} ${figure.unit}${ratio}${figure.target ? `  (target ${figure.target})` : ''}`,
    );
  }
  for (const note of result.notes ?? []) console.log(`  ${note}`);
}

export function format(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return required(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)], 'the percentile');
}

/**
 * bench-results/report.md: every figure of every benchmark that has results, its baseline and ratio,
 * and a chart per benchmark (SVG beside the report). Returns the summary table printed at the end.
 */
export function writeReport(): string {
  const results = readdirSync(RESULTS_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(join(RESULTS_DIR, file), 'utf8')) as BenchResult)
    .sort((a, b) => a.name.localeCompare(b.name));
  const table = [
    '| benchmark | figure | value | baseline | ratio | target |',
    '|---|---|---|---|---|---|',
    ...results.flatMap((result) =>
      result.figures.map(
        (figure) =>
          `| ${result.name} | ${figure.label} | ${format(figure.value)} ${figure.unit} | ` +
          `${figure.baseline !== undefined ? `${format(figure.baseline)} ${figure.unit}` : ''} | ` +
          `${figure.baseline ? (figure.value / figure.baseline).toFixed(2) : ''} | ${figure.target ?? ''} |`,
      ),
    ),
  ].join('\n');
  const sections = results.map((result) => {
    writeFileSync(join(RESULTS_DIR, `${result.name}.svg`), benchChart(result));
    const notes = (result.notes ?? []).map((note) => `- ${note}`).join('\n');
    return `## ${result.name}\n\n${result.description}\n\n![${result.name}](${result.name}.svg)\n\n${notes}\n`;
  });
  writeFileSync(
    join(RESULTS_DIR, 'report.md'),
    `# Settle benchmarks\n\nMeasured ${new Date().toISOString()} on ${cpus().length} cores, ` +
      `${Math.round(totalmem() / 2 ** 30)} GiB. Each baseline ran in the same run on the same machine.\n\n` +
      `${table}\n\n${sections.join('\n')}`,
  );
  return table;
}
