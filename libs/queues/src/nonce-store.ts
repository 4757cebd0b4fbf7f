import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, ErrorCode } from '@app/domain';
import { createRedisClient, type RedisClient } from './redis-connection.js';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';

/** Remembers request nonces for a while (Redis SET NX EX), so a captured request cannot be replayed. */
@Injectable()
export class NonceStore implements OnApplicationShutdown {
  private readonly redis: RedisClient;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = createRedisClient(config.redis, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      keyPrefix: `${config.redis.queuePrefix}:nonce:`,
    });
    this.redis.on('error', () => undefined);
    void this.redis.connect().catch(() => undefined);
  }

  /** True the first time a nonce is seen for this key within the TTL. */
  async claim(keyId: string, nonce: string, ttlSeconds: number): Promise<boolean> {
    try {
      return (await this.redis.set(`${keyId}:${nonce}`, '1', 'EX', ttlSeconds, 'NX')) === 'OK';
    } catch {
      throw new DomainError(
        ErrorCode.ReplayCheckUnavailable,
        'the replay check is unavailable; retry shortly',
      );
    }
  }

  /** After the in-flight requests and batches have finished (they run until the shutdown phase). */
  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
