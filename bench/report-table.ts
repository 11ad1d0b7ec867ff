/** One row of the benchmark table. */
export interface Row {
  benchmark: string;
  case: string;
  result: string;
  details: string;
}

/** A part that could not run: printed as a row, and the process exits non-zero. */
export function failedRow(benchmark: string, error: unknown): Row {
  const message = error instanceof Error ? error.message : String(error);
  return { benchmark, case: 'FAILED', result: '—', details: message.split('\n')[0] ?? message };
}

/** Renders rows as one Markdown table (pasteable into the README). */
export function renderTable(rows: readonly Row[]): string {
  const header: Row = { benchmark: 'Benchmark', case: 'Case', result: 'Result', details: 'Details' };
  const keys = ['benchmark', 'case', 'result', 'details'] as const;
  const widths = keys.map((key) => Math.max(...[header, ...rows].map((row) => row[key].length)));
  const line = (row: Row) => `| ${keys.map((key, index) => row[key].padEnd(widths[index] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** `12,345` */
export const int = (value: number): string => Math.round(value).toLocaleString('en-US');

/** `1.23 s` / `456 ms` */
export const duration = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);
