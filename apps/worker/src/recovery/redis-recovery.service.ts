import { APP_CONFIG, type AppConfig } from '@app/config';
import { LeaderboardStore, createRedisClient, type RedisClient } from '@app/queues';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import { LeaderboardRebuildService } from '../engagement/leaderboard-rebuild.service.js';
import { ActionPipeline } from '../pipeline/action-pipeline.js';

/** How soon the watch connection tries again after losing Redis: it is what notices the return. */
const RECONNECT_MAX_MS = 1_000;

/**
 * Notices Redis coming back, and Redis losing what only it held.
 *
 * - Actions accepted while Redis was away have no wake-up job (the API's enqueue failed, the sweeper's
 *   too): when Redis is back the worker drains the inbox at once, instead of waiting for the sweeper
 *   to find them stale (SWEEP_STALE_AFTER_MS later).
 * - Leaderboards live only in Redis: when the mark the last rebuild left is gone (a FLUSHALL, a
 *   restart without persistence), they are rebuilt from the ledger at once, not at the next hourly
 *   rebuild. Checked on every reconnect and every LEADERBOARD_CHECK_INTERVAL_MS (one SET NX, so of
 *   the workers that find it gone together one rebuilds).
 *
 * Its own connection, so that an outage shows as 'close' then 'ready' whatever BullMQ does with its.
 */
@Injectable()
export class RedisRecoveryService implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger(RedisRecoveryService.name);
  private readonly redis: RedisClient;
  private timer?: NodeJS.Timeout;
  private connectedOnce = false;
  private lost = false;
  private stopping = false;
  private checking?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pipeline: ActionPipeline,
    private readonly boards: LeaderboardStore,
    private readonly rebuild: LeaderboardRebuildService,
  ) {
    this.redis = createRedisClient(config.redis, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectionName: 'carbon-worker-watch',
      retryStrategy: (times) => Math.min(100 * times, RECONNECT_MAX_MS),
    });
    this.redis.on('error', () => undefined);
    this.redis.on('close', () => {
      if (this.connectedOnce && !this.lost && !this.stopping) {
        this.lost = true;
        this.logger.warn('lost Redis: wake-ups wait for its return');
      }
    });
    this.redis.on('ready', () => void this.onReady());
  }

  onApplicationBootstrap(): void {
    void this.redis.connect().catch(() => undefined);
    this.timer = setInterval(() => void this.checkBoards(), this.config.worker.leaderboardCheckIntervalMs);
  }

  onModuleDestroy(): void {
    this.stopping = true;
    clearInterval(this.timer);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.checking;
    this.redis.disconnect();
  }

  private async onReady(): Promise<void> {
    const back = this.lost;
    this.connectedOnce = true;
    this.lost = false;
    if (back && !this.stopping) {
      this.logger.log('Redis is back: draining the actions inbox');
      this.pipeline
        .drain()
        .catch((error: Error) =>
          this.logger.warn(`draining after Redis came back failed; the sweeper will retry: ${error.message}`),
        );
    }
    await this.checkBoards();
  }

  /** Rebuilds the leaderboards when Redis no longer has them; one check at a time. */
  checkBoards(): Promise<void> {
    if (this.stopping || this.redis.status !== 'ready') return Promise.resolve();
    this.checking ??= this.rebuildIfMissing().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async rebuildIfMissing(): Promise<void> {
    try {
      if (!(await this.boards.claimRebuildIfMissing())) return;
      this.logger.log('the leaderboards are missing from Redis: rebuilding them from the ledger');
      await this.rebuild.run().catch(async (error: unknown) => {
        await this.boards.releaseRebuildClaim().catch(() => undefined);
        throw error;
      });
    } catch (error) {
      this.logger.warn(`leaderboard check failed; the next one retries: ${(error as Error).message}`);
    }
  }
}
