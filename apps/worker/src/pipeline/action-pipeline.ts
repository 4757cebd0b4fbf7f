import { ActionPipelineRepository } from '@app/persistence';
import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { reportInvariantBreach } from '../common/invariant-breaches.js';
import { EngagementUpdater } from '../engagement/engagement-updater.js';
import { QuantificationService } from './quantification.service.js';
import { SettlementService } from './settlement.service.js';

/**
 * Drains the actions inbox in batches. Wake-ups arrive far more often than batches are needed, so
 * concurrent drain() calls coalesce: each caller waits for a full pass that started after it asked,
 * which guarantees the action that woke it was visible to that pass.
 *
 * Visible is not claimable: the claims skip rows another transaction holds at that moment (another
 * worker's batch, or a request that touched the row an instant before). A pass that ends with work
 * still waiting tries again shortly, backing off, rather than leave it to the sweeper a minute later.
 */
@Injectable()
export class ActionPipeline implements OnModuleDestroy, BeforeApplicationShutdown {
  private current?: Promise<void>;
  private next?: Promise<void>;
  private stopping = false;
  private retryTimer?: NodeJS.Timeout;
  /** Passes in a row that moved nothing while work waited: the next retry waits longer. */
  private retryAttempt = 0;
  private readonly logger = new Logger(ActionPipeline.name);

  constructor(
    private readonly actions: ActionPipelineRepository,
    private readonly quantification: QuantificationService,
    private readonly settlement: SettlementService,
    private readonly engagement: EngagementUpdater,
  ) {}

  drain(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    if (!this.current) {
      this.current = this.run()
        .catch((error: unknown) => {
          // Once per pass, however many jobs wait on it; BullMQ retries the jobs as for any failure.
          reportInvariantBreach(this.logger, error, 'actions pipeline');
          throw error;
        })
        .finally(() => (this.current = undefined));
      return this.current;
    }
    this.next ??= this.current
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.drain();
      });
    return this.next;
  }

  /** Stop taking new batches; the batch in flight commits or rolls back as a whole. */
  onModuleDestroy(): void {
    this.stopping = true;
    clearTimeout(this.retryTimer);
  }

  /**
   * Connections close in the shutdown phase, after this: the pass in flight finishes its batch and
   * its after-settlement updates first instead of failing them on a closed Redis.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.current, this.next]);
  }

  private async run(): Promise<void> {
    let moved: number;
    do {
      const quantified = await this.quantification.quantifyBatch();
      const settled = await this.settlement.settleBatchIds();
      // After the commit: badges and leaderboards are derived views, never part of settlement.
      if (settled.length) await this.engagement.afterSettlement(settled);
      moved = quantified + settled.length;
      if (moved > 0) this.retryAttempt = 0;
    } while (moved > 0 && !this.stopping);
    // Actions waiting for a worker that this pass could not claim.
    if (!this.stopping && (await this.actions.workWaiting())) this.retryLater();
  }

  private retryLater(): void {
    if (this.retryTimer) return;
    const delayMs = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** this.retryAttempt);
    this.retryAttempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.drain().catch((error: Error) =>
        this.logger.warn(`retrying the actions inbox failed; the sweeper will: ${error.message}`),
      );
    }, delayMs);
  }
}

const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5_000;
