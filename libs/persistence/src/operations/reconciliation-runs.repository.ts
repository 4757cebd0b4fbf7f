import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** One run of the ledger reconciliation, as kept for operators. */
export interface ReconciliationRun {
  ranAt: Date | string;
  ok: boolean;
  durationMs: number;
  violations: unknown;
}

/** The record of reconciliation runs (the last 30 days). */
@Injectable()
export class ReconciliationRunsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(run: ReconciliationRun): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO reconciliation_runs (ran_at, ok, duration_ms, violations) VALUES ($1, $2, $3, $4)`,
      [run.ranAt, run.ok, run.durationMs, JSON.stringify(run.violations)],
    );
  }

  /** Forgets runs older than 30 days. */
  async prune(): Promise<void> {
    await this.dataSource.query(`DELETE FROM reconciliation_runs WHERE ran_at < now() - interval '30 days'`);
  }
}
