import { LATEST_CHECKPOINTS } from '@app/ledger';
import type { EntityManager } from 'typeorm';

/** The ledger's partitioned tables, in the order a month is detached and attached. */
export const LEDGER_MONTH_TABLES = ['ledger_entries', 'ledger_postings'] as const;
export type LedgerMonthTable = (typeof LEDGER_MONTH_TABLES)[number];

/** A month's partition name, as ensure_month_partition names it: `ledger_entries_p2026_11`. */
export const partitionOf = (table: LedgerMonthTable, month: string) => `${table}_p${month.replace('-', '_')}`;

export interface ArchivedMonth {
  month: string;
  startsAt: Date;
  endsAt: Date;
  postings: string;
  entries: string;
  status: 'detached' | 'archived';
  dumpFile: string | null;
  dumpSha256: string | null;
}

/** The SQL of archiving and restoring a ledger month (the rules are in apps/cli/src/ledger-months). */
export class LedgerMonthsRepository {
  constructor(private readonly m: EntityManager) {}

  /** One archive or restore at a time (transaction-scoped). */
  async lock(): Promise<void> {
    await this.m.query(`SELECT pg_advisory_xact_lock(hashtext('ledger-month-archive'))`);
  }

  /** The month's bounds in Asia/Shanghai, and whether it has ended. */
  async bounds(month: string): Promise<{ startsAt: Date; endsAt: Date; ended: boolean }> {
    const [row] = await this.m.query<{ starts_at: Date; ends_at: Date; ended: boolean }[]>(
      `SELECT s AS starts_at, e AS ends_at, e <= now() AS ended FROM (
         SELECT ($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AS s,
                ($1::date + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai' AS e) b`,
      [`${month}-01`],
    );
    return { startsAt: row.starts_at, endsAt: row.ends_at, ended: row.ended };
  }

  /** Transactions of this database still open that began before `instant` (they could write into it). */
  async openTransactionsBefore(instant: Date): Promise<number> {
    const [row] = await this.m.query<{ n: number }[]>(
      `SELECT ((SELECT count(*) FROM pg_stat_activity
                 WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start < $1)
             + (SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database() AND prepared < $1))::int AS n`,
      [instant],
    );
    return row.n;
  }

  async archived(month: string): Promise<ArchivedMonth | null> {
    const rows = await this.archivedMonths(`WHERE month = $1::date`, [`${month}-01`]);
    return rows[0] ?? null;
  }

  /** The newest month archived (or detached), if any. */
  async newestArchived(): Promise<ArchivedMonth | null> {
    const rows = await this.archivedMonths(`ORDER BY month DESC LIMIT 1`, []);
    return rows[0] ?? null;
  }

  private async archivedMonths(tail: string, params: unknown[]): Promise<ArchivedMonth[]> {
    return this.m.query<ArchivedMonth[]>(
      `SELECT to_char(month, 'YYYY-MM') AS month, starts_at AS "startsAt", ends_at AS "endsAt",
              postings::text, entries::text, status, dump_file AS "dumpFile", dump_sha256 AS "dumpSha256"
         FROM ledger_archived_months ${tail}`,
      params,
    );
  }

  /** The oldest month partition attached to `table` ('YYYY-MM'), if any. */
  async oldestLiveMonth(table: LedgerMonthTable): Promise<string | null> {
    const [row] = await this.m.query<{ month: string }[]>(
      `SELECT replace(substring(c.relname FROM '_p([0-9]{4}_[0-9]{2})$'), '_', '-') AS month
         FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = $1::regclass AND c.relname ~ ('^' || $1 || '_p[0-9]{4}_[0-9]{2}$')
        ORDER BY c.relname LIMIT 1`,
      [table],
    );
    return row?.month ?? null;
  }

