import { QueueName } from '@app/domain';
import { loadConfig } from '@app/config';
import { LeaderboardStore, assertRedisReachable, scanKeys } from '@app/queues';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Cluster } from 'ioredis';
import { LeaderboardRebuildService } from '../apps/worker/src/engagement/leaderboard-rebuild.service.js';
import { registerPartner, signedHeaders } from './support/partner-requests.js';
import { RedisClusterUnderTest } from './support/redis-cluster.js';
import { eventually } from './support/services.js';
import { TestStack } from './support/stack.js';
import { cyclingTrip, idempotencyKey } from './support/trips.js';

// helper c1's port range (BRIEF.md): three masters, no replicas.
const PORTS = [7100, 7101, 7102];
const CITIZEN_LIMIT = 12;

/**
 * Every Redis use — BullMQ queues, partner nonces, rate limits, leaderboards — on a real three-master
 * Redis Cluster started here (REDIS_CLUSTER_NODES), with the API and a worker booted against it.
 */
describe('on a Redis Cluster', () => {
  let cluster: RedisClusterUnderTest | undefined;
  let stack: TestStack | undefined;
  let client: Cluster | undefined;

  beforeAll(async () => {
    cluster = await RedisClusterUnderTest.start(PORTS);
    const redis = { REDIS_CLUSTER_NODES: cluster.nodes };
    stack = await TestStack.start({
      admin: true,
      apiEnv: { ...redis, RATE_LIMIT_CITIZEN_PER_MINUTE: String(CITIZEN_LIMIT) },
      workerEnv: redis,
    });
    client = new Cluster([{ host: '127.0.0.1', port: PORTS[0] }], { lazyConnect: true });
    await client.connect();
  }, 60_000);

  afterAll(async () => {
    client?.disconnect();
    try {
      await stack?.stop();
    } finally {
      await cluster?.stop();
    }
  });

  const prefix = () => stack!.env.queuePrefix;

  /** Submits a trip through the API and waits until the worker settled it (and its boards show it). */
  async function ride(name: string, district: string, distanceM: number) {
    const { api, env } = stack!;
    const citizen = await api.login(name, district);
    const submit = await api.request<{ id: string; status: string }>('POST', '/v1/actions', {
      token: citizen.token,
      body: cyclingTrip(distanceM, 20),
      headers: { 'idempotency-key': idempotencyKey(name) },
    });
    expect([submit.status, submit.body.status]).toEqual([202, 'received']);
    // Polled in the database, not the API, so the citizen's rate-limit budget stays whole.
    await eventually(async () => {
      const [row] = await env.query<{ status: string }>(`SELECT status FROM actions WHERE id = $1`, [
        submit.body.id,
      ]);
      return row.status === 'settled' ? true : undefined;
    });
    return { ...citizen, actionId: submit.body.id };
  }

  it('queues an action through BullMQ on the cluster and settles it: balances and ledger rows', async () => {
    const { api, env, worker } = stack!;
    const rider = await ride('cluster-rider', '370102', 5000);

    // The sweeper runs once a minute in tests: settling within eventually()'s 20 s means the job
    // travelled through the queue on the cluster.
    expect(await env.balances(rider.citizenId)).toMatchObject({
      citizen_carbon: '169',
      citizen_points: '169',
    });
    const ledger = await api.request<{
      items: { amount: string; reason: { code: string; causeId: string } }[];
    }>('GET', '/v1/me/ledger', { token: rider.token });
    expect(ledger.body.items).toHaveLength(2);
    for (const entry of ledger.body.items)
      expect(entry).toMatchObject({
        amount: '169',
        reason: { code: 'ACTION_SETTLED', causeId: rider.actionId },
      });

    // Every key of the actions queue carries the queue's hash tag, so they all hash to one slot.
    const queue = worker.get<Queue>(getQueueToken(QueueName.Actions));
    expect(queue.opts.prefix).toBe(`{${prefix()}:${QueueName.Actions}}`);
    const queueKeys = await scanKeys(client!, `{${prefix()}:${QueueName.Actions}}:*`);
    expect(queueKeys.length).toBeGreaterThan(0);
    const slots = new Set(await Promise.all(queueKeys.map((key) => client!.cluster('KEYSLOT', key))));
    expect(slots.size).toBe(1);
    // Readiness goes through the queue's own connection.
    expect(await api.request('GET', '/health/ready')).toMatchObject({
      status: 200,
      body: { checks: { redis: { status: 'up' } } },
    });
  });

  it("refuses a partner request's nonce the second time", async () => {
    const { api, admin } = stack!;
    const key = await registerPartner(api, admin, 'cluster-partner');
    const path = '/partner/v1/holds/00000000-0000-4000-8000-000000000000';
    const headers = signedHeaders(key, 'GET', path, '');
    expect((await api.request('GET', path, { headers })).status).toBe(404);
    expect(await api.request('GET', path, { headers })).toMatchObject({
      status: 401,
      body: { code: 'NONCE_REPLAYED' },
    });
    expect(await scanKeys(client!, `${prefix()}:nonce:${key.keyId}:*`)).toHaveLength(1);
  });

  it('enforces the per-citizen rate limit with counters on the cluster', async () => {
    const { api } = stack!;
    const { token } = await api.login('cluster-busy');
    const statuses: number[] = [];
    for (let i = 0; i <= CITIZEN_LIMIT; i++)
      statuses.push((await api.request('GET', '/v1/me/account', { token })).status);
    expect(statuses).toEqual([...Array<number>(CITIZEN_LIMIT).fill(200), 429]);
    expect(await api.request('GET', '/v1/me/account', { token })).toMatchObject({
      status: 429,
      body: { code: 'RATE_LIMITED' },
    });
  });

  it('reads the leaderboards and rebuilds them from the ledger after they are lost', async () => {
    const { api, worker } = stack!;
    const east = await ride('cluster-east', '370103', 8000);
    await ride('cluster-west', '370104', 3000);
    const board = () =>
      api.request<{ items: { grams: string; isYou: boolean }[] }>(
        'GET',
        '/v1/leaderboards?period=all&scope=district',
        { token: east.token },
      );
    // Boards are updated just after settlement commits.
    await eventually(async () => ((await board()).body.items[0]?.grams === '271' ? true : undefined));
    const view = await board();
    expect(view.body.items).toEqual([expect.objectContaining({ grams: '271', isYou: true })]);

    const store = worker.get(LeaderboardStore);
    const before = await store.dump();
    expect(before['all:d:370103']).toEqual([east.citizenId, '-271']);
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining(['all:all', 'all:d:370102', 'all:d:370103', 'all:d:370104']),
    );

    // Lose every board, as a flush of the cluster would, then rebuild from Postgres.
    const boardKeys = await scanKeys(client!, `${prefix()}:lb:*`);
    expect(boardKeys.length).toBe(Object.keys(before).length);
    for (const key of boardKeys) await client!.del(key);
    expect(await store.dump()).toEqual({});
    await worker.get(LeaderboardRebuildService).run();
    expect(await store.dump()).toEqual(before);
    expect((await board()).body).toEqual(view.body);
    // Nothing of the rebuild's staging copies is left behind.
    expect(await scanKeys(client!, `${prefix()}:lb:rebuild:*`)).toEqual([]);
  });

  it("spreads this run's keys over more than one master", async () => {
    const owners = await Promise.all(PORTS.map((port) => cluster!.keysOn(port, `*${prefix()}*`)));
    const holding = owners.filter((keys) => keys.length > 0);
    expect(holding.length).toBeGreaterThanOrEqual(2);
    // And the masters each hold only keys of their own slots: together, every key once.
    expect(new Set(owners.flat()).size).toBe(owners.flat().length);
  });

  it('checks at start that every master answers, and names the cluster when none does', async () => {
    await expect(
      assertRedisReachable(loadConfig({ REDIS_CLUSTER_NODES: cluster!.nodes }).redis),
    ).resolves.toBeUndefined();
    // 7109: in this test's port range, never started.
    await expect(
      assertRedisReachable(loadConfig({ REDIS_CLUSTER_NODES: '127.0.0.1:7109' }).redis, 500),
    ).rejects.toThrow('the Redis Cluster 127.0.0.1:7109');
  });

  it('closes every connection it opened to the cluster when the API and the worker stop', async () => {
    client!.disconnect();
    await stack!.stop();
    stack = undefined;
    // CLIENT LIST run through redis-cli shows redis-cli's own connection only.
    const others = async () => {
      const lists = await Promise.all(PORTS.map((port) => cluster!.cli(port, 'client', 'list')));
      return lists.flatMap((list) => list.split('\n').filter((line) => line && !line.includes('cmd=client')));
    };
    await eventually(async () => ((await others()).length === 0 ? true : undefined), 5_000);
  });
});
