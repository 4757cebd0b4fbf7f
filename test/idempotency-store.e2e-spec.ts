import 'reflect-metadata';
import { DomainError, ErrorCode } from '@app/domain';
import { IdempotencyRepository, IdempotencyStore, dataSourceOptions } from '@app/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { IdempotencyRecords1765000000000 } from '../libs/persistence/src/migrations/1765000000000-IdempotencyRecords.js';
import { citizenWith100Points } from './support/citizens.js';
import { TestEnvironment } from './support/environment.js';
import type { ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { idempotencyKey } from './support/trips.js';

/** The one idempotency store, against the real PostgreSQL: effects and response commit together, once. */
describe('IdempotencyStore.run', () => {
  let env: TestEnvironment;
  let dataSource: DataSource;
  let store: IdempotencyStore;

  beforeAll(async () => {
    env = await TestEnvironment.create();
    dataSource = await new DataSource(dataSourceOptions(env.config())).initialize();
    store = new IdempotencyStore(dataSource, new IdempotencyRepository(dataSource));
    await dataSource.query(`CREATE TABLE store_effects (scope text NOT NULL, note text NOT NULL)`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await env?.dispose();
  });

  let calls = 0;
  /** An effect in the run's transaction, and a response naming it. */
  const effect =
    (scope: string, note: string, statusCode = 201) =>
    async (m: EntityManager) => {
      calls += 1;
      await m.query(`INSERT INTO store_effects (scope, note) VALUES ($1, $2)`, [scope, note]);
      return { statusCode, body: { note } };
    };
  const effects = async (scope: string) =>
    (
      await dataSource.query<{ note: string }[]>(`SELECT note FROM store_effects WHERE scope = $1`, [scope])
    ).map((r) => r.note);
  const record = async (scope: string) =>
    dataSource.query(`SELECT request_hash, status_code, response FROM idempotency_records WHERE scope = $1`, [
      scope,
    ]);

  it('answers a replay with the stored status and body, without running the work again', async () => {
    calls = 0;
    const first = await store.run('t:replay', 'key-00001', 'a'.repeat(64), effect('t:replay', 'one', 201));
    expect(first).toEqual({ statusCode: 201, body: { note: 'one' }, replayed: false });
    const again = await store.run('t:replay', 'key-00001', 'a'.repeat(64), effect('t:replay', 'two', 200));
    expect(again).toEqual({ statusCode: 201, body: { note: 'one' }, replayed: true });
    expect(calls).toBe(1);
    expect(await effects('t:replay')).toEqual(['one']);
    // Another scope is another key space.
    const elsewhere = await store.run(
      't:replay:other',
      'key-00001',
      'b'.repeat(64),
      effect('t:replay:other', 'x'),
    );
    expect(elsewhere.replayed).toBe(false);
  });

  it('refuses the same key with another request hash with IDEMPOTENCY_KEY_REUSED, writing nothing', async () => {
    await store.run('t:reuse', 'key-00002', 'a'.repeat(64), effect('t:reuse', 'first'));
    const before = await record('t:reuse');
    for (const lookUpFirst of [true, false]) {
      const refused = store.run('t:reuse', 'key-00002', 'c'.repeat(64), effect('t:reuse', 'second'), {
        lookUpFirst,
      });
      await expect(refused).rejects.toBeInstanceOf(DomainError);
      await expect(refused).rejects.toMatchObject({ code: ErrorCode.IdempotencyKeyReused });
    }
    const custom = store.run('t:reuse', 'key-00002', 'c'.repeat(64), effect('t:reuse', 'third'), {
      reused: (stored: { note: string }) =>
        new DomainError(ErrorCode.IdempotencyKeyReused, 'reused', { note: stored.note }),
    });
    await expect(custom).rejects.toMatchObject({ details: { note: 'first' } });
    expect(await effects('t:reuse')).toEqual(['first']);
    expect(await record('t:reuse')).toEqual(before);
  });

  it('stores nothing when the work fails, so the key can be used again', async () => {
    const failing = store.run('t:fail', 'key-00003', 'a'.repeat(64), async (m) => {
      await effect('t:fail', 'half-done')(m);
      throw new DomainError(ErrorCode.InsufficientPoints, 'no');
    });
    await expect(failing).rejects.toMatchObject({ code: ErrorCode.InsufficientPoints });
    expect(await effects('t:fail')).toEqual([]);
    expect(await record('t:fail')).toEqual([]);
    const retried = await store.run('t:fail', 'key-00003', 'a'.repeat(64), effect('t:fail', 'done'));
    expect(retried.replayed).toBe(false);
    expect(await effects('t:fail')).toEqual(['done']);
  });

  it.each([
    ['looking the key up first', {}],
    ['without looking it up first', { lookUpFirst: false }],
    ['serialized', { serialized: true }],
  ])(
    'lets one of ten concurrent same-key runs take effect, the others answer its response (%s)',
    async (_name, options) => {
      const scope = `t:race:${JSON.stringify(options)}`;
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.run(
            scope,
            'key-00004',
            'a'.repeat(64),
            async (m) => {
              const response = await effect(scope, `run-${i}`)(m);
              // Holds the transaction open, so the others are in flight at the same time.
              await m.query(`SELECT pg_sleep(0.05)`);
              return response;
            },
            options,
          ),
        ),
      );
      const written = await effects(scope);
      expect(written).toHaveLength(1);
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      for (const result of results)
        expect(result).toMatchObject({ statusCode: 201, body: { note: written[0] } });
    },
  );
});

