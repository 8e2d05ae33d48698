import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
