import {
  AcceptedActions,
  loginAll,
  planTrips,
  submitTrips,
  type Citizen,
  type PlannedTrip,
  type SubmitStats,
} from './load.js';
import { seededRandom, suiteSeed } from './processes.js';
import { FaultWorld, log } from './world.js';

/** Workers that settle in batches of 200 and sweep up, within seconds, what a stopped worker left. */
export const BACKLOG_WORKER_ENV = {
  SETTLEMENT_BATCH_SIZE: '200',
  SWEEP_INTERVAL_MS: '1000',
  SWEEP_STALE_AFTER_MS: '3000',
};

export interface Backlog {
  world: FaultWorld;
  /** Seeded by FAULT_SEED: the trips were drawn from it, the scenario's own moments come next. */
  random: () => number;
  started: number;
  trips: PlannedTrip[];
  citizens: Map<string, Citizen>;
  accepted: AcceptedActions;
  ingest: SubmitStats;
}

/**
 * A scenario in which workers are stopped while they settle a backlog. Called inside a describe: its
 * FaultWorld is created before the tests and disposed after them. accept() starts the API, seeds,
 * and submits every planned trip while no worker runs; the test checks what was accepted.
 */
export function backlogScenario(
  name: string,
  plan: { label: string; citizens: number; tripsPerCitizen: number },
): { accept(): Promise<Backlog> } {
  let world: FaultWorld;

  beforeAll(async () => {
    world = await FaultWorld.create(name);
  });

  afterAll(async () => {
    await world?.dispose();
  });

  return {
    async accept() {
      const seed = suiteSeed();
      const random = seededRandom(seed);
      log(`${name}: seed ${seed} (FAULT_SEED=${seed} repeats the trips and the moments of the faults)`);
      const started = Date.now();

      const api = await world.startApi();
      await world.seed();
      const trips = planTrips({ ...plan, random });
      const citizens = await loginAll(api.client, [...new Set(trips.map((t) => t.citizen))]);
      const accepted = new AcceptedActions(trips);
      const ingest = await submitTrips({
        apis: [api.client],
        citizens,
        trips,
        accepted,
        concurrency: 48,
        retry: false,
      });
      log(
        `${name}: ${ingest.accepted} of ${trips.length} actions accepted in ${ingest.durationMs} ms, no worker running`,
      );
      return { world, random, started, trips, citizens, accepted, ingest };
    },
  };
}
