import { APP_CONFIG, type AppConfig } from '@app/config';
import { jobId } from '@app/domain';
import { ActionPipelineRepository } from '@app/persistence';
import { JobProducer } from '@app/queues';
import { Inject, Injectable } from '@nestjs/common';
import { PeriodicTask } from '../common/periodic-task.js';

const SWEEP_LIMIT = 5_000;

/**
 * Re-enqueues actions stuck in received/quantified: accepted while Redis was down, their job lost to
 * a Redis flush, or their batch rolled back by a killed worker. Postgres is the truth; this closes
 * every gap between it and the queue. It runs on a timer, not a queue, so it works without Redis state.
 */
@Injectable()
export class SweeperService extends PeriodicTask {
  private sweeping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobProducer,
    private readonly actions: ActionPipelineRepository,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.worker.sweepIntervalMs;
  }

  protected runScheduled(): Promise<unknown> {
    return this.sweep();
  }

  /** Returns how many stuck actions it re-enqueued. */
  async sweep(): Promise<number> {
    if (this.sweeping) return 0;
    this.sweeping = true;
    try {
      const ids = await this.actions.stuckIds(this.config.worker.sweepStaleAfterMs, SWEEP_LIMIT);
      if (!ids.length) return 0;
      const round = Math.floor(Date.now() / Math.max(this.config.worker.sweepIntervalMs, 1));
      if (await this.jobs.actionsReceived(ids, (actionId) => jobId.actionResweep(actionId, round))) {
        this.logger.log(`re-enqueued ${ids.length} stuck action(s)`);
        return ids.length;
      }
      return 0;
    } finally {
      this.sweeping = false;
    }
  }
}
