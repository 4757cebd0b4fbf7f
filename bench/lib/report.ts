import type { TimingRow } from './timing.js';

type Cell = string | number;

/** A plain-text table with right-aligned numbers. */
export function table(headers: string[], rows: Cell[][]): string {
  const text = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell)));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[], numeric: boolean[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  const out = [
    line(
      headers,
      headers.map(() => false),
    ),
    widths.map((w) => '-'.repeat(w)).join('  '),
  ];
  rows.forEach((row, r) =>
    out.push(
      line(
        text[r],
        row.map((c) => typeof c === 'number'),
      ),
    ),
  );
  return out.join('\n');
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumFractionDigits: Math.abs(value) < 10 ? 3 : 1 });
}

export function breakdownTable(rows: TimingRow[]): string {
  return table(
    ['where', 'calls', 'total ms', 'mean ms', 'share'],
    rows.map((r) => [r.label, r.count, r.totalMs, r.meanMs, `${(r.share * 100).toFixed(1)} %`]),
  );
}

export function coresTable(title: string, cores: Record<string, number>): string {
  return table(
    [title, 'cores'],
    Object.entries(cores).map(([k, v]) => [k, v]),
  );
}
