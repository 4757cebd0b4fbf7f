import { secs, expectEverySettledOnce, waitForQuiet } from './support/checks.js';
import { AcceptedActions, loginAll, planTrips, submitTrips, type PlannedTrip } from './support/load.js';
import { seededRandom, sleep, suiteSeed } from './support/processes.js';
import { FaultWorld, log } from './support/world.js';

const CITIZENS = 250;
const TRIPS_PER_CITIZEN = 16; // 4,000 actions
const DUPLICATE_EVERY = 10; // every 10th trip is also sent to the other API at the same moment
const SERVICE_ENV = { SETTLEMENT_BATCH_SIZE: '100', SWEEP_INTERVAL_MS: '1000', SWEEP_STALE_AFTER_MS: '3000' };

/**
 * Two API processes and two workers on one database and one queue prefix, as a scaled-out deployment
 * runs: every citizen's trips are spread over both APIs (and some are sent to both at once, same
 * Idempotency-Key), both workers claim batches from the same inbox. Every submission is answered 202
 * (no 5xx from a deadlock or a unique violation between the APIs), the same key gives the same action
 * through either API, PostgreSQL reports no deadlock, and each action is settled exactly once.
 */
describe('two APIs and two workers at once', () => {
  let world: FaultWorld;

  beforeAll(async () => {
    world = await FaultWorld.create('concurrent');
  });

  afterAll(async () => {
    await world?.dispose();
  });

  it('accepts everything through both APIs and settles each action exactly once', async () => {
    const seed = suiteSeed();
    const random = seededRandom(seed);
    log(`concurrent: seed ${seed}`);
    const started = Date.now();

    const first = await world.startApi(SERVICE_ENV);
    await world.seed();
    const second = await world.startApi(SERVICE_ENV);
    // Each worker's connections carry its own application_name, to see both of them at work.
    const workers = ['a', 'b'].map((name) =>
      world.startWorker({
        ...SERVICE_ENV,
        DATABASE_URL: `${world.databaseUrl}?application_name=fault-worker-${name}`,
      }),
    );

    const trips = planTrips({
      label: 'dual',
      citizens: CITIZENS,
      tripsPerCitizen: TRIPS_PER_CITIZEN,
      random,
    });
    const citizens = await loginAll(first.client, [...new Set(trips.map((t) => t.citizen))]);
    const accepted = new AcceptedActions(trips);
    // submitTrips sends the i-th request to API i % 2, so a duplicate right after its original goes
    // to the other API while the original is still in flight.
    const requests: PlannedTrip[] = trips.flatMap((trip, i) =>
      i % DUPLICATE_EVERY === 0 ? [trip, trip] : [trip],
    );

    const busy = { 'fault-worker-a': 0, 'fault-worker-b': 0 } as Record<string, number>;
    let sampling = true;
    world.onDispose(() => {
      sampling = false;
    });
    const sampler = (async () => {
      while (sampling) {
        const rows = await world
          .query<{ application_name: string }>(
            `SELECT DISTINCT application_name FROM pg_stat_activity
             WHERE application_name LIKE 'fault-worker-%' AND xact_start IS NOT NULL`,
          )
          .catch(() => []);
        for (const row of rows) busy[row.application_name] += 1;
        await sleep(50);
      }
    })();

    const ingest = await submitTrips({
      apis: [first.client, second.client],
      citizens,
      trips: requests,
      accepted,
      concurrency: 64,
      retry: false,
    });
    log(
      `concurrent: ${requests.length} requests (${requests.length - trips.length} duplicates) through two APIs: ${JSON.stringify(ingest)}`,
    );
    const counts = await waitForQuiet(world, { expected: trips.length, timeoutMs: 120_000 });
    sampling = false;
    await sampler;
    const [{ deadlocks }] = await world.query<{ deadlocks: string }>(
      `SELECT deadlocks::text FROM pg_stat_database WHERE datname = current_database()`,
    );
    log(
      `concurrent: quiet ${JSON.stringify(counts)}; samples with a transaction open per worker ${JSON.stringify(busy)}; deadlocks ${deadlocks}; total ${secs(started)}`,
    );

    // Every request, duplicates included, was answered 202; the same key gave the same action.
    expect(ingest.notAccepted).toEqual({});
    expect(ingest.accepted).toBe(requests.length);
    expect(accepted.size).toBe(trips.length);
    expect(deadlocks).toBe('0');
    await expectEverySettledOnce(world, accepted, citizens, trips.length);
    for (const p of [first.process, second.process, ...workers]) expect(p.running).toBe(true);
    expect(world.crashedProcesses()).toEqual([]);
  });
});
