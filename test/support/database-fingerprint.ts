import type { TestEnvironment } from './environment.js';

/**
 * What a request may not change: per table, the number of rows and the newest row version's
 * transaction id (xmin). An insert or an update gives a row a newer xmin; a delete lowers the count; a
 * write that was rolled back leaves both alone. One query, cheap on a test database.
 */
export class DatabaseFingerprint {
  private constructor(private readonly sql: string) {}

  static async of(env: TestEnvironment, except: readonly string[] = []): Promise<DatabaseFingerprint> {
    const tables = await env.query<{ name: string }>(
      `SELECT quote_ident(table_name) AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND NOT (table_name = ANY($1)) ORDER BY 1`,
      [[...except]],
    );
    return new DatabaseFingerprint(
      tables
        .map(
          ({ name }) =>
            `SELECT '${name}' AS t, count(*)::text AS n, coalesce(max(xmin::text::bigint), 0)::text AS x FROM ${name}`,
        )
        .join(' UNION ALL '),
    );
  }

  /** table → "rows@newest xmin". */
  async take(env: TestEnvironment): Promise<Record<string, string>> {
    const rows = await env.query<{ t: string; n: string; x: string }>(this.sql);
    return Object.fromEntries(rows.map((r) => [r.t, `${r.n}@${r.x}`]));
  }
}

/** The tables whose fingerprint differs between two takes. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}
