import { Writable } from 'node:stream';
import { createRootLogger } from './pino-logger.js';
import {
  StartupTimeoutError,
  backoffDelay,
  waitForDependencies,
  type BackoffPolicy,
} from './startup-wait.js';

const policy: BackoffPolicy = { maxWaitMs: 10_000, retryInitialMs: 100, retryMaxMs: 1_000 };

/** A JSON logger whose lines a test reads, and a clock that only the waits move. */
function harness() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  let clock = 0;
  const slept: number[] = [];
  return {
    lines,
    slept,
    logger: createRootLogger({ level: 'info', service: 'worker' }, destination),
    options: {
      now: () => clock,
      sleep: async (ms: number) => {
        slept.push(ms);
        clock += ms;
      },
      random: () => 0.5,
    },
  };
}

/** A probe that fails `times` times, then answers. */
function flaky(times: number, message = 'connect ECONNREFUSED 127.0.0.1:5432') {
  let calls = 0;
  return async () => {
    calls += 1;
    if (calls <= times) throw new Error(message);
  };
}

describe('backoffDelay', () => {
  it('doubles from the initial pause up to the cap, jittered within the upper half', () => {
    const ceilings = [1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, policy, () => 1));
    expect(ceilings).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(backoffDelay(3, policy, () => 0)).toBe(200);
    expect(backoffDelay(50, policy, () => 0.5)).toBe(750);
  });
});

describe('waitForDependencies', () => {
  it('retries what is down with growing pauses, one JSON line per attempt, then says it is up', async () => {
    const { lines, slept, logger, options } = harness();
    const result = await waitForDependencies(
      [
        { name: 'PostgreSQL', probe: flaky(3) },
        { name: 'Redis', probe: flaky(1, 'connect ECONNREFUSED 127.0.0.1:6379') },
      ],
      policy,
      logger,
      options,
    );
    expect(result).toEqual({ attempts: 4, waitedMs: 75 + 150 + 300 });
    expect(slept).toEqual([75, 150, 300]);
    expect(lines.map((l) => [l.level, l.event, l.attempt, l.retryInMs])).toEqual([
      [40, 'startup.waiting', 1, 75],
      [40, 'startup.waiting', 2, 150],
      [40, 'startup.waiting', 3, 300],
      [30, 'startup.ready', undefined, undefined],
    ]);
    expect(lines[0]).toMatchObject({
      service: 'worker',
      msg: 'waiting for PostgreSQL and Redis: attempt 1 failed, retrying in 75 ms',
      errors: {
        PostgreSQL: 'connect ECONNREFUSED 127.0.0.1:5432',
        Redis: 'connect ECONNREFUSED 127.0.0.1:6379',
      },
    });
    expect(lines[1].errors).toEqual({ PostgreSQL: 'connect ECONNREFUSED 127.0.0.1:5432' });
    expect(lines[3].msg).toBe('PostgreSQL and Redis reachable after 4 attempts (525 ms)');
  });

  it('logs nothing when everything answers at once', async () => {
    const { lines, logger, options } = harness();
    await waitForDependencies([{ name: 'Redis', probe: flaky(0) }], policy, logger, options);
    expect(lines).toEqual([]);
  });

  it('gives up when the next try would come after the maximum wait, saying why and what to do', async () => {
    const { lines, slept, logger, options } = harness();
    const wait = waitForDependencies(
      [{ name: 'Redis', probe: flaky(1_000), help: 'start Redis' }],
      { ...policy, maxWaitMs: 2_000 },
      logger,
      options,
    );
    await expect(wait).rejects.toThrow(StartupTimeoutError);
    await expect(wait).rejects.toThrow(
      /^Redis not reachable after \d+ attempt\(s\) in 2000 ms \(STARTUP_MAX_WAIT_MS=2000\): giving up\.\nRedis: connect ECONNREFUSED 127\.0\.0\.1:5432\nstart Redis$/,
    );
    // The last pause is cut short so the final try lands on the deadline, not after it.
    expect(slept.reduce((a, b) => a + b, 0)).toBe(2_000);
    const last = lines[lines.length - 1];
    expect(last).toMatchObject({ level: 60, event: 'startup.gave_up', waitedMs: 2_000 });
  });

  it('with a maximum wait of 0 tries once', async () => {
    const { slept, logger, options } = harness();
    await expect(
      waitForDependencies(
        [{ name: 'PostgreSQL', probe: flaky(1) }],
        { ...policy, maxWaitMs: 0 },
        logger,
        options,
      ),
    ).rejects.toThrow('PostgreSQL not reachable after 1 attempt(s) in 0 ms');
    expect(slept).toEqual([]);
  });
});
