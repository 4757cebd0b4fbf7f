import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { reconcile, type ReconciliationReport } from '@app/ledger';
import { dataSourceOptions } from '@app/persistence';
import { DataSource } from 'typeorm';
import type { AcceptedActions, Citizen } from './load.js';
import { sleep } from './processes.js';
import { log, type FaultWorld } from './world.js';

export type StatusCounts = Record<string, number>;

export async function statusCounts(world: FaultWorld): Promise<StatusCounts> {
  const rows = await world.query<{ status: string; n: string }>(
    `SELECT status, count(*)::text AS n FROM actions GROUP BY status`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

const pending = (counts: StatusCounts) => (counts.received ?? 0) + (counts.quantified ?? 0);
const total = (counts: StatusCounts) => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * Waits until the system is quiet: every accepted action is in the database and none is left in
 * received/quantified. `tick` runs on every poll (a scenario restarts crashed services there). The
 * database may be unreachable for a while (a scenario restarting it): polls that fail are retried.
 */
export async function waitForQuiet(
  world: FaultWorld,
  options: { expected: number; timeoutMs: number; tick?: () => Promise<void>; label?: string },
): Promise<StatusCounts> {
  const started = Date.now();
  let lastLog = started;
  let counts: StatusCounts = {};
  for (;;) {
    await options.tick?.();
    try {
      counts = await statusCounts(world);
      if (pending(counts) === 0 && total(counts) >= options.expected) return counts;
    } catch {
      // PostgreSQL is down or restarting; the next poll will tell.
    }
    if (Date.now() - started > options.timeoutMs) {
      throw new Error(
        `not quiet after ${options.timeoutMs} ms: ${JSON.stringify(counts)} (expected ${options.expected} actions)\n${world.tails()}`,
      );
    }
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      log(
        `${options.label ?? world.name}: waiting for quiet, ${JSON.stringify(counts)} after ${secs(started)}`,
      );
    }
    await sleep(200);
  }
}

export const secs = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/**
 * reconcile() from libs/ledger (DESIGN.md §4 as SQL), through a TypeORM DataSource like the app's.
 * ANALYZE first: on tables filled seconds ago without statistics, the planner joins actions to their
 * postings with a nested loop over every posting (seconds for 3,000 actions, minutes for 20,000).
 */
export async function runReconciliation(world: FaultWorld): Promise<ReconciliationReport> {
  await world.query('ANALYZE actions, ledger_postings, ledger_entries, accounts');
  const dataSource = await new DataSource(
    dataSourceOptions(loadConfig({ DATABASE_URL: world.databaseUrl, DATABASE_POOL_SIZE: '2' })),
  ).initialize();
  try {
    return await reconcile(dataSource.manager);
  } finally {
    await dataSource.destroy();
  }
}

export interface LedgerCheck {
  /** Everything found wrong; the test expects it empty. Each entry names the check and a few samples. */
  problems: string[];
  actions: number;
  settled: number;
  postings: number;
  citizens: number;
  grams: number;
}

interface ActionRow {
  id: string;
  idempotency_key: string;
  citizen_id: string;
  status: string;
  reason_code: string | null;
  grams: string | null;
  points: string | null;
  posting_id: string | null;
}

/**
 * The independent model: from the trips sent (their distances) and what the APIs accepted (202), the
 * exact state the ledger must be in. Read in one repeatable-read snapshot, so it holds at any moment,
 * not only at the end: every action in the database is a planned trip (found by its Idempotency-Key);
 * a settled action has exactly one posting, the trip's grams and as many points (1 point per gram);
 * an unsettled one has no posting; each citizen's carbon and points balances are the sums over their
 * settled trips; the regional pools and the points issuance hold minus the totals. With `final`, the
 * actions in the database are exactly the accepted ones (same ids), all of them settled.
 */
export async function checkAgainstModel(
  world: FaultWorld,
  accepted: AcceptedActions,
  citizens: Map<string, Citizen>,
  options: { final: boolean },
): Promise<LedgerCheck> {
  const problems: string[] = [];
  const report = (check: string, samples: unknown[]) => {
    if (samples.length)
      problems.push(`${check}: ${samples.length} × e.g. ${JSON.stringify(samples.slice(0, 5))}`);
  };

  const acceptedIds = new Set([...accepted.byKey.values()].map((a) => a.actionId));

  const client = await world.db.connect();
  let actions: ActionRow[];
  let postings: { id: string; cause_id: string; reason: string }[];
  let accounts: { kind: string; owner: string; balance: string }[];
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    actions = (
      await client.query<ActionRow>(
        `SELECT id, idempotency_key, citizen_id, status, reason_code, grams::text, points::text, posting_id::text FROM actions`,
      )
    ).rows;
    postings = (
      await client.query<{ id: string; cause_id: string; reason: string }>(
        `SELECT id::text, cause_id, reason FROM ledger_postings WHERE cause_type = 'action'`,
      )
    ).rows;
    accounts = (
      await client.query<{ kind: string; owner: string; balance: string }>(
        `SELECT kind, owner, balance::text FROM accounts`,
      )
    ).rows;
    await client.query('COMMIT');
  } finally {
    client.release();
  }

  const actionIds = new Set(actions.map((a) => a.id));
  const postingsByAction = new Map<string, { id: string; reason: string }[]>();
  for (const p of postings)
    postingsByAction.set(p.cause_id, [...(postingsByAction.get(p.cause_id) ?? []), p]);

  const expectedByCitizen = new Map<string, number>();
  const seen = new Set<string>();
  const unexpected: unknown[] = [];
  const notSettled: unknown[] = [];
  const wrongGrams: unknown[] = [];
  const wrongPostings: unknown[] = [];
  for (const a of actions) {
    seen.add(a.id);
    const trip = accepted.planned.get(a.idempotency_key);
    if (!trip || (options.final && !acceptedIds.has(a.id))) {
      unexpected.push({ id: a.id, key: a.idempotency_key, status: a.status });
      continue;
    }
    const expected = { grams: trip.grams, citizenId: citizens.get(trip.citizen)?.id };
    const own = postingsByAction.get(a.id) ?? [];
    if (a.status !== 'settled') {
      if (options.final || !['received', 'quantified'].includes(a.status))
        notSettled.push({ id: a.id, status: a.status, reason: a.reason_code });
      if (own.length) wrongPostings.push({ id: a.id, status: a.status, postings: own });
      continue;
    }
    if (expected.citizenId)
      expectedByCitizen.set(
        expected.citizenId,
        (expectedByCitizen.get(expected.citizenId) ?? 0) + expected.grams,
      );
    if (
      a.citizen_id !== expected.citizenId ||
      a.grams !== String(expected.grams) ||
      a.points !== String(expected.grams)
    )
      wrongGrams.push({ id: a.id, grams: a.grams, points: a.points, expected: expected.grams });
    if (own.length !== 1 || own[0].reason !== 'ACTION_SETTLED' || own[0].id !== a.posting_id)
      wrongPostings.push({ id: a.id, postings: own, postingId: a.posting_id });
  }
  if (options.final)
    report(
      'accepted actions missing from the database',
      [...acceptedIds].filter((id) => !seen.has(id)),
    );
  report(
    options.final ? 'actions in the database that no 202 accounted for' : 'actions that are no planned trip',
    unexpected,
  );
  report(options.final ? 'accepted actions not settled' : 'actions rejected or in review', notSettled);
  report('settled grams/points differ from the trip', wrongGrams);
  report(
    'actions whose postings are wrong (settled: exactly one, its posting_id; unsettled: none)',
    wrongPostings,
  );
  report(
    'postings caused by no known action',
    postings.filter((p) => !actionIds.has(p.cause_id)).map((p) => p.cause_id),
  );

  // An account kept in shards (issuance, pools) holds the sum of its shards.
  const balances = (kind: string) => {
    const byOwner = new Map<string, number>();
    for (const a of accounts.filter((x) => x.kind === kind))
      byOwner.set(a.owner, (byOwner.get(a.owner) ?? 0) + Number(a.balance));
    return byOwner;
  };
  for (const kind of ['citizen_carbon', 'citizen_points']) {
    const actual = balances(kind);
    const wrong: unknown[] = [];
    for (const owner of new Set([...actual.keys(), ...expectedByCitizen.keys()])) {
      const want = expectedByCitizen.get(owner) ?? 0;
      if ((actual.get(owner) ?? 0) !== want)
        wrong.push({ owner, balance: actual.get(owner) ?? null, expected: want });
    }
    report(`${kind} balances differ from the model`, wrong);
  }
  const expectedTotal = [...expectedByCitizen.values()].reduce((a, b) => a + b, 0);
  const pools = [...balances('reduction_pool').values()].reduce((a, b) => a + b, 0);
  const issued = [...balances('points_issuance').values()].reduce((a, b) => a + b, 0);
  if (pools !== -expectedTotal) problems.push(`reduction pools hold ${pools}, expected ${-expectedTotal}`);
  if (issued !== -expectedTotal) problems.push(`points issuance holds ${issued}, expected ${-expectedTotal}`);

  return {
    problems,
    actions: actions.length,
    settled: actions.filter((a) => a.status === 'settled').length,
    postings: postings.length,
    citizens: expectedByCitizen.size,
    grams: expectedTotal,
  };
}

