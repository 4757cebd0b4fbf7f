import type { RedisClusterConfig } from '@app/config';
import { RedisConnection, createIORedisClient, type RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { createRedisClient, redisOptions, type RedisTarget } from './redis-connection.js';

/** Where a cluster's seed nodes travel inside BullMQ's connection options. */
const CLUSTER_KEY = 'carbonRedisCluster';

/**
 * BullMQ opens, duplicates (a worker's blocking connection) and closes its clients itself when it
 * is given options, but from options it only ever builds a single-server client; a `Cluster`
 * instance passed in instead would be shared and never closed by BullMQ, and Nest shuts the Bull
 * workers down last, so no provider could close it after them. Hence, for a cluster, BullMQ's own
 * hook: a client factory that builds an ioredis `Cluster` for options that carry the seed nodes,
 * and exactly what BullMQ would build for any other options. Installed only by processes configured
 * for a cluster; on one server nothing changes.
 */
function installClusterClientFactory(): void {
  if (RedisConnection.clientFactory === clusterClientFactory) return;
  // Another factory would build single-server clients from these options, silently off the cluster.
  if (RedisConnection.clientFactory) throw new Error('BullMQ already has another client factory');
  RedisConnection.clientFactory = clusterClientFactory;
}

/** A Cluster for options carrying seed nodes; for any other options, what BullMQ builds by default. */
function clusterClientFactory(opts: RedisOptions) {
  const { url, [CLUSTER_KEY]: cluster, ...rest } = opts;
  if (!cluster) return createIORedisClient(url ? new Redis(url, rest) : new Redis(rest));
  const { enableOfflineQueue, maxRetriesPerRequest, retryStrategy, connectionName } = rest;
  return createIORedisClient(
    createRedisClient(
      { url: '', cluster: cluster as RedisClusterConfig },
      { enableOfflineQueue, maxRetriesPerRequest, retryStrategy, connectionName },
    ),
  );
}

/** BullMQ connection options for the target: a URL, or (on a cluster) the seed nodes. */
export function bullConnection(
  target: RedisTarget,
  overrides: Pick<RedisOptions, 'enableOfflineQueue' | 'maxRetriesPerRequest'>,
): RedisOptions {
  if (!target.cluster) return redisOptions(target.url, overrides);
  installClusterClientFactory();
  return { ...overrides, [CLUSTER_KEY]: target.cluster };
}
