import { loadConfig } from '@app/config';
import { cstDate, shiftDate } from '@app/domain';
import {
  dataSourceOptions,
  LeaderboardScoresRepository,
  ReadReplica,
  runMigrationsUnderLock,
} from '@app/persistence';
import { LeaderboardStore } from '@app/queues';
import type { INestApplicationContext } from '@nestjs/common';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { LeaderboardRebuildService } from '../apps/worker/src/engagement/leaderboard-rebuild.service.js';
import { runSeeds } from '../seeds/seed.js';
import { ADMIN, adminBootstrapEnv, adminToken } from './support/admin.js';
import { ApiUnderTest, eventually, startWorker, type HttpResult } from './support/services.js';
import { StreamingStandbyPair } from './support/streaming-standby.js';
import { idempotencyKey } from './support/trips.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const STRICT_MAX_LAG_MS = 1_500;
const range = `from=${shiftDate(cstDate(new Date()), -1)}&to=${cstDate(new Date())}`;
const REDUCTIONS = `/admin/v1/reports/reductions?${range}`;

interface Reductions {
  rows: { actions: number; grams: string }[];
}
interface Pool {
  accruedGrams: string;
}
const accrued = (rows: Pool[]) => rows.reduce((sum, row) => sum + BigInt(row.accruedGrams), 0n);
const actionsIn = (answer: HttpResult<Reductions>) => answer.body.rows.reduce((n, row) => n + row.actions, 0);
const note = (answer: HttpResult<unknown>) => ({
  source: answer.headers['x-read-source'],
  fallback: answer.headers['x-read-fallback'],
  lagMs:
    answer.headers['x-replica-lag-ms'] === undefined ? undefined : Number(answer.headers['x-replica-lag-ms']),
  asOf: Date.parse(String(answer.headers['x-data-as-of'])),
});

/**
 * Reports and audits read from a real streaming standby (its own primary and standby, started here
 * with initdb and pg_basebackup -R), fall back to the primary when it lags past the maximum or goes
 * away, and say which server answered and how fresh the answer is. Writes never depend on it.
 */
