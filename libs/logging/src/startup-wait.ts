import type { Logger } from 'pino';

/** Exponential backoff with jitter between `initialMs` and `maxMs`, for at most `maxWaitMs` in all. */
export interface BackoffPolicy {
  maxWaitMs: number;
  retryInitialMs: number;
  retryMaxMs: number;
}

/** Something a process needs before it can start, and how to tell it answers (the probe rejects if not). */
export interface Dependency {
  name: string;
  probe: () => Promise<unknown>;
  /** Said after the last error when the wait runs out (how to start it, which variable names it). */
  help?: string;
}

/**
 * The pause before retry number `attempt` (1 = the first retry): the ceiling doubles from
 * `retryInitialMs` up to `retryMaxMs`, and the pause is drawn in its upper half ("equal jitter"), so
 * replicas that started together do not knock on a recovering server in step, yet none hammers it.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random = Math.random): number {
  const ceiling = Math.min(policy.retryMaxMs, policy.retryInitialMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** The wait ran out: `message` names what never answered, its last error and the setting to change. */
export class StartupTimeoutError extends Error {
  override name = 'StartupTimeoutError';
}

export interface WaitOptions {
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Probes every dependency until all answer. Each failed round is one JSON line (warn) naming what is
 * down and when the next try is; once all answer after a wait, one line (info) says how long it took.
 * Gives up (StartupTimeoutError) when the next try would come after `maxWaitMs`.
 */
export async function waitForDependencies(
  dependencies: Dependency[],
  policy: BackoffPolicy,
  logger: Logger,
  options: WaitOptions = {},
): Promise<{ attempts: number; waitedMs: number }> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? pause;
  const started = now();
  for (let attempt = 1; ; attempt++) {
    const results = await Promise.all(
      dependencies.map(async (dependency) => {
        try {
          await dependency.probe();
          return undefined;
        } catch (error) {
          return { dependency, error: (error as Error).message || String(error) };
        }
      }),
    );
    const down = results.filter((r) => r !== undefined);
    const waitedMs = now() - started;
    if (!down.length) {
      if (attempt > 1)
        logger.info(
          { event: 'startup.ready', attempts: attempt, waitedMs },
          `${dependencies.map((d) => d.name).join(' and ')} reachable after ${attempt} attempts (${waitedMs} ms)`,
        );
      return { attempts: attempt, waitedMs };
    }
    const names = down.map((d) => d.dependency.name).join(' and ');
    const errors = Object.fromEntries(down.map((d) => [d.dependency.name, d.error]));
    const delay = Math.min(backoffDelay(attempt, policy, options.random), policy.maxWaitMs - waitedMs);
    if (delay <= 0) {
      const message = [
        `${names} not reachable after ${attempt} attempt(s) in ${waitedMs} ms (STARTUP_MAX_WAIT_MS=${policy.maxWaitMs}): giving up.`,
        ...down.map((d) => `${d.dependency.name}: ${d.error}`),
        ...down.flatMap((d) => (d.dependency.help ? [d.dependency.help] : [])),
      ].join('\n');
      logger.fatal({ event: 'startup.gave_up', attempts: attempt, waitedMs, errors }, message);
      throw new StartupTimeoutError(message);
    }
    logger.warn(
      { event: 'startup.waiting', attempt, retryInMs: delay, waitedMs, maxWaitMs: policy.maxWaitMs, errors },
      `waiting for ${names}: attempt ${attempt} failed, retrying in ${delay} ms`,
    );
    await sleep(delay);
  }
}
