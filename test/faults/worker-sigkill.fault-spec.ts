import {
  checkMidRun,
  openServiceTransactions,
  secs,
  settledCount,
  expectEverySettledOnce,
  waitForQuiet,
} from './support/checks.js';
import { BACKLOG_WORKER_ENV, backlogScenario } from './support/backlog.js';
import { describeExit, sleep, type ManagedProcess } from './support/processes.js';
import { log } from './support/world.js';

const CITIZENS = 500;
const TRIPS_PER_CITIZEN = 40; // 20,000 actions
const MIN_KILLS = 20;
const MAX_KILLS = 30; // then the last worker settles what is left, to bound the time on a slow machine

/**
 * DESIGN.md §4.6: an accepted action is never lost, not by a worker killed mid-batch. A backlog of
 * 20,000 actions is accepted while no worker runs; then a worker settles it in batches of 200 and is
 * killed with SIGKILL at random moments, and restarted, until the backlog is gone.
 */
describe('worker killed with SIGKILL while it settles a backlog', () => {
  const scenario = backlogScenario('sigkill', {
    label: 'kill',
    citizens: CITIZENS,
    tripsPerCitizen: TRIPS_PER_CITIZEN,
  });

  it('settles every accepted action exactly once across at least 20 kills', async () => {
    const { world, random, started, trips, citizens, accepted, ingest } = await scenario.accept();
    expect(ingest.notAccepted).toEqual({});
    expect(ingest.accepted).toBe(trips.length);

    // Kill at a random moment 0.3–1.5 s after the worker is seen settling; if it settles fast, kill it
    // once it has settled its share of what is left, so the work outlasts at least MIN_KILLS kills.
    // After MAX_KILLS, the next worker is left to finish.
    const kills = { total: 0, byTimer: 0, byShare: 0, withOpenTransaction: 0, midRunChecks: 0 };
    const killStarted = Date.now();
    let finisher: ManagedProcess | undefined;
    for (let life = 1; ; life++) {
      const before = await settledCount(world);
      const worker = world.startWorker(BACKLOG_WORKER_ENV);
      if (kills.total >= MAX_KILLS) {
        log(
          `sigkill: ${MAX_KILLS} kills done; life ${life} is left to settle the other ${trips.length - before}`,
        );
        finisher = worker;
        break;
      }
      const killsLeft = Math.max(MIN_KILLS - kills.total, 0);
      const share = killsLeft ? Math.floor((trips.length - before) / (killsLeft + 1)) : Infinity;
      const delayMs = 300 + Math.floor(random() * 1_200);
      let progressAt: number | undefined;
      let reason: 'timer' | 'share' | 'drained' | undefined;
      let settled = before;
      while (!reason) {
        await sleep(25);
        if (!worker.running)
          throw new Error(`worker exited by itself (${describeExit(worker.exitInfo!)}):\n${worker.tail()}`);
        settled = await settledCount(world);
        if (settled === accepted.size) reason = 'drained';
        else if (progressAt === undefined) {
          if (settled > before) progressAt = Date.now();
          else if (Date.now() - worker.startedAt > 60_000)
            throw new Error(`worker settled nothing in 60 s:\n${worker.tail()}`);
        } else if (settled - before >= share) reason = 'share';
        else if (Date.now() - progressAt >= delayMs) reason = 'timer';
      }
      if (reason === 'drained') {
        log(`sigkill: life ${life} settled the rest (${settled - before} actions); it is left running`);
        break;
      }
      const open = await openServiceTransactions(world);
      await worker.kill('SIGKILL');
      kills.total += 1;
      kills[reason === 'timer' ? 'byTimer' : 'byShare'] += 1;
      if (open > 0) kills.withOpenTransaction += 1;
      if (kills.total % 5 === 0) {
        // Between two workers: each batch is in the ledger as a whole or not at all.
        expect(await checkMidRun(world, accepted, citizens)).toEqual([]);
        kills.midRunChecks += 1;
        log(
          `sigkill: ${kills.total} kills, ${settled} of ${accepted.size} settled, ${secs(killStarted)} (mid-run check ok)`,
        );
      }
    }
    const counts = await waitForQuiet(world, {
      expected: accepted.size,
      timeoutMs: 120_000,
      tick: async () => {
        if (finisher && !finisher.running)
          throw new Error(
            `worker exited by itself (${describeExit(finisher.exitInfo!)}):\n${finisher.tail()}`,
          );
      },
    });
    log(
      `sigkill: quiet after ${kills.total} kills (${kills.byTimer} at a random moment, ${kills.byShare} on their share; ` +
        `${kills.withOpenTransaction} with a transaction open) in ${secs(killStarted)}; ${JSON.stringify(counts)}; total ${secs(started)}`,
    );

    expect(kills.total).toBeGreaterThanOrEqual(MIN_KILLS);
    await expectEverySettledOnce(world, accepted, citizens, trips.length);
    expect(world.crashedProcesses()).toEqual([]);
  });
});
