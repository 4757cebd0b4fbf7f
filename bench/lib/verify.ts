import type { AppConfig } from '@app/config';
import { reconcile } from '@app/ledger';
import { dataSourceOptions } from '@app/persistence';
import { DataSource } from 'typeorm';

export interface LedgerFingerprint {
  settledActions: number;
  unsettledActions: number;
  postings: number;
  entries: number;
  accounts: number;
  lots: number;
  /** Order-independent hashes of the rows by their natural keys (not by generated ids). */
  accountsHash: string;
  postingsHash: string;
  entriesHash: string;
  actionsHash: string;
  lotsHash: string;
}

/** Counter accounts settlement lanes keep in shards: their running balances depend on which lane ran first. */
const SHARDED = `'points_issuance', 'reduction_pool'`;

/**
 * What a settlement left in the ledger, keyed by business identity (account kind/owner, posting
 * idempotency key), so two databases settled by different code can be compared row for row. A
 * sharded account counts as one (its balance and version summed over its shards), and its entries'
 * running balances are left out: those depend on the order lanes ran in, and reconciliation checks them.
 */
export async function fingerprint(config: AppConfig): Promise<LedgerFingerprint> {
  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  try {
    const [row] = await dataSource.query<Record<string, string>[]>(`
      SELECT
        (SELECT count(*) FROM actions WHERE status = 'settled')::int AS settled_actions,
        (SELECT count(*) FROM actions WHERE status <> 'settled')::int AS unsettled_actions,
        (SELECT count(*) FROM ledger_postings)::int AS postings,
        (SELECT count(*) FROM ledger_entries)::int AS entries,
        (SELECT count(DISTINCT (kind, owner)) FROM accounts)::int AS accounts,
        (SELECT count(*) FROM points_lots)::int AS lots,
        (SELECT sum(hashtextextended(concat_ws('|', kind, owner, asset, balance, version), 0)::numeric)::text
           FROM (SELECT kind, owner, min(asset) AS asset, sum(balance) AS balance, sum(version) AS version
                   FROM accounts GROUP BY kind, owner) a) AS accounts_hash,
        (SELECT sum(hashtextextended(concat_ws('|', idempotency_key, cause_type, cause_id, reason, details::text), 0)::numeric)::text
           FROM ledger_postings) AS postings_hash,
        (SELECT sum(hashtextextended(concat_ws('|', p.idempotency_key, a.kind, a.owner, e.asset, e.amount,
                    CASE WHEN a.kind NOT IN (${SHARDED}) THEN e.balance_after || '|' || e.account_version END), 0)::numeric)::text
           FROM ledger_entries e JOIN ledger_postings p ON p.id = e.posting_id JOIN accounts a ON a.id = e.account_id) AS entries_hash,
        (SELECT sum(hashtextextended(concat_ws('|', x.id, x.status, p.idempotency_key, x.settled_at IS NOT NULL), 0)::numeric)::text
           FROM actions x LEFT JOIN ledger_postings p ON p.id = x.posting_id) AS actions_hash,
        (SELECT sum(hashtextextended(concat_ws('|', l.citizen_id, p.idempotency_key, l.points, l.remaining, l.expires_at), 0)::numeric)::text
           FROM points_lots l JOIN ledger_postings p ON p.id = l.posting_id) AS lots_hash`);
    return {
      settledActions: Number(row.settled_actions),
      unsettledActions: Number(row.unsettled_actions),
      postings: Number(row.postings),
      entries: Number(row.entries),
      accounts: Number(row.accounts),
      lots: Number(row.lots),
      accountsHash: row.accounts_hash,
      postingsHash: row.postings_hash,
      entriesHash: row.entries_hash,
      actionsHash: row.actions_hash,
      lotsHash: row.lots_hash,
    };
  } finally {
    await dataSource.destroy();
  }
}

/** The ledger's own invariant checks (libs/ledger reconciliation), as the admin API runs them. */
export async function reconciliation(
  config: AppConfig,
): Promise<{ ok: boolean; violations: string[]; ms: number }> {
  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  try {
    const report = await reconcile(dataSource.manager);
    return {
      ok: report.ok,
      violations: report.violations.map((v) => `${v.check}: ${v.count}`),
      ms: report.durationMs,
    };
  } finally {
    await dataSource.destroy();
  }
}
