import { APP_CONFIG, type AppConfig } from '@app/config';
import { createRedisClient, type RedisClient } from './redis-connection.js';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';

// One round trip: count the hit in a fixed window and say how long the window has left.
const HIT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { hits, redis.call('PTTL', KEYS[1]) }`;

export interface RateWindow {
  hits: number;
  /** Seconds until the window resets. */
  resetsIn: number;
}

/**
 * Fixed-window rate-limit counters in Redis, shared by every API replica. While Redis is unreachable
 * the counters say nothing (and the log says so): a missing limit is better than a refused service.
 */
@Injectable()
export class RateCounter implements OnApplicationShutdown {
  private readonly logger = new Logger(RateCounter.name);
  private readonly redis: RedisClient;
  private lastWarning = 0;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = createRedisClient(config.redis, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      keyPrefix: `${config.redis.queuePrefix}:rate:`,
      // Every request counts a hit: the hits of one event-loop turn go out in one write (per node
      // on a cluster) instead of a socket write and a read each.
      enableAutoPipelining: true,
    });
    // defineCommand sends the script once and EVALSHA after, instead of the whole script per request.
    this.redis.defineCommand('rateHit', { numberOfKeys: 1, lua: HIT });
    this.redis.on('error', () => undefined);
    void this.redis.connect().catch(() => undefined);
  }

  async hit(key: string, windowMs: number): Promise<RateWindow | undefined> {
    try {
      const [hits, pttl] = await (
        this.redis as RedisClient & { rateHit(key: string, windowMs: number): Promise<[number, number]> }
      ).rateHit(key, windowMs);
      return { hits, resetsIn: Math.max(1, Math.ceil(pttl / 1000)) };
    } catch (error) {
      if (Date.now() - this.lastWarning > 10_000) {
        this.lastWarning = Date.now();
        this.logger.warn(`rate limiting is off while Redis is unreachable: ${(error as Error).message}`);
      }
      return undefined;
    }
  }

  /** After the in-flight requests and batches have finished (they run until the shutdown phase). */
  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
