import {
  checkMidRun,
  pendingCount,
  secs,
  settledCount,
  expectEverySettledOnce,
  waitForQuiet,
} from './support/checks.js';
import { AcceptedActions, loginAll, planTrips, submitTrips } from './support/load.js';
import { seededRandom, sleep, suiteSeed } from './support/processes.js';
import { WorkerSupervisor } from './support/supervisor.js';
import { FaultWorld, log } from './support/world.js';

const CITIZENS = 250;
const TRIPS_PER_CITIZEN = 20; // 5,000 actions
const BACKLOG = 4_000; // accepted before the worker starts; the rest trickle in through the outages
const OUTAGES = 3;
const SERVICE_ENV = { SETTLEMENT_BATCH_SIZE: '200', SWEEP_INTERVAL_MS: '1000', SWEEP_STALE_AFTER_MS: '3000' };

/**
 * DESIGN.md §4.6: an accepted action is not lost by a Postgres restart. While a worker settles a
 * backlog and more actions trickle in, PostgreSQL is stopped the hard way (pg_ctl -m immediate: every
 * backend dies, no checkpoint, crash recovery at the next start) and started again, three times. The
 * batch in flight rolls back as a whole; the services reconnect by themselves (their requests and
 * jobs fail while it is down: the client retries with the same Idempotency-Key, BullMQ retries the
 * job, the sweeper re-enqueues), and everything accepted is settled exactly once.
 */
describe('PostgreSQL stopped with -m immediate during settlement', () => {
  let world: FaultWorld;

  beforeAll(async () => {
    world = await FaultWorld.create('postgres');
  });

  afterAll(async () => {
    await world?.dispose();
  });

  it('rolls back the batch in flight and resumes by itself, settling everything once', async () => {
    const seed = suiteSeed();
    const random = seededRandom(seed);
    log(`postgres: seed ${seed}`);
    const started = Date.now();

    const api = await world.startApi(SERVICE_ENV);
    await world.seed();
    const trips = planTrips({ label: 'pg', citizens: CITIZENS, tripsPerCitizen: TRIPS_PER_CITIZEN, random });
    const citizens = await loginAll(api.client, [...new Set(trips.map((t) => t.citizen))]);
    const accepted = new AcceptedActions(trips);
    const backlog = await submitTrips({
      apis: [api.client],
      citizens,
      trips: trips.slice(0, BACKLOG),
      accepted,
      concurrency: 48,
      retry: false,
    });
    expect(backlog.notAccepted).toEqual({});
    log(`postgres: ${backlog.accepted} actions accepted with no worker running`);

    // The test restarts a service only if it dies (or hangs) on its own, and says so below.
    let pgUp = true;
    let outagesDone = false;
    const supervisor = new WorkerSupervisor(world, SERVICE_ENV, { canProgress: () => pgUp });
    supervisor.watch();
    const healthy = () => supervisor.assertHealthy();
    const trickle = submitTrips({
      apis: [api.client],
      citizens,
      trips: trips.slice(BACKLOG),
      accepted,
      concurrency: 4,
      retry: true,
      // About 50 a second while the outages go on (so requests meet them), then the rest at once.
      paceMs: () => (outagesDone ? 0 : 80),
    });
    trickle.catch(() => undefined); // awaited below; if the test fails first, dispose() ends it

    const outages: { settledAtStop: number; downMs: number; recoveredMs: number }[] = [];
    for (let i = 1; i <= OUTAGES; i++) {
      // During settlement: at 1/4, 2/4, 3/4 of the backlog (so there is always work in flight),
      // then a random moment later.
      const threshold = Math.floor((BACKLOG * i) / (OUTAGES + 1)) + Math.floor(random() * 150);
      await waitFor(
        async () => (await settledCount(world)) >= threshold,
        120_000,
        `${threshold} settled`,
        healthy,
      );
      await sleep(Math.floor(random() * 400));
      const settledAtStop = await settledCount(world);
      pgUp = false;
      await world.postgres.stopImmediate();
      const downMs = 1_000 + Math.floor(random() * 1_500);
      await sleep(downMs);
      await world.postgres.start();
      pgUp = true;
      const restarted = Date.now();
      const resumedFrom = await settledCount(world);
      await waitFor(
        async () => (await settledCount(world)) > resumedFrom || (await pendingCount(world)) === 0,
        120_000,
        'settlement after restart',
        healthy,
      );
      const recoveredMs = Date.now() - restarted;
      outages.push({ settledAtStop, downMs, recoveredMs });
      // A snapshot of the running system: whole batches only.
      expect(await checkMidRun(world, accepted, citizens)).toEqual([]);
      log(
        `postgres: outage ${i}: stopped at ${settledAtStop} settled, down ${downMs} ms, settling again ${recoveredMs} ms after the start (mid-run check ok)`,
      );
    }

    outagesDone = true;
    const ingest = await trickle;
    log(`postgres: trickle ingest through the outages ${JSON.stringify(ingest)}`);
    const counts = await waitForQuiet(world, {
      expected: trips.length,
      timeoutMs: 180_000,
      tick: async () => supervisor.assertHealthy(),
    });
    await supervisor.stop();
    log(`postgres: quiet ${JSON.stringify(counts)}; total ${secs(started)}`);

    expect(ingest.gaveUp).toBe(0);
    // An outage is a retryable 503 (or no answer), never a 500.
    expect(ingest.notAccepted['500']).toBeUndefined();
    expect(accepted.size).toBe(trips.length);
    expect(outages).toHaveLength(OUTAGES);
    await expectEverySettledOnce(world, accepted, citizens, trips.length);
    // Ideally nothing had to be restarted: the API and the worker ride out the outages.
    if (supervisor.restarts.length)
      log(`postgres: the worker had to be restarted: ${JSON.stringify(supervisor.restarts)}`);
    expect(api.process.running).toBe(true);
    expect(supervisor.restarts).toEqual([]);
  });
});

async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
  healthy: () => void,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    healthy();
    try {
      if (await check()) return;
    } catch {
      // the database is coming back
    }
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await sleep(25);
  }
}
