import { APP_CONFIG, type AppConfig } from '@app/config';
import { compactReportDeltas } from '@app/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PeriodicTask } from '../common/periodic-task.js';

// A run stops after this many transactions even under a steady stream of new deltas; the next tick goes on.
const MAX_ROUNDS = 20;

/** Folds the report deltas that settlement appends into the per-day rollups the reports read. */
@Injectable()
export class ReportCompactorService extends PeriodicTask {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.worker.reportCompactIntervalMs;
  }

  protected runScheduled(): Promise<number> {
    return this.run();
  }

  /** Folds every pending delta, a bounded transaction at a time; returns how many it folded. */
  async run(): Promise<number> {
    let folded = 0;
    let rounds = 0;
    for (;;) {
      const batch = await compactReportDeltas(this.dataSource);
      folded += batch;
      if (batch === 0 || ++rounds >= MAX_ROUNDS) return folded;
    }
  }
}
