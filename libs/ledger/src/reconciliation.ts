import type { EntityManager } from 'typeorm';
import { ARCHIVED_BEFORE, LATEST_CHECKPOINTS } from './checkpoints.js';
import { AccountKind } from './posting.js';

/**
 * The program's points counter-accounts as a SQL table `f(kind, flow, sign)`: the flow each measures,
 * and the sign that turns its entries into that flow (issuance is debited as points are issued).
 */
export const POINTS_FLOW_ACCOUNTS = `(VALUES ('${AccountKind.PointsIssuance}', 'issued', -1),
  ('${AccountKind.PartnerClearing}', 'redeemed', 1), ('${AccountKind.ExpiredPoints}', 'expired', 1),
  ('${AccountKind.Donations}', 'donated', 1)) AS f(kind, flow, sign)`;

export interface Violation {
  check: string;
  description: string;
  count: number;
  /** Up to ten offending rows, for a human to start from. */
  samples: Record<string, unknown>[];
}

export interface ReconciliationReport {
  ok: boolean;
  checkedAt: string;
  durationMs: number;
  checks: string[];
  violations: Violation[];
}

interface Check {
  name: string;
  description: string;
  /** Returns offending rows; none means the invariant holds. */
  sql: string;
}

/** DESIGN.md §4, as queries that return the rows breaking each invariant. */
const CHECKS: Check[] = [
  {
    name: 'zero-sum-per-asset',
    description: 'all balances of an asset sum to zero',
    sql: `SELECT asset, sum(balance)::text AS total FROM accounts GROUP BY asset HAVING sum(balance) <> 0`,
  },
  {
    name: 'posting-balances',
    description: 'every posting sums to zero per asset',
    sql: `SELECT posting_id::text, asset, sum(amount)::text AS total FROM ledger_entries
          GROUP BY posting_id, asset HAVING sum(amount) <> 0`,
  },
  {
    name: 'balance-equals-entries',
    description:
      "an account's balance and version equal its checkpoint (archived months) plus the sum and count of its later entries",
    sql: `SELECT a.id::text AS account_id, a.kind, a.owner, a.balance::text, coalesce(c.balance, 0)::text AS checkpoint,
                 coalesce(e.total, 0)::text AS entries_total, a.version::text, coalesce(e.n, 0)::text AS entries
          FROM accounts a
          LEFT JOIN ${LATEST_CHECKPOINTS} c ON c.account_id = a.id
          LEFT JOIN (SELECT account_id, sum(amount) AS total, count(*) AS n FROM ledger_entries GROUP BY account_id) e
            ON e.account_id = a.id
          WHERE a.balance <> coalesce(c.balance, 0) + coalesce(e.total, 0)
             OR a.version <> coalesce(c.account_version, 0) + coalesce(e.n, 0)`,
  },
  {
    name: 'no-version-gaps',
    description:
      "each account's entries carry the versions after its checkpoint, with running balances that add up from it",
    sql: `SELECT account_id::text, account_version::text, balance_after::text, running::text FROM (
            SELECT e.account_id, e.account_version, e.balance_after,
                   coalesce(c.balance, 0) + sum(e.amount) OVER w AS running,
                   coalesce(c.account_version, 0) + row_number() OVER w AS position
            FROM ledger_entries e LEFT JOIN ${LATEST_CHECKPOINTS} c ON c.account_id = e.account_id
            WINDOW w AS (PARTITION BY e.account_id ORDER BY e.account_version)) e
          WHERE account_version <> position OR balance_after <> running`,
  },
  {
    name: 'nothing-live-before-checkpoint',
    description: 'no entry or posting still in the database was written in an archived month',
    sql: `SELECT 'entry' AS row, id::text, created_at::text FROM ledger_entries WHERE created_at < ${ARCHIVED_BEFORE}
          UNION ALL
          SELECT 'posting', id::text, created_at::text FROM ledger_postings WHERE created_at < ${ARCHIVED_BEFORE}`,
  },
  {
    name: 'points-never-negative',
    description: "no citizen's points balance is below zero",
    sql: `SELECT id::text AS account_id, owner, balance::text FROM accounts WHERE kind = 'citizen_points' AND balance < 0`,
  },
  {
    name: 'lots-equal-points',
    description: "a citizen's unexpired, unspent points lots add up to their points balance",
    sql: `SELECT coalesce(a.owner, l.citizen_id::text) AS citizen_id, coalesce(a.balance, 0)::text AS balance,
                 coalesce(l.remaining, 0)::text AS lots
          FROM (SELECT owner, citizen_id, balance FROM accounts WHERE kind = 'citizen_points') a
          FULL JOIN (SELECT citizen_id, sum(remaining) AS remaining FROM points_lots GROUP BY citizen_id) l
            ON l.citizen_id = a.citizen_id
          WHERE coalesce(a.balance, 0) <> coalesce(l.remaining, 0)`,
  },
  {
    name: 'settled-action-has-one-posting',
    description:
      'every settled action has exactly one settlement posting, and every settlement posting a settled action',
    // A settlement posting in an archived month counts: its key row keeps the month it was written in.
    sql: `SELECT a.id::text AS action_id, a.status, count(p.id)::text AS postings, bool_or(archived.id IS NOT NULL) AS archived
          FROM actions a
          LEFT JOIN ledger_postings p ON p.action_id = a.id AND p.reason = 'ACTION_SETTLED'
          LEFT JOIN ledger_posting_keys archived ON archived.id = a.posting_id AND archived.created_at < ${ARCHIVED_BEFORE}
          WHERE a.status = 'settled' OR p.id IS NOT NULL
          GROUP BY a.id, a.status
          HAVING a.status <> 'settled' OR count(p.id) + count(DISTINCT archived.id) <> 1`,
  },
  {
    name: 'reports-equal-ledger',
    description:
      "the reports' reductions per region equal what the region's pool accrued, and points flows the ledger",
    sql: `WITH reported AS (
            SELECT district_code::text AS key, sum(grams) AS amount FROM (
              SELECT district_code, grams FROM report_action_days UNION ALL
              SELECT district_code, grams FROM report_action_deltas) r GROUP BY 1
            UNION ALL
            SELECT 'points:' || flow, sum(points) FROM (
              SELECT flow, points FROM report_points_days UNION ALL
              SELECT flow, points FROM report_points_deltas) p GROUP BY 1
          ), posted AS (
            SELECT owner AS key, -sum(balance) AS amount FROM accounts
             WHERE kind IN ('${AccountKind.ReductionPool}', '${AccountKind.RetiredReductions}') GROUP BY owner
            UNION ALL
            SELECT 'points:' || f.flow, sum(f.sign * a.balance) FROM accounts a
              JOIN ${POINTS_FLOW_ACCOUNTS} ON f.kind = a.kind
             GROUP BY f.flow
          )
          SELECT coalesce(r.key, p.key) AS key, coalesce(r.amount, 0)::text AS reported, coalesce(p.amount, 0)::text AS posted
            FROM reported r FULL JOIN posted p ON p.key = r.key
           WHERE coalesce(r.amount, 0) <> coalesce(p.amount, 0)`,
  },
];

/** Runs every invariant check in one repeatable-read snapshot, so the checks agree with each other. */
export async function reconcile(manager: EntityManager): Promise<ReconciliationReport> {
  const started = Date.now();
  const violations: Violation[] = [];
  await manager.transaction('REPEATABLE READ', async (m) => {
    // Locked before the snapshot is taken (LOCK takes none), so a month detached by an archive is
    // either wholly before this snapshot (its checkpoints visible) or waits until the checks are done.
    await m.query(`LOCK TABLE ledger_entries, ledger_postings, ledger_checkpoints IN ACCESS SHARE MODE`);
    for (const check of CHECKS) {
      const rows = await m.query<Record<string, unknown>[]>(`SELECT * FROM (${check.sql}) v LIMIT 1000`);
      if (rows.length)
        violations.push({
          check: check.name,
          description: check.description,
          count: rows.length,
          samples: rows.slice(0, 10),
        });
    }
  });
  return {
    ok: violations.length === 0,
    checkedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    checks: CHECKS.map((c) => c.name),
    violations,
  };
}
