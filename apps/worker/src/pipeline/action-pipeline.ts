import { Injectable, type BeforeApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { EngagementUpdater } from '../engagement/engagement-updater.js';
import { QuantificationService } from './quantification.service.js';
import { SettlementService } from './settlement.service.js';

/**
 * Drains the actions inbox in batches. Wake-ups arrive far more often than batches are needed, so
 * concurrent drain() calls coalesce: each caller waits for a full pass that started after it asked,
 * which guarantees the action that woke it was visible to that pass.
 */
@Injectable()
export class ActionPipeline implements OnModuleDestroy, BeforeApplicationShutdown {
  private current?: Promise<void>;
  private next?: Promise<void>;
  private stopping = false;

  constructor(
    private readonly quantification: QuantificationService,
    private readonly settlement: SettlementService,
    private readonly engagement: EngagementUpdater,
  ) {}

  drain(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    if (!this.current) {
      this.current = this.run().finally(() => (this.current = undefined));
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
    } while (moved > 0 && !this.stopping);
  }
}
