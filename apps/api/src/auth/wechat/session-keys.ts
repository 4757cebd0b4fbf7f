import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, ErrorCode } from '@app/domain';
import { openSecret, sealSecret } from '@app/persistence';
import { createRedisClient, type RedisClient } from '@app/queues';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';

/**
 * Each citizen's latest WeChat session_key, the only key that decrypts their WeRun data. Held in Redis,
 * sealed with AES-256-GCM, for WECHAT_SESSION_KEY_TTL_SECONDS; never returned or logged. Losing it (a
 * Redis flush, the TTL) costs nothing but a new login: the next sync answers WERUN_SESSION_EXPIRED.
 */
@Injectable()
export class WechatSessionKeys implements OnApplicationShutdown {
  private readonly logger = new Logger(WechatSessionKeys.name);
  private readonly redis: RedisClient;
  private readonly secret: Buffer;
  private readonly ttlSeconds: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.secret = config.wechat.sessionKeySecret;
    this.ttlSeconds = config.wechat.sessionKeyTtlSeconds;
    this.redis = createRedisClient(config.redis, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      keyPrefix: `${config.redis.queuePrefix}:wechat-session:`,
    });
    this.redis.on('error', () => undefined);
    void this.redis.connect().catch(() => undefined);
  }

  /** Called at login. A failure is logged, not raised: the login stands, only WeRun sync waits for the next one. */
  async remember(citizenId: string, sessionKey: string): Promise<void> {
    try {
      await this.redis.set(citizenId, sealSecret(this.secret, sessionKey), 'EX', this.ttlSeconds);
    } catch (error) {
      this.logger.warn(`could not keep the WeChat session key: ${(error as Error).message}`);
    }
  }

  /** The citizen's session key (base64, as WeChat gives it), or WERUN_SESSION_EXPIRED. */
  async recall(citizenId: string): Promise<string> {
    let sealed: string | null;
    try {
      sealed = await this.redis.get(citizenId);
    } catch {
      throw new DomainError(ErrorCode.DatabaseUnavailable, 'the session store is unavailable; retry shortly');
    }
    if (sealed === null) {
      throw new DomainError(
        ErrorCode.WerunSessionExpired,
        'the WeChat session has expired; log in again (wx.login) before syncing steps',
      );
    }
    try {
      return openSecret(this.secret, sealed);
    } catch {
      // Sealed under another key (a rotated WECHAT_SESSION_KEY_SECRET): as good as expired.
      throw new DomainError(
        ErrorCode.WerunSessionExpired,
        'the WeChat session is no longer usable; log in again',
      );
    }
  }

  async forget(citizenId: string): Promise<void> {
    await this.redis.del(citizenId).catch(() => undefined);
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
