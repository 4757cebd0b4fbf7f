import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

interface LastRun {
  ran_at: Date;
  ok: boolean;
  violations: { check: string; count: number }[];
}

/** Prometheus metrics, read from Postgres at scrape time so every API replica reports the same. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'carbon_' });
    const last = () =>
      this.dataSource
        .query<LastRun[]>(
          `SELECT ran_at, ok, violations FROM reconciliation_runs ORDER BY ran_at DESC LIMIT 1`,
        )
        .then((rows) => rows[0]);

    new Gauge({
      name: 'carbon_ledger_reconciliation_ok',
      help: '1 when the latest scheduled reconciliation found no violation, 0 when it did; absent before the first run',
      registers: [this.registry],
      async collect() {
        const run = await last();
        if (run) this.set(run.ok ? 1 : 0);
      },
    });
    new Gauge({
      name: 'carbon_ledger_reconciliation_violations',
      help: 'offending rows per invariant in the latest reconciliation (capped at 1000 per check)',
      labelNames: ['check'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const violation of (await last())?.violations ?? [])
          this.set({ check: violation.check }, violation.count);
      },
    });
    new Gauge({
      name: 'carbon_ledger_reconciliation_last_run_timestamp_seconds',
      help: 'when the latest reconciliation ran',
      registers: [this.registry],
      async collect() {
        const run = await last();
        if (run) this.set(run.ran_at.getTime() / 1000);
      },
    });
    const pending = () =>
      this.dataSource
        .query<{ status: string; n: string; oldest: string | null }[]>(
          `SELECT status, count(*) AS n, extract(epoch FROM now() - min(updated_at)) AS oldest
           FROM actions WHERE status IN ('received', 'quantified', 'review') GROUP BY status`,
        )
        .then((rows) => rows);
    new Gauge({
      name: 'carbon_actions_pending',
      help: 'actions not yet settled or rejected, by status',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of await pending()) this.set({ status: row.status }, Number(row.n));
      },
    });
    new Gauge({
      name: 'carbon_settlement_lag_seconds',
      help: 'age of the oldest action waiting for the worker (received or quantified)',
      registers: [this.registry],
      async collect() {
        const rows = (await pending()).filter((r) => r.status !== 'review' && r.oldest !== null);
        this.set(rows.length ? Math.max(...rows.map((r) => Number(r.oldest))) : 0);
      },
    });
  }
}
