import type { HttpClient } from './support/http.js';
import { bikeGrams, loginAll, type Citizen } from './support/load.js';
import { jsonLines, until, waitingFor, type LogLine } from './support/logs.js';
import { ManagedProcess, describeExit, sleep } from './support/processes.js';
import { FaultWorld, log, type ApiProcess } from './support/world.js';

// This file's own servers (see the helpers' port table): PostgreSQL 55460, Redis 7120; nothing
// listens on the last two, the addresses of the "never comes" cases.
const PORTS = { postgres: 55460, redis: 7120 };
const NOBODY = { postgres: 55469, redis: 7129 };

/**
 * Nothing but the mechanisms under test may wake a stranded action or rebuild a lost board: the
 * sweeper and the hourly rebuild are pushed out of the test's reach. Short start-up backoff.
 */
const ENV = {
  LOG_LEVEL: 'info',
  SWEEP_INTERVAL_MS: '600000',
  SWEEP_STALE_AFTER_MS: '600000',
  LEADERBOARD_REBUILD_INTERVAL_MS: '3600000',
  LEADERBOARD_CHECK_INTERVAL_MS: '1000',
  STARTUP_MAX_WAIT_MS: '60000',
  STARTUP_RETRY_INITIAL_MS: '100',
  STARTUP_RETRY_MAX_MS: '800',
};