  /** Whether `table`'s DEFAULT partition holds rows written before `instant`. */
  async defaultRowsBefore(table: LedgerMonthTable, instant: Date): Promise<boolean> {
    const [row] = await this.m.query<{ fallback: string | null }[]>(
      `SELECT partdefid::regclass::text AS fallback FROM pg_partitioned_table
        WHERE partrelid = $1::regclass AND partdefid <> 0`,
      [table],
    );
    if (!row?.fallback) return false;
    const [found] = await this.m.query<{ found: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM ${row.fallback} WHERE created_at < $1) AS found`,
      [instant],
    );
    return found.found;
  }

  async tableExists(name: string): Promise<boolean> {
    const [row] = await this.m.query<{ found: boolean }[]>(`SELECT to_regclass($1) IS NOT NULL AS found`, [
      name,
    ]);
    return row.found;
  }

  async count(table: string): Promise<string> {
    const [row] = await this.m.query<{ n: string }[]>(`SELECT count(*)::text AS n FROM ${table}`);
    return row.n;
  }

  /**
   * Accounts whose entries in `partition` do not continue their latest checkpoint: versions not
   * consecutive from it, running balances that do not add up, or an entry of a later month carrying
   * a lower version (a transaction begun before the month's end that committed after a later one).
   */
  async brokenChains(partition: string, endsAt: Date): Promise<string[]> {
    const rows = await this.m.query<{ account_id: string }[]>(
      `SELECT DISTINCT account_id::text FROM (
         SELECT e.account_id, e.account_version, e.balance_after,
                coalesce(c.balance, 0) + sum(e.amount) OVER w AS running,
                coalesce(c.account_version, 0) + row_number() OVER w AS position
           FROM ${partition} e LEFT JOIN ${LATEST_CHECKPOINTS} c ON c.account_id = e.account_id
         WINDOW w AS (PARTITION BY e.account_id ORDER BY e.account_version)) x
        WHERE account_version <> position OR balance_after <> running
       UNION
       SELECT m.account_id::text FROM (SELECT account_id, max(account_version) AS hi FROM ${partition} GROUP BY 1) m
        WHERE EXISTS (SELECT 1 FROM ledger_entries e
                       WHERE e.account_id = m.account_id AND e.account_version <= m.hi AND e.created_at >= $1)
       LIMIT 10`,
      [endsAt],
    );
    return rows.map((r) => r.account_id);
  }

  /** Postings of `partition` whose entries do not sum to zero per asset. */
  async unbalancedPostings(partition: string): Promise<string[]> {
    const rows = await this.m.query<{ posting_id: string }[]>(
      `SELECT DISTINCT posting_id::text FROM ${partition} GROUP BY posting_id, asset HAVING sum(amount) <> 0 LIMIT 10`,
    );
    return rows.map((r) => r.posting_id);
  }

  /** Records the month as detached and writes each of its accounts' checkpoint at the month's end. */
  async writeCheckpoint(
    month: string,
    bounds: { startsAt: Date; endsAt: Date },
    counts: { postings: string; entries: string },
  ): Promise<number> {
    await this.m.query(
      `INSERT INTO ledger_archived_months (month, starts_at, ends_at, postings, entries, status)
       VALUES ($1::date, $2, $3, $4, $5, 'detached')`,
      [`${month}-01`, bounds.startsAt, bounds.endsAt, counts.postings, counts.entries],
    );
    const [row] = await this.m.query<{ n: number }[]>(
      `WITH written AS (
         INSERT INTO ledger_checkpoints (account_id, month, balance, account_version, entries)
         SELECT e.account_id, $1::date, coalesce(c.balance, 0) + sum(e.amount), max(e.account_version), count(*)
           FROM ${partitionOf('ledger_entries', month)} e LEFT JOIN ${LATEST_CHECKPOINTS} c ON c.account_id = e.account_id
          GROUP BY e.account_id, c.balance
         RETURNING 1)
       SELECT count(*)::int AS n FROM written`,
      [`${month}-01`],
    );
    return row.n;
  }

  /** Accounts whose restored entries of `month` do not lead from their previous checkpoint to this one. */
  async restoredMismatches(month: string): Promise<string[]> {
    const rows = await this.m.query<{ account_id: string }[]>(
      `SELECT coalesce(k.account_id, e.account_id)::text AS account_id
         FROM (SELECT * FROM ledger_checkpoints WHERE month = $1::date) k
         FULL JOIN (SELECT account_id, sum(amount) AS total, count(*) AS n, max(account_version) AS hi
                      FROM ${partitionOf('ledger_entries', month)} GROUP BY 1) e ON e.account_id = k.account_id
         LEFT JOIN LATERAL (SELECT balance FROM ledger_checkpoints p
                             WHERE p.account_id = k.account_id AND p.month < $1::date
                             ORDER BY p.month DESC LIMIT 1) before ON true
        WHERE k.account_id IS NULL OR e.account_id IS NULL OR k.entries <> e.n OR k.account_version <> e.hi
           OR k.balance <> coalesce(before.balance, 0) + e.total
        LIMIT 10`,
      [`${month}-01`],
    );
    return rows.map((r) => r.account_id);
  }

  async detach(table: LedgerMonthTable, month: string): Promise<void> {
    await this.m.query(`SET LOCAL lock_timeout = '5s'`);
    await this.m.query(`ALTER TABLE ${table} DETACH PARTITION ${partitionOf(table, month)}`);
  }

  async attach(
    table: LedgerMonthTable,
    month: string,
    bounds: { startsAt: Date; endsAt: Date },
  ): Promise<void> {
    await this.m.query(`SET LOCAL lock_timeout = '5s'`);
    const [row] = await this.m.query<{ sql: string }[]>(
      `SELECT format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', $1::text, $2::text, $3::timestamptz, $4::timestamptz) AS sql`,
      [table, partitionOf(table, month), bounds.startsAt, bounds.endsAt],
    );
    await this.m.query(row.sql);
  }

  async drop(table: LedgerMonthTable, month: string): Promise<void> {
    await this.m.query(`DROP TABLE IF EXISTS ${partitionOf(table, month)}`);
  }

  async markArchived(month: string, dumpFile: string, sha256: string): Promise<void> {
    await this.m.query(
      `UPDATE ledger_archived_months SET status = 'archived', dump_file = $2, dump_sha256 = $3, archived_at = now()
        WHERE month = $1::date`,
      [`${month}-01`, dumpFile, sha256],
    );
  }

  /** Forgets a restored month: its checkpoints go, the previous ones apply again. */
  async forget(month: string): Promise<void> {
    await this.m.query(`DELETE FROM ledger_checkpoints WHERE month = $1::date`, [`${month}-01`]);
    await this.m.query(`DELETE FROM ledger_archived_months WHERE month = $1::date`, [`${month}-01`]);
  }
}
