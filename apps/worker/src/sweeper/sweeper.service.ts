import { APP_CONFIG, type AppConfig } from '@app/config';
import { jobId } from '@app/domain';
import { JobProducer } from '@app/queues';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobProducer,
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
      const rows = await this.dataSource.query<{ id: string }[]>(
        `SELECT id FROM actions
         WHERE status IN ('received', 'quantified') AND updated_at < now() - make_interval(secs => $1::double precision / 1000)
         ORDER BY updated_at LIMIT $2`,
        [this.config.worker.sweepStaleAfterMs, SWEEP_LIMIT],
      );
      if (!rows.length) return 0;
      const round = Math.floor(Date.now() / Math.max(this.config.worker.sweepIntervalMs, 1));
      if (
        await this.jobs.actionsReceived(
          rows.map((r) => r.id),
          (actionId) => jobId.actionResweep(actionId, round),
        )
      ) {
        this.logger.log(`re-enqueued ${rows.length} stuck action(s)`);
        return rows.length;
      }
      return 0;
    } finally {
      this.sweeping = false;
    }
  }
}
