import { readFileSync } from 'node:fs';
import { pendingCount, settledCount } from './checks.js';
import { describeExit, sleep, type ManagedProcess } from './processes.js';
import { log, type FaultWorld } from './world.js';

const CLOCK_TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

/** CPU time (user + system, in clock ticks) and resident memory (kB) of a process, from /proc. */
function usage(pid: number | undefined): { ticks: number; rssKb: number } | undefined {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return {
      ticks: Number(fields[11]) + Number(fields[12]),
      rssKb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0),
    };
  } catch {
    return undefined;
  }
}

export interface Restart {
  worker: string;
  reason: string;
}

/**
 * Plays the part of a process supervisor for one worker: if the worker exits by itself, or stops
 * making progress while it burns a core or its memory grows, it is killed and restarted, and the
 * restart recorded so the test can say so. With FAULTS_STRICT=1 such a worker fails the test instead.
 *
 * Why a worker can hang (found by the Redis scenario, as of this writing): the BullMQ Worker that
 * @nestjs/bullmq builds for @Processor(actions) takes the queue's connection options, and
 * libs/queues registers the queue with enableOfflineQueue: false (right for the producer, which must
 * fail fast). When Redis goes away while the worker is between jobs (not blocked waiting), every
 * fetch fails at once with "Stream isn't writeable and enableOfflineQueue options is false", which
 * BullMQ does not count as a connection error, so its main loop retries with no delay: the event loop
 * starves, ioredis never reconnects (even once Redis is back), CPU sits at 100 % and the heap grows
 * until V8 aborts (out of memory) a minute or so later.
 */
export class WorkerSupervisor {
  readonly restarts: Restart[] = [];
  worker: ManagedProcess;
  private lastSettled = -1;
  private lastProgressAt = Date.now();
  private cpuMark: { ticks: number; at: number } | undefined;
  private running = false;
  private loop?: Promise<void>;
  private failure: unknown;

  constructor(
    private readonly world: FaultWorld,
    private readonly env: Record<string, string>,
    private readonly options: {
      /** False while a fault is in place that legitimately stops progress (the database is down). */
      canProgress?: () => boolean;
      /** No progress for this long while burning CPU or memory means hung. */
      hungAfterMs?: number;
      /** No progress for this long means hung, whatever the CPU does. */
      stuckAfterMs?: number;
      strict?: boolean;
      onStart?: (worker: ManagedProcess) => void;
    } = {},
  ) {
    this.worker = this.spawn();
    world.onDispose(async () => {
      this.running = false;
      await this.loop;
    });
  }

  get strict(): boolean {
    return this.options.strict ?? process.env.FAULTS_STRICT === '1';
  }

  /** Checks every 250 ms in the background until stop(). */
  watch(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        try {
          await this.check();
        } catch (error) {
          this.failure ??= error;
          this.running = false;
        }
        await sleep(250);
      }
    })();
  }

  /** Throws what made the watch fail (strict mode), so a test waiting on progress stops at once. */
  assertHealthy(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  /** Stops watching; rethrows what made the watch fail (strict mode). */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    if (this.failure !== undefined) throw this.failure;
  }

  private async check(): Promise<void> {
    const worker = this.worker;
    const canProgress = this.options.canProgress?.() ?? true;
    if (!worker.running) {
      // A worker does not start without Redis: wait for the fault to be over.
      if (worker.expectedExit || !canProgress) return;
      return this.restart(`exited by itself (${describeExit(worker.exitInfo!)})`);
    }
    let settled: number;
    let pending: number;
    try {
      [settled, pending] = await Promise.all([settledCount(this.world), pendingCount(this.world)]);
    } catch {
      return; // the database is away; nothing to judge by
    }
    const now = Date.now();
    const sample = usage(worker.pid);
    if (settled !== this.lastSettled || pending === 0 || !canProgress || !sample) {
      this.lastSettled = settled;
      this.lastProgressAt = now;
      this.cpuMark = sample && { ticks: sample.ticks, at: now };
      return;
    }
    const stalledMs = now - this.lastProgressAt;
    const cpu = this.cpuMark
      ? ((sample.ticks - this.cpuMark.ticks) /
          CLOCK_TICKS_PER_SECOND /
          Math.max((now - this.cpuMark.at) / 1000, 0.001)) *
        100
      : 0;
    // A healthy worker with nothing it can do idles at a few % CPU and ~200 MB.
    const hung = stalledMs >= (this.options.hungAfterMs ?? 5_000) && (cpu >= 50 || sample.rssKb > 1_000_000);
    const stuck = stalledMs >= (this.options.stuckAfterMs ?? 30_000);
    if (hung || stuck)
      return this.restart(
        `no progress for ${(stalledMs / 1000).toFixed(1)} s with ${pending} pending, ` +
          `at ${cpu.toFixed(0)} % CPU, RSS ${Math.round(sample.rssKb / 1024)} MB`,
      );
  }

  private async restart(reason: string): Promise<void> {
    const old = this.worker;
    const message = `${old.name} ${reason}`;
    if (this.strict) throw new Error(`${message} (FAULTS_STRICT=1)\n${old.tail(20)}`);
    log(`supervisor: ${message}; restarting it`);
    this.restarts.push({ worker: old.name, reason });
    await old.kill('SIGKILL');
    this.worker = this.spawn();
    this.lastProgressAt = Date.now();
    this.cpuMark = undefined;
  }

  private spawn(): ManagedProcess {
    const worker = this.world.startWorker(this.env);
    this.options.onStart?.(worker);
    return worker;
  }
}