/** Both checks, (a) reconciliation and (b) the model, with a summary line for the log. */
export async function verifyWorld(
  world: FaultWorld,
  accepted: AcceptedActions,
  citizens: Map<string, Citizen>,
): Promise<{ reconciliation: ReconciliationReport; model: LedgerCheck }> {
  const reconciliation = await runReconciliation(world);
  const model = await checkAgainstModel(world, accepted, citizens, { final: true });
  log(
    `${world.name}: reconcile ${reconciliation.ok ? 'ok' : 'FAILED'} (${reconciliation.checks.length} checks); ` +
      `model: ${model.settled}/${model.actions} settled, ${model.postings} postings, ${model.citizens} citizens, ` +
      `${model.grams} g; ${model.problems.length} problem(s)`,
  );
  return { reconciliation, model };
}

/**
 * The end state every fault scenario must reach: reconciliation holds, the independent model agrees
 * with the ledger, and each of the `count` accepted actions is settled by exactly one posting.
 */
export async function expectEverySettledOnce(
  world: FaultWorld,
  accepted: AcceptedActions,
  citizens: Map<string, Citizen>,
  count: number,
): Promise<void> {
  const { reconciliation, model } = await verifyWorld(world, accepted, citizens);
  expect(reconciliation.violations).toEqual([]);
  expect(model.problems).toEqual([]);
  expect(model).toMatchObject({ actions: count, settled: count, postings: count });
}

