import pg from 'pg';
import { runBatchLoop } from './batch-loop.js';
import { processTicks } from './cpu.js';
import { databaseUrl } from './databases.js';
import { round } from './timing.js';
import { backendCpuSeconds, type SettlementRun } from './settlement-app.js';

/** The postings of the batch, each claiming its key in `ledger_posting_keys` as LedgerWriter does. */
const POSTINGS = `k AS (
  INSERT INTO ledger_posting_keys (id, created_at, idempotency_key)
  SELECT nextval('ledger_postings_id_seq'), now(), 'action/' || b.id || '/settle' FROM b ORDER BY b.ord
  RETURNING id, idempotency_key
),
p AS (
  INSERT INTO ledger_postings (id, idempotency_key, cause_type, cause_id, reason, details)
  SELECT k.id, k.idempotency_key, 'action', b.id::text, 'ACTION_SETTLED',
         jsonb_build_object('methodology', b.methodology_id, 'methodologyVersion', b.version,
                            'grams', b.grams::text, 'points', b.points::text)
  FROM b JOIN k ON k.idempotency_key = 'action/' || b.id || '/settle' ORDER BY b.ord
  RETURNING id, action_id
),`;

/** The schema before issue 14 has no key table: the postings carry their own unique key. */
const POSTINGS_BEFORE = `p AS (
  INSERT INTO ledger_postings (idempotency_key, cause_type, cause_id, reason, details)
  SELECT 'action/' || b.id || '/settle', 'action', b.id::text, 'ACTION_SETTLED',
         jsonb_build_object('methodology', b.methodology_id, 'methodologyVersion', b.version,
                            'grams', b.grams::text, 'points', b.points::text)
  FROM b ORDER BY b.ord
  RETURNING id, action_id
),`;

/**
 * (b) The yardstick: the same rows as SettlementService writes — one posting header per action
 * (same idempotency key, cause, reason and details), its entries with balance_after and
 * account_version in posting order, each touched account's balance and version moved by the
 * batch's aggregate, missing accounts created, a points lot per points credit (expiring at the end
 * of next year, China time), and the actions marked settled with their posting —
 * in ONE autocommit statement per batch through `pg`, no application code. Accounts are created
 * and updated by a single upsert whose RETURNING gives the new balance and version; the running
 * balance of each entry is the previous balance plus a window sum in posting order.
 */
export const rawSettleSql = (accountKey: 'kind, owner' | 'kind, owner, shard', queue: boolean) => `
WITH ${queue ? `q AS MATERIALIZED (${QUEUE_ROWS}),` : ''}
batch AS (${queue ? CLAIM_FROM_QUEUE : CLAIM_FROM_ACTIONS}),
b AS (
  SELECT batch.*, v.version, row_number() OVER (ORDER BY batch.queued_at, batch.id) AS ord
  FROM batch JOIN methodology_versions v ON v.id = batch.methodology_version_id
),
lines AS (
  SELECT b.id AS action_id, b.ord, l.n, l.kind, l.owner, l.asset, l.amount
  FROM b CROSS JOIN LATERAL (VALUES
    (1, 'citizen_carbon', b.citizen, 'CO2E_G', b.grams),
    (2, 'reduction_pool', b.district, 'CO2E_G', -b.grams),
    (3, 'citizen_points', b.citizen, 'POINTS', b.points),
    (4, 'points_issuance', 'program', 'POINTS', -b.points)) AS l(n, kind, owner, asset, amount)
  WHERE l.amount <> 0
),
delta AS (
  SELECT kind, owner, min(asset) AS asset, sum(amount)::bigint AS amount, count(*)::bigint AS n
  FROM lines GROUP BY kind, owner
),
acc AS (
  INSERT INTO accounts AS a (kind, owner, asset, balance, version)
  SELECT kind, owner, asset, amount, n FROM delta ORDER BY kind, owner
  ON CONFLICT (${accountKey}) DO UPDATE SET balance = a.balance + excluded.balance, version = a.version + excluded.version
  RETURNING a.id, a.kind, a.owner, a.balance, a.version
),
${accountKey === 'kind, owner' ? POSTINGS_BEFORE : POSTINGS}
e AS (
  INSERT INTO ledger_entries (posting_id, account_id, asset, amount, balance_after, account_version)
  SELECT p.id, acc.id, l.asset, l.amount,
         acc.balance - d.amount + sum(l.amount) OVER w,
         acc.version - d.n + row_number() OVER w
  FROM lines l
  JOIN delta d ON d.kind = l.kind AND d.owner = l.owner
  JOIN acc ON acc.kind = l.kind AND acc.owner = l.owner
  JOIN p ON p.action_id = l.action_id
  WINDOW w AS (PARTITION BY acc.id ORDER BY l.ord, l.n ROWS UNBOUNDED PRECEDING)
  ORDER BY l.ord, l.n
),
lots AS (
  INSERT INTO points_lots (citizen_id, posting_id, points, remaining, earned_at, expires_at)
  SELECT l.owner::uuid, p.id, l.amount, l.amount, now(),
         (date_trunc('year', now() AT TIME ZONE 'Asia/Shanghai') + interval '2 years') AT TIME ZONE 'Asia/Shanghai'
  FROM lines l JOIN p ON p.action_id = l.action_id
  WHERE l.kind = 'citizen_points' AND l.amount > 0
  ORDER BY l.ord
),
s AS (
  UPDATE actions a SET status = 'settled', posting_id = p.id, settled_at = now(), updated_at = now()
  FROM p JOIN batch ON batch.id = p.action_id WHERE a.id = p.action_id AND a.received_at = batch.received_at
)
SELECT count(*)::int AS settled FROM p`;

