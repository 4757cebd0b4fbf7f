import type { RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';

/** BullMQ connection options for a redis:// or rediss:// URL. */
export function redisOptions(url: string, overrides: Omit<RedisOptions, 'url'> = {}): RedisOptions {
  return { url, ...overrides };
}

export const REDIS_HELP = [
  'Redis is required for the job queues and was not reachable at %URL%.',
  'Start one with any of:',
  '  docker compose up -d redis',
  '  apt-get install redis-server && redis-server --daemonize yes',
  'or point REDIS_URL at a running Redis (e.g. REDIS_URL=redis://127.0.0.1:6379).',
].join('\n');

/** Resolves when Redis answers PING within the timeout; rejects with instructions otherwise. */
export async function assertRedisReachable(url: string, timeoutMs = 3_000): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch {
    const safeUrl = new URL(url);
    safeUrl.password = safeUrl.password ? '***' : '';
    throw new Error(REDIS_HELP.replace('%URL%', safeUrl.toString()));
  } finally {
    client.disconnect();
  }
}
