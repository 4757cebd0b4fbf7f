/** Accumulated wall time per label, for "where does the time go" tables. */
export class Timings {
  private readonly totals = new Map<string, { ms: number; count: number }>();

  add(label: string, ms: number): void {
    const entry = this.totals.get(label) ?? { ms: 0, count: 0 };
    entry.ms += ms;
    entry.count += 1;
    this.totals.set(label, entry);
  }

  async time<T>(label: string, fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      this.add(label, performance.now() - started);
    }
  }

  reset(): void {
    this.totals.clear();
  }

  total(): number {
    let sum = 0;
    for (const { ms } of this.totals.values()) sum += ms;
    return sum;
  }

  /** Largest first, with each label's share of `wallMs`. */
  breakdown(wallMs: number): TimingRow[] {
    return [...this.totals.entries()]
      .map(([label, { ms, count }]) => ({
        label,
        count,
        totalMs: round(ms, 1),
        meanMs: round(ms / count, 3),
        share: round(ms / wallMs, 4),
      }))
      .sort((a, b) => b.totalMs - a.totalMs);
  }
}

export interface TimingRow {
  label: string;
  count: number;
  totalMs: number;
  meanMs: number;
  share: number;
}

export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Nearest-rank percentile of an ascending-sorted array. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** "INSERT ledger_entries", "SELECT accounts FOR UPDATE", "COMMIT": a statement's kind and main table. */
export function statementLabel(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  const head = /^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)/i.exec(text);
  if (head) return head[1].toUpperCase();
  if (/^WITH /i.test(text)) {
    const main = /\)\s*(INSERT INTO|UPDATE|SELECT)\s+(?:.*?\sFROM\s+)?(\w+)/i.exec(text);
    return `WITH … ${main ? `${main[1].split(' ')[0].toUpperCase()} ${main[2]}` : ''}`.trim();
  }
  const insert = /^INSERT INTO (\w+)/i.exec(text);
  if (insert) return `INSERT ${insert[1]}`;
  const update = /^UPDATE (\w+)/i.exec(text);
  if (update) return `UPDATE ${update[1]}`;
  const select = /^SELECT .*? FROM (\w+)/i.exec(text);
  if (select) return `SELECT ${select[1]}${/FOR UPDATE/i.test(text) ? ' FOR UPDATE' : ''}`;
  return text.slice(0, 40);
}