const CLAIMED = `a.id, a.received_at, a.citizen_id::text AS citizen, a.district_code::text AS district,
  a.grams, a.points, a.methodology_id, a.methodology_version_id`;

/**
 * Since migration 1765360000000: the queue's quantified stage, in its order, as SettlementService claims.
 * The action rows are joined LATERAL by their whole key: joined plainly, PostgreSQL multiplied the
 * selectivities of id and received_at, expected one row, and planned every later CTE of the statement
 * as nested loops over each other (1.4 s a batch instead of about 0.13 s).
 */
const QUEUE_ROWS = `
  SELECT q.action_id, q.received_at, q.queued_at FROM action_queue q WHERE q.stage = 'quantified'
  ORDER BY q.queued_at, q.action_id LIMIT $1 FOR UPDATE OF q SKIP LOCKED`;

const CLAIM_FROM_QUEUE = `
  SELECT a.*, q.queued_at
  FROM q CROSS JOIN LATERAL (
    SELECT ${CLAIMED} FROM actions a
    WHERE a.id = q.action_id AND a.received_at = q.received_at AND a.status = 'quantified'
    FOR UPDATE OF a SKIP LOCKED) a
  ORDER BY q.queued_at, q.action_id`;

/** Before it: the partial index actions_settlement_queue. */
const CLAIM_FROM_ACTIONS = `
  SELECT ${CLAIMED}, a.quantified_at AS queued_at
  FROM actions a
  WHERE a.status = 'quantified'
  ORDER BY a.quantified_at, a.id
  LIMIT $1
  FOR UPDATE SKIP LOCKED`;

/**
 * `before` runs it on a database migrated only up to today's schema before issue 14 (accounts unique
 * by kind and owner); otherwise it writes shard 0 of each account.
 */
export async function runRawSettlement(
  database: string,
  batchSize: number,
  onProgress: (settled: number, seconds: number) => void,
  before = false,
): Promise<SettlementRun> {
  const sql = before ? rawSettleSql('kind, owner', false) : rawSettleSql('kind, owner, shard', true);
  const client = new pg.Client({
    connectionString: databaseUrl(database),
    application_name: 'carbon-bench-raw',
  });
  await client.connect();
  try {
    const cpuBefore = processTicks();
    const run = await runBatchLoop(async () => {
      const { rows } = await client.query<{ settled: number }>(sql, [batchSize]);
      return rows[0].settled;
    }, onProgress);
    const pgSeconds = await backendCpuSeconds(
      async (q) => (await client.query<{ pid: number }>(q)).rows,
      cpuBefore,
    );
    const batchTotal = run.batchTotalMs;
    const wallMs = run.wallMs;
    return {
      pgCpuUsPerAction: round((pgSeconds * 1e6) / Math.max(run.settled, 1), 1),
      cpuCores: run.cpuCores,
      settled: run.settled,
      batches: run.batches,
      batchSize,
      seconds: run.seconds,
      perSecond: run.perSecond,
      batchMs: run.batchMs,
      breakdown: [
        {
          label: 'WITH … (one statement per batch)',
          count: run.batches,
          totalMs: round(batchTotal, 1),
          meanMs: round(batchTotal / Math.max(run.batches, 1), 3),
          share: round(batchTotal / wallMs, 4),
        },
      ],
    };
  } finally {
    await client.end();
  }
}