/**
 * Keys used before the store existed: the migration imports what donations and retirements kept on
 * their own rows, so such a key still replays its first answer (and another body is still a 409).
 */
describe('the IdempotencyRecords migration on a database with earlier keys', () => {
  let stack: TestStack;
  let api: ApiUnderTest;
  let admin: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    stack = await TestStack.start({ admin: true });
    ({ api, admin } = stack);
    dataSource = await new DataSource(dataSourceOptions(stack.env.config())).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await stack?.stop();
  });

  it('replays a donation, a redemption and a retirement made before it', async () => {
    const citizen = await citizenWith100Points(api, 'early-donor');
    const donationKey = idempotencyKey('early-donation');
    const donate = (points: string) =>
      api.request('POST', '/v1/donations', {
        token: citizen.token,
        body: { target: 'charity', points },
        headers: { 'idempotency-key': donationKey },
      });
    const donation = await donate('30');
    expect(donation.status).toBe(201);

    await api.request('POST', '/admin/v1/partners', {
      token: admin,
      body: { id: 'early-shop', displayName: 'early-shop', kinds: ['redemption-channel'], mayRedeem: true },
    });
    const reward = await api.request<{ rewardId: string }>('POST', '/admin/v1/rewards', {
      token: admin,
      body: {
        partnerId: 'early-shop',
        title: '早鸟券',
        points: '20',
        stock: 5,
        perCitizenLimit: 2,
        validFrom: new Date(Date.now() - 3_600_000).toISOString(),
        validTo: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    expect(reward.status).toBe(201);
    const redemptionKey = idempotencyKey('early-redemption');
    const redeem = (rewardId: string) =>
      api.request('POST', '/v1/redemptions', {
        token: citizen.token,
        body: { rewardId },
        headers: { 'idempotency-key': redemptionKey },
      });
    const order = await redeem(reward.body.rewardId);
    expect(order.status).toBe(201);

    const pools = await api.request<{ region: string; availableGrams: string }[]>('GET', '/admin/v1/pools', {
      token: admin,
    });
    const pool = pools.body.find((p) => BigInt(p.availableGrams) >= 10n)!;
    const retirementKey = idempotencyKey('early-retirement');
    const retire = (grams: string) =>
      api.request('POST', `/admin/v1/pools/${pool.region}/retirements`, {
        token: admin,
        body: { grams, purpose: '迁移前的注销' },
        headers: { 'idempotency-key': retirementKey },
      });
    const retirement = await retire('10');
    expect(retirement.status).toBe(201);

    // The database as it was before the store: no records, the keys only on their own rows.
    const migration = new IdempotencyRecords1765000000000();
    const runner = dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }

    const donationReplay = await donate('30');
    expect(donationReplay.status).toBe(200);
    expect(donationReplay.body).toEqual(donation.body);
    expect(await donate('31')).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    const orderReplay = await redeem(reward.body.rewardId);
    expect(orderReplay.status).toBe(200);
    expect(orderReplay.body).toEqual(order.body);
    expect(await redeem(randomUUID())).toMatchObject({
      status: 409,
      body: { code: 'IDEMPOTENCY_KEY_REUSED' },
    });
    const retirementReplay = await retire('10');
    expect(retirementReplay.status).toBe(200);
    expect(retirementReplay.body).toEqual(retirement.body);
    expect(await retire('11')).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    const account = await api.request<{ points: string }>('GET', '/v1/me/account', { token: citizen.token });
    expect(account.body.points).toBe('50');
  });
});