describe('reads from a streaming standby', () => {
  let servers: StreamingStandbyPair | undefined;
  const apps: { close(): Promise<unknown> }[] = [];
  const prefix = `test-replica-${Date.now()}-${randomBytes(4).toString('hex')}`;
  /** Stale answers tolerated for ten minutes: reads the standby even while its replay is paused. */
  let tolerant: ApiUnderTest;
  /** At most STRICT_MAX_LAG_MS of lag, else the primary. */
  let strict: ApiUnderTest;
  let admin: string;
  let citizen: { token: string; citizenId: string };
  let worker: INestApplicationContext;

  beforeAll(async () => {
    servers = await StreamingStandbyPair.startPrimary();
    await servers.query('primary', 'CREATE DATABASE carbon');
    const base = {
      NODE_ENV: 'test',
      DATABASE_URL: servers.primaryUrl('carbon'),
      DATABASE_POOL_SIZE: '10',
      DATABASE_READ_URL: servers.standbyUrl('carbon'),
      READ_REPLICA_CHECK_INTERVAL_MS: '100',
      READ_REPLICA_CONNECT_TIMEOUT_MS: '1000',
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'error',
      HTTP_REQUEST_LOGS: 'false',
      SWEEP_INTERVAL_MS: '60000',
      ...adminBootstrapEnv,
    };
    const source = await new DataSource(dataSourceOptions(loadConfig(base))).initialize();
    try {
      await runMigrationsUnderLock(source);
      await runSeeds(source);
    } finally {
      await source.destroy();
    }
    await servers.startStandby();
    tolerant = await ApiUnderTest.start(loadConfig({ ...base, READ_REPLICA_MAX_LAG_MS: '600000' }));
    apps.push(tolerant);
    strict = await ApiUnderTest.start(
      loadConfig({ ...base, READ_REPLICA_MAX_LAG_MS: String(STRICT_MAX_LAG_MS) }),
    );
    apps.push(strict);
    worker = await startWorker(loadConfig(base));
    apps.push(worker);
    admin = await adminToken(tolerant, ADMIN);
    citizen = await tolerant.login('replica-reader');
  }, 120_000);

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
    await servers?.stop();
    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
  }, 60_000);

  /** Submits a bike trip through `api` (a write: always the primary) and waits until it settled. */
  async function settledTrip(api: ApiUnderTest, hoursAgo: number): Promise<string> {
    const start = Date.now() - hoursAgo * 3_600_000;
    const submitted = await api.request<{ id: string }>('POST', '/v1/actions', {
      token: citizen.token,
      body: {
        methodology: 'cycling',
        data: {
          mode: 'bike',
          distanceM: 2952,
          startedAt: new Date(start).toISOString(),
          endedAt: new Date(start + 15 * 60_000).toISOString(),
        },
      },
      headers: { 'idempotency-key': idempotencyKey('replica') },
    });
    expect(submitted.status).toBe(202);
    await eventually(async () => {
      const { body } = await api.request<{ status: string }>('GET', `/v1/me/actions/${submitted.body.id}`, {
        token: citizen.token,
      });
      if (body.status === 'rejected') throw new Error(`the trip was rejected: ${JSON.stringify(body)}`);
      return body.status === 'settled' ? true : undefined;
    });
    return submitted.body.id;
  }

  const metric = async (api: ApiUnderTest, name: string) => {
    const scrape = await api.app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/metrics' });
    const line = scrape.body.split('\n').find((l: string) => l.startsWith(`${name} `));
    return line === undefined ? undefined : Number(line.slice(name.length + 1));
  };
  const reductions = (api: ApiUnderTest) => api.request<Reductions>('GET', REDUCTIONS, { token: admin });
  const pools = (api: ApiUnderTest) =>
    api.request<{ rows: Pool[] }>('GET', '/admin/v1/reports/pools', { token: admin });
  const audit = (api: ApiUnderTest, id: string) =>
    api.request<{ action: { id: string } }>('GET', `/admin/v1/actions/${id}/audit`, { token: admin });

  let first: string;
  let second: string;

  it('serves reports and audits from the standby, saying so and how fresh they are', async () => {
    first = await settledTrip(tolerant, 2);
    const answer = await eventually(async () => {
      const got = await reductions(strict);
      return got.status === 200 && note(got).source === 'replica' && actionsIn(got) === 1 ? got : undefined;
    });
    const { lagMs, asOf, fallback } = note(answer);
    expect(fallback).toBeUndefined();
    expect(lagMs).toBeLessThanOrEqual(STRICT_MAX_LAG_MS);
    expect(Date.now() - asOf).toBeLessThan(60_000);

    const audited = await audit(strict, first);
    expect(audited.status).toBe(200);
    expect(audited.body.action.id).toBe(first);
    expect(note(audited).source).toBe('replica');

    // The CSV export of the same report goes the same way.
    const csv = await strict.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'GET',
        url: `${REDUCTIONS}&format=csv`,
        headers: { authorization: `Bearer ${admin}` },
      });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['x-read-source']).toBe('replica');

    // The reads ran on the standby's connections (the read pool names itself there).
    const readers = await servers!.query<{ in_recovery: boolean; readers: number }>(
      'standby',
      `SELECT pg_is_in_recovery() AS in_recovery, count(*)::int AS readers
         FROM pg_stat_activity WHERE application_name = 'carbon-points-read'`,
    );
    expect(readers).toEqual([{ in_recovery: true, readers: expect.any(Number) }]);
    expect(readers[0].readers).toBeGreaterThan(0);
    expect(await metric(strict, 'carbon_read_replica_serving')).toBe(1);
    expect(await metric(strict, 'carbon_read_replica_lag_seconds')).toBeLessThanOrEqual(
      STRICT_MAX_LAG_MS / 1000,
    );
  });

  it('falls back to the primary once the standby lags past the maximum, and says so', async () => {
    await servers!.query('standby', 'SELECT pg_wal_replay_pause()');
    second = await settledTrip(tolerant, 3);

    const fellBack = await eventually(async () => {
      const got = await reductions(strict);
      return note(got).fallback === 'lagging' ? got : undefined;
    }, 15_000);
    expect(fellBack.status).toBe(200);
    expect(note(fellBack).source).toBe('primary');
    expect(note(fellBack).lagMs).toBeGreaterThan(STRICT_MAX_LAG_MS);
    expect(actionsIn(fellBack)).toBe(2);
    const strictAudit = await audit(strict, second);
    expect(strictAudit.status).toBe(200);
    expect(note(strictAudit)).toMatchObject({ source: 'primary', fallback: 'lagging' });

    // Meanwhile the tolerant API still reads the paused standby: the second action is not there yet.
    const stale = await reductions(tolerant);
    expect(note(stale).source).toBe('replica');
    expect(note(stale).lagMs).toBeGreaterThan(STRICT_MAX_LAG_MS);
    expect(actionsIn(stale)).toBe(1);
    // The pools report, the dashboard's pools section and the participants report go the same way.
    const stalePools = await pools(tolerant);
    expect(stalePools.status).toBe(200);
    expect(note(stalePools).source).toBe('replica');
    expect(accrued(stalePools.body.rows)).toBe(100n);
    const freshPools = await pools(strict);
    expect(note(freshPools)).toMatchObject({ source: 'primary', fallback: 'lagging' });
    expect(accrued(freshPools.body.rows)).toBe(200n);
    const staleDashboard = await tolerant.request<{ pools: Pool[] }>(
      'GET',
      `/admin/v1/reports/dashboard?${range}`,
      {
        token: admin,
      },
    );
    expect(note(staleDashboard).source).toBe('replica');
    expect(accrued(staleDashboard.body.pools)).toBe(100n);
    const participants = (api: ApiUnderTest) =>
      api.request<{ totals: { participant: string; actions: number }[] }>(
        'GET',
        `/admin/v1/reports/participants?${range}`,
        { token: admin },
      );
    const staleParticipants = await participants(tolerant);
    expect(note(staleParticipants).source).toBe('replica');
    expect(staleParticipants.body.totals).toEqual([
      expect.objectContaining({ participant: 'citizen', actions: 1 }),
    ]);
    const freshParticipants = await participants(strict);
    expect(note(freshParticipants)).toMatchObject({ source: 'primary', fallback: 'lagging' });
    expect(freshParticipants.body.totals).toEqual([
      expect.objectContaining({ participant: 'citizen', actions: 2 }),
    ]);
    // Not on the standby yet: absence is only believed from the primary, which has it.
    const notYet = await audit(tolerant, second);
    expect(notYet.status).toBe(200);
    expect(notYet.body.action.id).toBe(second);
    expect(note(notYet)).toMatchObject({ source: 'primary', fallback: 'not-yet-replicated' });
    // An action that exists nowhere is 404 after both looked.
    const nowhere = await audit(tolerant, '00000000-0000-4000-8000-000000000000');
    expect(nowhere.status).toBe(404);
    expect(nowhere.body).toMatchObject({ code: 'ACTION_NOT_FOUND' });
    expect(note(nowhere)).toMatchObject({ source: 'primary', fallback: 'not-yet-replicated' });

    // The worker's leaderboard rebuild (maximum lag 30 s by default) reads the paused standby too, and
    // must not roll the board back to it: what settled since the standby's as-of is re-scored.
    const store = worker.get(LeaderboardStore);
    const board = LeaderboardStore.key('all', 'all');
    const read = await worker.get(ReadReplica).choose();
    expect(read.source).toBe('replica');
    await store.rebuild(worker.get(LeaderboardScoresRepository).on(read.manager));
    expect(await store.scoresOf(board, [citizen.citizenId])).toEqual([
      { citizenId: citizen.citizenId, grams: 100n },
    ]);
    await worker.get(LeaderboardRebuildService).run();
    expect(await store.scoresOf(board, [citizen.citizenId])).toEqual([
      { citizenId: citizen.citizenId, grams: 200n },
    ]);

    await servers!.query('standby', 'SELECT pg_wal_replay_resume()');
    const caughtUp = await eventually(async () => {
      const got = await reductions(strict);
      return note(got).source === 'replica' && actionsIn(got) === 2 ? got : undefined;
    }, 15_000);
    expect(note(caughtUp).fallback).toBeUndefined();
  });

  it('falls back to the primary when the standby goes away, and writes carry on', async () => {
    await servers!.stopStandby();

    // The very next read answers: from the primary, with the reason.
    const answer = await reductions(strict);
    expect(answer.status).toBe(200);
    expect(note(answer)).toMatchObject({ source: 'primary', fallback: 'unavailable' });
    expect(actionsIn(answer)).toBe(2);
    const tolerantAnswer = await reductions(tolerant);
    expect(tolerantAnswer.status).toBe(200);
    expect(note(tolerantAnswer)).toMatchObject({ source: 'primary', fallback: 'unavailable' });
    expect(note(tolerantAnswer).lagMs).toBeUndefined();
    expect(await metric(strict, 'carbon_read_replica_serving')).toBe(0);
    expect(await metric(strict, 'carbon_read_replica_lag_seconds')).toBeUndefined();

    // A write with the standby gone: submitted, settled, and on the next report.
    const third = await settledTrip(strict, 4);
    const after = await reductions(strict);
    expect(actionsIn(after)).toBe(3);
    expect(note(after).source).toBe('primary');
    const audited = await audit(tolerant, third);
    expect(audited.status).toBe(200);
    expect(note(audited)).toMatchObject({ source: 'primary', fallback: 'unavailable' });
  });
});
