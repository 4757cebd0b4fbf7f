import { APP_CONFIG, type AppConfig } from '@app/config';
import { reconcile, type ReconciliationReport } from '@app/ledger';
import { ReconciliationRunsRepository } from '@app/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PeriodicTask } from '../common/periodic-task.js';

/** Checks every ledger invariant on a schedule and says loudly when one breaks. */
@Injectable()
export class ReconcileService extends PeriodicTask {
  last?: ReconciliationReport;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runs: ReconciliationRunsRepository,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.worker.reconcileIntervalMs;
  }

  protected runScheduled(): Promise<unknown> {
    return this.run();
  }

  async run(): Promise<ReconciliationReport> {
    const report = await reconcile(this.dataSource.manager);
    this.last = report;
    await this.runs.record({
      ranAt: report.checkedAt,
      ok: report.ok,
      durationMs: report.durationMs,
      violations: report.violations,
    });
    await this.runs.prune();
    if (report.ok)
      this.logger.log(
        `ledger reconciled: ${report.checks.length} checks, no violation (${report.durationMs} ms)`,
      );
    else this.logger.error(`ledger reconciliation found violations: ${JSON.stringify(report.violations)}`);
    return report;
  }
}
