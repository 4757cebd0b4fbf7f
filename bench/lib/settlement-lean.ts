import pg from 'pg';
import { runBatchLoop } from './batch-loop.js';
import { processTicks } from './cpu.js';
import { databaseUrl } from './databases.js';
import { backendCpuSeconds, type SettlementRun } from './settlement-app.js';
import { round } from './timing.js';

/**
 * (l) The lean reference writer (issue 14): the fewest rows any correct settlement must write per
 * action, in its own minimal tables beside the application's, with no triggers:
 * - the action's final state: `settled_at` on a narrow action row with no index on it (a HOT update);
 * - the work queue: its inbox row deleted (an inbox flag);
 * - one transfer row per asset (debit and credit account in one row: grams, points);
 * - the balances, moved by the batch's aggregate per account;
 * - a points lot per points credit.
 * It settles the same backlog as (a) and (b), copied from `actions` before the clock starts.
 */
const LEAN_SCHEMA = `
CREATE TABLE lean_actions (id uuid PRIMARY KEY, citizen_id uuid NOT NULL, district text NOT NULL,
  methodology_version_id bigint NOT NULL, grams bigint NOT NULL, points bigint NOT NULL, settled_at timestamptz)
  WITH (fillfactor = 90);
CREATE TABLE lean_inbox (seq bigint PRIMARY KEY, action_id uuid NOT NULL);
CREATE TABLE lean_transfers (id bigserial PRIMARY KEY, action_id uuid NOT NULL, asset smallint NOT NULL,
  debit text NOT NULL, credit text NOT NULL, amount bigint NOT NULL CHECK (amount > 0));
CREATE TABLE lean_balances (account text PRIMARY KEY, balance bigint NOT NULL);
CREATE TABLE lean_lots (id bigserial PRIMARY KEY, citizen_id uuid NOT NULL, transfer_id bigint NOT NULL,
  points bigint NOT NULL, remaining bigint NOT NULL, expires_at timestamptz NOT NULL);
CREATE INDEX lean_lots_open ON lean_lots (citizen_id, expires_at) WHERE remaining > 0;
INSERT INTO lean_actions (id, citizen_id, district, methodology_version_id, grams, points)
  SELECT id, citizen_id, district_code, methodology_version_id, grams, points FROM actions WHERE status = 'quantified';
INSERT INTO lean_inbox (seq, action_id)
  SELECT row_number() OVER (ORDER BY quantified_at, id), id FROM actions WHERE status = 'quantified';`;

const LEAN_SETTLE_SQL = `
WITH q AS (
  DELETE FROM lean_inbox WHERE seq IN (SELECT seq FROM lean_inbox ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
  RETURNING action_id
),
a AS (
  UPDATE lean_actions x SET settled_at = now() FROM q WHERE x.id = q.action_id AND x.settled_at IS NULL
  RETURNING x.id, x.citizen_id::text AS citizen, x.district, x.grams, x.points
),
t AS (
  INSERT INTO lean_transfers (action_id, asset, debit, credit, amount)
  SELECT a.id, l.asset, l.debit, l.credit, l.amount FROM a CROSS JOIN LATERAL (VALUES
    (1::smallint, 'pool/' || a.district, 'carbon/' || a.citizen, a.grams),
    (2::smallint, 'issuance', 'points/' || a.citizen, a.points)) AS l(asset, debit, credit, amount)
  WHERE l.amount > 0
  RETURNING id, asset, debit, credit, amount
),
b AS (
  INSERT INTO lean_balances AS lb (account, balance)
  SELECT account, sum(amount) FROM (SELECT credit AS account, amount FROM t UNION ALL SELECT debit, -amount FROM t) m
  GROUP BY account ORDER BY account
  ON CONFLICT (account) DO UPDATE SET balance = lb.balance + excluded.balance
),
lots AS (
  INSERT INTO lean_lots (citizen_id, transfer_id, points, remaining, expires_at)
  SELECT substr(credit, 8)::uuid, id, amount, amount,
         (date_trunc('year', now() AT TIME ZONE 'Asia/Shanghai') + interval '2 years') AT TIME ZONE 'Asia/Shanghai'
  FROM t WHERE asset = 2
)
SELECT count(*)::int AS settled FROM a`;

export interface LeanRun extends SettlementRun {
  /** Heap + indexes + TOAST the lean tables grew by, ÷ actions settled. */
  bytesPerAction: number;
  /** Sum of every balance (zero when each transfer moved as much out as in). */
  balanceTotal: string;
}

export async function runLeanSettlement(
  database: string,
  batchSize: number,
  onProgress: (settled: number, seconds: number) => void,
): Promise<LeanRun> {
  const client = new pg.Client({
    connectionString: databaseUrl(database),
    application_name: 'carbon-bench-lean',
  });
  await client.connect();
  try {
    await client.query(LEAN_SCHEMA);
    await client.query('VACUUM ANALYZE lean_actions, lean_inbox, lean_transfers, lean_balances, lean_lots');
    const leanBytes = async () =>
      BigInt(
        (
          await client.query<{ bytes: string }>(
            `SELECT sum(pg_total_relation_size(c.oid))::text AS bytes FROM pg_class c
             WHERE c.relkind = 'r' AND c.relname LIKE 'lean\\_%' AND c.relnamespace = 'public'::regnamespace`,
          )
        ).rows[0].bytes,
      );
    const bytesBefore = await leanBytes();
    const cpuBefore = processTicks();
    const run = await runBatchLoop(async () => {
      const { rows } = await client.query<{ settled: number }>(LEAN_SETTLE_SQL, [batchSize]);
      return rows[0].settled;
    }, onProgress);
    const pgSeconds = await backendCpuSeconds(
      async (q) => (await client.query<{ pid: number }>(q)).rows,
      cpuBefore,
    );
    const bytesAfter = await leanBytes();
    const [{ total }] = (
      await client.query<{ total: string }>(
        `SELECT coalesce(sum(balance), 0)::text AS total FROM lean_balances`,
      )
    ).rows;
    return {
      settled: run.settled,
      batches: run.batches,
      batchSize,
      seconds: run.seconds,
      perSecond: run.perSecond,
      batchMs: run.batchMs,
      cpuCores: run.cpuCores,
      pgCpuUsPerAction: round((pgSeconds * 1e6) / Math.max(run.settled, 1), 1),
      bytesPerAction: round(Number(bytesAfter - bytesBefore) / Math.max(run.settled, 1)),
      balanceTotal: total,
      breakdown: [
        {
          label: 'WITH … (one lean statement per batch)',
          count: run.batches,
          totalMs: round(run.batchTotalMs, 1),
          meanMs: round(run.batchTotalMs / Math.max(run.batches, 1), 3),
          share: round(run.batchTotalMs / run.wallMs, 4),
        },
      ],
    };
  } finally {
    await client.end();
  }
}
