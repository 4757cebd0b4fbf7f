import type { INestApplicationContext } from '@nestjs/common';
import { TestEnvironment } from './support/environment.js';
import { ApiUnderTest, eventually, startWorker } from './support/services.js';
import { cyclingTrip, idempotencyKey } from './support/trips.js';

/** Accepted actions are never lost: not while the worker is down, not when the queue forgets them. */
describe('settlement recovers work the queue did not deliver', () => {
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let worker: INestApplicationContext | undefined;

  beforeEach(async () => {
    env = await TestEnvironment.create();
  });

  afterEach(async () => {
    try {
      await worker?.close();
      await api?.close();
    } finally {
      worker = undefined;
      await env.dispose();
    }
  });

  const statusOf = async (id: string) =>
    (await env.query<{ status: string }>(`SELECT status FROM actions WHERE id = $1`, [id]))[0]?.status;
  const balances = (citizenId: string) =>
    env.query<{ kind: string; balance: string }>(
      `SELECT kind, balance FROM accounts WHERE owner = $1 ORDER BY kind`,
      [citizenId],
    );

  it('settles an action accepted while no worker was running once a worker starts', async () => {
    api = await ApiUnderTest.start(env.config());
    const { token, citizenId } = await api.login('early-bird');
    const submit = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: cyclingTrip(5000, 20),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(submit.status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await statusOf(submit.body.id)).toBe('received');

    worker = await startWorker(env.config());
    await eventually(async () => ((await statusOf(submit.body.id)) === 'settled' ? true : undefined));
    expect(await balances(citizenId)).toEqual([
      { kind: 'citizen_carbon', balance: '169' },
      { kind: 'citizen_points', balance: '169' },
    ]);
  });

  it('re-drives actions whose jobs were lost from Redis (a flush), through the sweeper', async () => {
    api = await ApiUnderTest.start(env.config());
    const { token, citizenId } = await api.login('flushed');
    const ids: string[] = [];
    for (const startsMinutesAgo of [400, 300, 200]) {
      const submit = await api.request<{ id: string }>('POST', '/v1/actions', {
        token,
        body: cyclingTrip(2000, 10, { startsMinutesAgo }),
        headers: { 'idempotency-key': idempotencyKey() },
      });
      ids.push(submit.body.id);
    }
    expect(await env.flushQueueKeys()).toBeGreaterThan(0);

    worker = await startWorker(env.config({ SWEEP_INTERVAL_MS: '200', SWEEP_STALE_AFTER_MS: '0' }));
    for (const id of ids)
      await eventually(async () => ((await statusOf(id)) === 'settled' ? true : undefined));
    expect(await balances(citizenId)).toEqual([
      { kind: 'citizen_carbon', balance: String(3 * 67) },
      { kind: 'citizen_points', balance: String(3 * 67) },
    ]);
    expect(
      await env.query(`SELECT p.cause_id FROM ledger_postings p WHERE p.cause_id = ANY($1)`, [ids]),
    ).toHaveLength(3);
  });

  it('accepts an action while Redis is unreachable, and settles it once a worker with Redis sweeps', async () => {
    // An API whose Redis is a closed port: it must still answer 202 because Postgres holds the action.
    api = await ApiUnderTest.start(env.config({ REDIS_URL: 'redis://127.0.0.1:1' }));
    const { token, citizenId } = await api.login('offline');
    const started = Date.now();
    const submit = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: cyclingTrip(5000, 20),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(submit.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await statusOf(submit.body.id)).toBe('received');

    const ready = await api.request<{
      status: string;
      checks: { redis: { status: string }; postgres: { status: string } };
    }>('GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'down' } });

    worker = await startWorker(env.config({ SWEEP_INTERVAL_MS: '200', SWEEP_STALE_AFTER_MS: '0' }));
    await eventually(async () => ((await statusOf(submit.body.id)) === 'settled' ? true : undefined));
    expect(await balances(citizenId)).toEqual([
      { kind: 'citizen_carbon', balance: '169' },
      { kind: 'citizen_points', balance: '169' },
    ]);
  });

  it('settles a batch all-or-nothing and never twice when two workers drain the same backlog', async () => {
    api = await ApiUnderTest.start(env.config());
    const citizens = await Promise.all(['w1', 'w2', 'w3', 'w4'].map((name) => api.login(name)));
    const ids: string[] = [];
    for (const [i, citizen] of citizens.entries()) {
      for (let trip = 0; trip < 25; trip++) {
        const submit = await api.request<{ id: string }>('POST', '/v1/actions', {
          token: citizen.token,
          body: cyclingTrip(1000 + i, 5, { startsMinutesAgo: 2000 - trip * 10 }),
          headers: { 'idempotency-key': idempotencyKey() },
        });
        expect(submit.status).toBe(202);
        ids.push(submit.body.id);
      }
    }
    const config = env.config({ SETTLEMENT_BATCH_SIZE: '7' });
    worker = await startWorker(config);
    const second = await startWorker(config);
    try {
      await eventually(async () => {
        const [{ pending }] = await env.query<{ pending: string }>(
          `SELECT count(*) AS pending FROM actions WHERE status <> 'settled'`,
        );
        return pending === '0' ? true : undefined;
      });
    } finally {
      await second.close();
    }
    const postings = await env.query<{ n: string }>(
      `SELECT count(*) AS n FROM ledger_postings WHERE cause_id = ANY($1)`,
      [ids],
    );
    expect(postings[0].n).toBe('100');
    for (const [i, citizen] of citizens.entries()) {
      const grams = String(25 * Math.floor(((1000 + i) * 3388) / 100_000));
      expect(await balances(citizen.citizenId)).toEqual([
        { kind: 'citizen_carbon', balance: grams },
        { kind: 'citizen_points', balance: grams },
      ]);
    }
    const [sums] = await env.query<{ grams: string; points: string }>(
      `SELECT sum(balance) FILTER (WHERE asset = 'CO2E_G') AS grams, sum(balance) FILTER (WHERE asset = 'POINTS') AS points FROM accounts`,
    );
    expect(sums).toEqual({ grams: '0', points: '0' });
  });
});