describe('boot resilience: processes wait for their servers; Redis returning or emptied is noticed', () => {
  let world: FaultWorld;
  let citizen: Citizen;
  let api: ApiProcess;
  let worker: ManagedProcess;
  let apiLog: LogLine[];
  let workerLog: LogLine[];
  let trips = 0;
  let credited = 0;

  const tails = () => world.tails(25);

  /** Starts the API and a worker without waiting for them, reading their logs. */
  async function spawnBoth(): Promise<void> {
    api = await world.spawnApi(ENV);
    apiLog = jsonLines(api.process);
    worker = world.startWorker(ENV);
    workerLog = jsonLines(worker);
  }

  async function stopBoth(): Promise<void> {
    await Promise.all([api.process.stop(), worker.stop()]);
    api.client.close();
  }

  async function ready(client: HttpClient): Promise<void> {
    await until(
      'GET /health/ready answers 200',
      async () => {
        const res = await client.send('GET', '/health/ready', { timeoutMs: 3_000 });
        return res.status === 200 ? true : undefined;
      },
      60_000,
    );
  }

  /** A bike trip one day further back each time (no cap applies); answers the action's id. */
  async function submitTrip(): Promise<string> {
    trips += 1;
    const distanceM = 5_000 + trips;
    const start = Date.now() - trips * 86_400_000 - 3_600_000;
    const res = await api.client.send<{ id: string }>('POST', '/v1/actions', {
      body: {
        methodology: 'cycling',
        data: {
          mode: 'bike',
          distanceM,
          startedAt: new Date(start).toISOString(),
          endedAt: new Date(start + 30 * 60_000).toISOString(),
        },
      },
      headers: { authorization: `Bearer ${citizen.token}`, 'idempotency-key': `boot-trip-${trips}` },
    });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 202 });
    credited += bikeGrams(distanceM);
    return res.body.id;
  }

  async function status(actionId: string): Promise<string> {
    const [row] = await world.query<{ status: string }>('SELECT status FROM actions WHERE id = $1', [
      actionId,
    ]);
    return row.status;
  }

  async function settled(actionId: string, timeoutMs: number): Promise<number> {
    const started = Date.now();
    await until(
      `action ${actionId} settled\n${tails()}`,
      async () => (await status(actionId)) === 'settled' || undefined,
      timeoutMs,
    );
    return Date.now() - started;
  }

  async function grams(): Promise<string> {
    const res = await api.client.send<{ grams: string }>('GET', '/v1/me/account', {
      headers: { authorization: `Bearer ${citizen.token}` },
    });
    expect(res.status).toBe(200);
    return res.body.grams;
  }

  async function board(): Promise<{ grams: string; isYou: boolean; rank: number }[]> {
    const res = await api.client.send<{ items: { grams: string; isYou: boolean; rank: number }[] }>(
      'GET',
      '/v1/leaderboards?period=all&scope=district',
      { headers: { authorization: `Bearer ${citizen.token}` } },
    );
    expect(res.status).toBe(200);
    return res.body.items.map(({ grams, isYou, rank }) => ({ grams, isYou, rank }));
  }

  beforeAll(async () => {
    world = await FaultWorld.create('boot', PORTS);
    // Migrated and seeded once, with everything up; then each case starts the services again.
    const first = await world.startApi(ENV);
    await world.seed();
    citizen = (await loginAll(first.client, ['boot-citizen'])).get('boot-citizen')!;
    await first.process.stop();
    first.client.close();
  });

  afterAll(async () => {
    await world?.dispose();
  });

  it('started while PostgreSQL is down, the API and the worker retry (JSON lines) and come up with it', async () => {
    await world.postgres.stopImmediate();
    await spawnBoth();
    await until(
      'two retry lines from each',
      async () =>
        waitingFor(apiLog, 'PostgreSQL').length >= 2 && waitingFor(workerLog, 'PostgreSQL').length >= 2
          ? true
          : undefined,
      30_000,
    );
    const down = Date.now();
    await sleep(1_000);
    await world.postgres.start();
    await ready(api.client);
    log(`boot: PostgreSQL down at start; API ready ${Date.now() - down} ms after the restart began`);

    for (const lines of [apiLog, workerLog]) {
      const retry = waitingFor(lines, 'PostgreSQL');
      expect(retry[0]).toMatchObject({ level: 40, attempt: 1, maxWaitMs: 60_000 });
      expect(retry[0].msg).toMatch(/^waiting for PostgreSQL: attempt 1 failed, retrying in \d+ ms$/);
      expect(retry.map((l) => l.attempt)).toEqual(retry.map((_, i) => i + 1));
      expect(retry.every((l) => (l.retryInMs as number) <= 800)).toBe(true);
      expect(lines.some((l) => l.raw !== undefined && /waiting|retry/i.test(String(l.raw)))).toBe(false);
    }
    expect(apiLog.find((l) => l.event === 'startup.ready')).toMatchObject({ service: 'api' });
    expect(apiLog.find((l) => l.event === 'startup.ready')?.postgres).toBe(
      `postgres://postgres@127.0.0.1:${PORTS.postgres}/carbon`,
    );
    await until(
      'worker past its wait',
      async () => workerLog.find((l) => l.event === 'startup.ready'),
      30_000,
    );
    // The worker is working: an action is settled (through a wake-up job: Redis was up all along).
    await settled(await submitTrip(), 30_000);
    expect(await grams()).toBe(String(credited));
  });

  it('started while Redis is down, likewise', async () => {
    await stopBoth();
    await world.redis.stop();
    await spawnBoth();
    await until(
      'two retry lines from each',
      async () =>
        waitingFor(apiLog, 'Redis').length >= 2 && waitingFor(workerLog, 'Redis').length >= 2
          ? true
          : undefined,
      30_000,
    );
    expect(waitingFor(apiLog, 'PostgreSQL')).toEqual([]);
    await world.redis.start();
    await ready(api.client);
    await settled(await submitTrip(), 30_000);
    expect(await grams()).toBe(String(credited));
  });

  it('an action accepted while Redis is stopped is settled within seconds of its return', async () => {
    await world.redis.stop();
    const actionId = await submitTrip(); // 202: the action is in PostgreSQL before the answer
    await sleep(2_000);
    // Nothing could wake the worker (the sweeper is ten minutes away): the action waits.
    expect(await status(actionId)).toBe('received');
    await world.redis.start();
    const tookMs = await settled(actionId, 10_000);
    log(`boot: action accepted with Redis down settled ${tookMs} ms after Redis restarted`);
    expect(tookMs).toBeLessThan(5_000);
    expect(await grams()).toBe(String(credited));
    // Both ends noticed: the worker drained on reconnecting, the API re-sent the wake-up it owed.
    expect(workerLog.some((l) => l.msg === 'Redis is back: draining the actions inbox')).toBe(true);
    await until(
      'the API re-sent the wake-up Redis refused',
      async () => apiLog.find((l) => String(l.msg).startsWith('Redis took the wake-up it had refused')),
      5_000,
    );
  });

  it('a flushed Redis has its leaderboards back within seconds, as the ledger says', async () => {
    const expected = [{ grams: String(credited), isYou: true, rank: 1 }];
    // The restart above emptied Redis too: the board is already back, whole.
    await until(
      'the board after the restart',
      async () => ((await board()).length ? true : undefined),
      10_000,
    );
    expect(await board()).toEqual(expected);
    await world.redis.flushAll();
    const flushed = Date.now();
    await until('the board after FLUSHALL', async () => ((await board()).length ? true : undefined), 10_000);
    const tookMs = Date.now() - flushed;
    log(`boot: leaderboard back ${tookMs} ms after FLUSHALL`);
    expect(tookMs).toBeLessThan(5_000);
    expect(await board()).toEqual(expected);
    expect(
      workerLog.some(
        (l) => l.msg === 'the leaderboards are missing from Redis: rebuilding them from the ledger',
      ),
    ).toBe(true);
  });

  it('gives up after STARTUP_MAX_WAIT_MS with a clear message and a non-zero exit', async () => {
    const env = { ...ENV, STARTUP_MAX_WAIT_MS: '1500' };
    const noDatabase = world.startWorker({
      ...env,
      DATABASE_URL: `postgres://postgres@127.0.0.1:${NOBODY.postgres}/carbon`,
    });
    const noRedis = await world.spawnApi({ ...env, REDIS_URL: `redis://127.0.0.1:${NOBODY.redis}` });
    const badValue = world.startWorker({ ...env, STARTUP_MAX_WAIT_MS: 'five minutes' });
    const logs = [jsonLines(noDatabase), jsonLines(noRedis.process)];
    const exits = await Promise.all([noDatabase.exited, noRedis.process.exited, badValue.exited]);
    expect(exits.map(describeExit)).toEqual(['code 69', 'code 69', 'code 78']);
    const [database, redis] = logs.map((lines) => lines.find((l) => l.event === 'startup.gave_up'));
    // Several tries within the 1.5 s, none after (loading the code before the first try is not counted).
    expect(database).toMatchObject({ level: 60, service: 'worker' });
    expect(database?.attempts).toBeGreaterThan(2);
    expect(database?.waitedMs).toBeGreaterThanOrEqual(1_500);
    expect(database?.waitedMs).toBeLessThan(3_000);
    expect(database?.msg).toMatch(
      /^PostgreSQL not reachable after \d+ attempt\(s\) in \d+ ms \(STARTUP_MAX_WAIT_MS=1500\): giving up\.\nPostgreSQL: .*ECONNREFUSED/,
    );
    expect(redis).toMatchObject({ level: 60, service: 'api' });
    expect(redis?.msg).toMatch(/^Redis not reachable after/);
    expect(redis?.msg).toContain(`REDIS_URL`);
    expect(badValue.tail()).toContain('STARTUP_MAX_WAIT_MS');
    expect(
      world.crashedProcesses().filter((p) => ![noDatabase, noRedis.process, badValue].includes(p)),
    ).toEqual([]);
  });
});
