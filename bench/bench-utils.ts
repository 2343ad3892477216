import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const median = (values: number[]) => percentile(values, 50);

export function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function verdict(name: string, value: number, limit: number, unit = 'ms'): string {
  return `${value <= limit ? 'PASS' : 'FAIL'}  ${name}: ${value.toFixed(1)} ${unit} (target ≤ ${limit} ${unit})`;
}

/** Writes the figures as JSON under bench/results/ (git-ignored) and prints them. */
export function report(name: string, figures: Record<string, unknown>, lines: string[]): void {
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ at: new Date().toISOString(), node: process.version, ...figures }, null, 2));
  console.log(lines.join('\n'));
}
