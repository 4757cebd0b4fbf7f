import {
  checkMidRun,
  openServiceTransactions,
  secs,
  settledCount,
  expectEverySettledOnce,
  waitForQuiet,
} from './support/checks.js';
import { BACKLOG_WORKER_ENV, backlogScenario } from './support/backlog.js';
import { describeExit, sleep, within, type ExitInfo } from './support/processes.js';
import { log } from './support/world.js';

const CITIZENS = 200;
const TRIPS_PER_CITIZEN = 30; // 6,000 actions
const ROUNDS = 3;
const EXIT_BOUND_MS = 15_000;

/**
 * A worker asked to stop (SIGTERM, as a deploy or a scale-down does) while it settles a backlog ends
 * its batch or lets it go, and exits by itself with code 0 within 15 s; nothing it had is lost: the
 * next worker settles the rest.
 */
describe('worker stopped with SIGTERM under load', () => {
  const scenario = backlogScenario('sigterm', {
    label: 'term',
    citizens: CITIZENS,
    tripsPerCitizen: TRIPS_PER_CITIZEN,
  });

  it('exits cleanly mid-backlog, and the next worker settles everything exactly once', async () => {
    const { world, random, started, trips, citizens, accepted, ingest } = await scenario.accept();
    expect(ingest.notAccepted).toEqual({});

    const exits: { info: ExitInfo; ms: number; settledBefore: number; settledAfter: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const before = await settledCount(world);
      if (before === trips.length) break;
      const worker = world.startWorker(BACKLOG_WORKER_ENV);
      // Under load: wait until it is seen settling, then a random moment more.
      while ((await settledCount(world)) === before) {
        if (!worker.running)
          throw new Error(`worker exited by itself (${describeExit(worker.exitInfo!)}):\n${worker.tail()}`);
        if (Date.now() - worker.startedAt > 60_000)
          throw new Error(`worker settled nothing in 60 s:\n${worker.tail()}`);
        await sleep(25);
      }
      await sleep(300 + Math.floor(random() * 1_200));
      const settledBefore = await settledCount(world);
      const signalled = Date.now();
      worker.expectedExit = true;
      worker.signal('SIGTERM');
      const info = await within(worker.exited, EXIT_BOUND_MS + 5_000);
      if (!info)
        throw new Error(`worker still running ${EXIT_BOUND_MS + 5_000} ms after SIGTERM:\n${worker.tail()}`);
      const ms = Date.now() - signalled;
      const settledAfter = await settledCount(world);
      exits.push({ info, ms, settledBefore, settledAfter });
      log(
        `sigterm: round ${round}: exit ${describeExit(info)} ${ms} ms after SIGTERM; settled ${settledBefore} → ${settledAfter} of ${trips.length}`,
      );
      // It released everything: no transaction of it is left, and the ledger is whole.
      expect(await openServiceTransactions(world)).toBe(0);
      expect(await checkMidRun(world, accepted, citizens)).toEqual([]);
      if (settledAfter === trips.length) break;
    }

    world.startWorker(BACKLOG_WORKER_ENV);
    const counts = await waitForQuiet(world, { expected: accepted.size, timeoutMs: 120_000 });
    log(`sigterm: quiet ${JSON.stringify(counts)}; total ${secs(started)}`);

    for (const exit of exits) {
      expect(exit.info).toEqual({ code: 0, signal: null });
      expect(exit.ms).toBeLessThan(EXIT_BOUND_MS);
    }
    expect(exits.some((e) => e.settledBefore < trips.length)).toBe(true);
    await expectEverySettledOnce(world, accepted, citizens, trips.length);
    expect(world.crashedProcesses()).toEqual([]);
  });
});
