import { urlWithoutPassword, type AppConfig } from '@app/config';
import type { RedisOptions as BullRedisOptions } from 'bullmq';
import { Cluster, Redis, type RedisOptions } from 'ioredis';

/** Where Redis is: one server (REDIS_URL) or a cluster (REDIS_CLUSTER_NODES). */
export type RedisTarget = AppConfig['redis'];
export type RedisClient = Redis | Cluster;

/** The client options used here; on a cluster some apply to the cluster, the rest to each node. */
export type RedisClientOptions = Pick<
  RedisOptions,
  | 'lazyConnect'
  | 'enableOfflineQueue'
  | 'maxRetriesPerRequest'
  | 'keyPrefix'
  | 'connectTimeout'
  | 'retryStrategy'
  | 'connectionName'
  | 'enableAutoPipelining'
>;

/** A client for the target: `new Redis(url)` for one server, an ioredis `Cluster` for a cluster. */
export function createRedisClient(
  target: Pick<RedisTarget, 'url' | 'cluster'>,
  options: RedisClientOptions = {},
): RedisClient {
  if (!target.cluster) return new Redis(target.url, options);
  const { lazyConnect, enableOfflineQueue, keyPrefix, retryStrategy, enableAutoPipelining, ...perNode } =
    options;
  const { nodes, username, password, tls } = target.cluster;
  return new Cluster(nodes, {
    lazyConnect,
    enableOfflineQueue,
    keyPrefix,
    enableAutoPipelining,
    ...(retryStrategy ? { clusterRetryStrategy: retryStrategy } : {}),
    redisOptions: { ...perNode, username, password, ...(tls ? { tls: {} } : {}) },
  });
}

/**
 * BullMQ's key prefix for a queue. On a cluster every key of one queue must hash to one slot (its
 * Lua scripts touch many of them at once), so the prefix is a hash tag; one tag per queue spreads
 * the queues over the masters. One server keeps the plain prefix (and the keys it always had).
 */
export function queueKeyPrefix(target: RedisTarget, queueName: string): string {
  return target.cluster ? `{${target.queuePrefix}:${queueName}}` : target.queuePrefix;
}

/** Every key matching the pattern: SCAN on one server, SCAN on each master of a cluster. */
export async function scanKeys(client: RedisClient, pattern: string): Promise<string[]> {
  const servers = client instanceof Cluster ? client.nodes('master') : [client];
  const keys: string[] = [];
  for (const server of servers) {
    let cursor = '0';
    do {
      const [next, batch] = await server.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
  }
  return keys;
}

/** BullMQ connection options for a redis:// or rediss:// URL. */
export function redisOptions(url: string, overrides: Omit<BullRedisOptions, 'url'> = {}): BullRedisOptions {
  return { url, ...overrides };
}

export const REDIS_HELP = [
  'Redis is required for the job queues and was not reachable at %URL%.',
  'Start one with any of:',
  '  docker compose up -d redis',
  '  apt-get install redis-server && redis-server --daemonize yes',
  'or point REDIS_URL at a running Redis (e.g. REDIS_URL=redis://127.0.0.1:6379),',
  'or REDIS_CLUSTER_NODES at the nodes of a Redis Cluster (e.g. 10.0.0.1:6379,10.0.0.2:6379).',
].join('\n');

/** Where the target is, for messages: the URL without its password, or the cluster's seed nodes. */
export function describeRedisTarget(target: RedisTarget): string {
  if (target.cluster)
    return `the Redis Cluster ${target.cluster.nodes.map((n) => `${n.host}:${n.port}`).join(',')}`;
  return urlWithoutPassword(target.url);
}

/** Resolves when Redis (every master, on a cluster) answers PING within the timeout; rejects with the cause otherwise. */
export async function pingRedis(target: RedisTarget, timeoutMs = 3_000): Promise<void> {
  const client = createRedisClient(target, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  let lastError: Error | undefined;
  client.on('error', (error: Error) => (lastError = error));
  let timer: NodeJS.Timeout | undefined;
  try {
    // A cluster whose slots are not all served never becomes ready: the timeout ends the wait.
    await Promise.race([
      (async () => {
        await client.connect();
        const servers = client instanceof Cluster ? client.nodes('master') : [client];
        await Promise.all(servers.map((server) => server.ping()));
      })(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), timeoutMs * 2))),
    ]);
  } catch (error) {
    // ioredis rejects with "Connection is closed." and says why in an 'error' event.
    throw lastError && lastError !== error
      ? new Error(`${(error as Error).message} (${lastError.message})`)
      : error;
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

/** Resolves when Redis (every master, on a cluster) answers PING within the timeout; rejects with instructions otherwise. */
export async function assertRedisReachable(target: RedisTarget, timeoutMs = 3_000): Promise<void> {
  try {
    await pingRedis(target, timeoutMs);
  } catch {
    throw new Error(redisHelp(target));
  }
}

/** How to start Redis or point the service at one, naming where it looked. */
export function redisHelp(target: RedisTarget): string {
  return REDIS_HELP.replace('%URL%', describeRedisTarget(target));
}