/** Mid-run: reconciliation and the model on one moment of a running system (empty when all holds). */
export async function checkMidRun(
  world: FaultWorld,
  accepted: AcceptedActions,
  citizens: Map<string, Citizen>,
): Promise<string[]> {
  const reconciliation = await runReconciliation(world);
  const model = await checkAgainstModel(world, accepted, citizens, { final: false });
  return [
    ...reconciliation.violations.map(
      (v) => `reconcile ${v.check}: ${v.count} × e.g. ${JSON.stringify(v.samples)}`,
    ),
    ...model.problems,
    ...(await queueMismatches(world)),
  ];
}

/**
 * The work queue (migration 1765360000000) holds exactly the actions waiting, each in its status's
 * stage: up to five that break it, in one statement (one snapshot).
 */
async function queueMismatches(world: FaultWorld): Promise<string[]> {
  const rows = await world.query<{ id: string; status: string | null; stage: string | null }>(
    `SELECT coalesce(a.id, q.action_id) AS id, a.status, q.stage
     FROM (SELECT id, status FROM actions WHERE status IN ('received', 'quantified', 'review')) a
     FULL JOIN action_queue q ON q.action_id = a.id
     WHERE a.id IS NULL OR q.action_id IS NULL OR a.status <> q.stage LIMIT 5`,
  );
  return rows.map(
    (r) => `action_queue: ${r.id} is ${r.status ?? 'not waiting'}, queued ${r.stage ?? 'nowhere'}`,
  );
}

/** Actions still to be quantified or settled (read from the actions, not the queue the check above compares). */
export async function pendingCount(world: FaultWorld): Promise<number> {
  const [row] = await world.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM actions WHERE status IN ('received', 'quantified')`,
  );
  return Number(row.n);
}

/** Service connections (API or worker: application_name carbon-points) inside a transaction right now. */
export async function openServiceTransactions(world: FaultWorld): Promise<number> {
  const [row] = await world.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM pg_stat_activity
     WHERE application_name = 'carbon-points' AND backend_type = 'client backend' AND xact_start IS NOT NULL`,
  );
  return Number(row.n);
}

export async function settledCount(world: FaultWorld): Promise<number> {
  const [row] = await world.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM actions WHERE status = 'settled'`,
  );
  return Number(row.n);
}
