import { Logger } from '@nestjs/common';
import { Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { cachedFor } from './cached.js';

interface DatabaseSnapshot {
  reconciliation: { ran_at: string; ok: boolean; violations: { check: string; count: number }[] } | null;
  pending: Record<string, string>;
  lag_seconds: number | null;
  webhooks: Record<string, { deliveries: string; attempts: string }>;
}

const PENDING_STATUSES = ['received', 'quantified', 'review'] as const;
const OPEN_DELIVERY_STATUSES = ['pending', 'parked'] as const;

/**
 * Everything the database gauges show, in one statement. Each part reads a partial index: the
 * latest run (reconciliation_runs_recent), work waiting for the worker (actions_pending), the review
 * queue (actions_review_queue) and undelivered webhooks (webhook_deliveries_open).
 */
const SNAPSHOT_SQL = `
  SELECT
    (SELECT json_build_object('ran_at', ran_at, 'ok', ok, 'violations', violations)
       FROM reconciliation_runs ORDER BY ran_at DESC LIMIT 1) AS reconciliation,
    (SELECT coalesce(json_object_agg(status, n), '{}') FROM (
       SELECT status, count(*)::text AS n FROM actions WHERE status IN ('received', 'quantified') GROUP BY status
       UNION ALL
       SELECT 'review', count(*)::text FROM actions WHERE status = 'review') p) AS pending,
    (SELECT extract(epoch FROM now() - min(updated_at))::float8
       FROM actions WHERE status IN ('received', 'quantified')) AS lag_seconds,
    (SELECT coalesce(json_object_agg(status, json_build_object('deliveries', n, 'attempts', attempts)), '{}') FROM (
       SELECT status, count(*)::text AS n, sum(attempts)::text AS attempts
       FROM webhook_deliveries WHERE status <> 'delivered' GROUP BY status) w) AS webhooks`;

/** Ledger, settlement and webhook gauges, read from PostgreSQL so every API replica reports the same. */
export function registerDatabaseGauges(registry: Registry, dataSource: DataSource, ttlMs: number): void {
  const logger = new Logger('Metrics');
  const load = cachedFor(ttlMs, async () => {
    const [row] = await dataSource.query<DatabaseSnapshot[]>(SNAPSHOT_SQL);
    return row;
  });
  // An unreachable database leaves these gauges out of the scrape instead of failing all of it.
  const snapshot = () =>
    load().catch((error: Error) => {
      logger.warn(`database metrics unavailable: ${error.message}`);
      return undefined;
    });
  const registers = [registry];

  new Gauge({
    name: 'carbon_ledger_reconciliation_ok',
    help: '1 when the latest scheduled reconciliation found no violation, 0 when it did; absent before the first run',
    registers,
    async collect() {
      // Without labels, reset() would leave a 0 behind; remove() leaves the series out.
      this.remove();
      const run = (await snapshot())?.reconciliation;
      if (run) this.set(run.ok ? 1 : 0);
    },
  });
  new Gauge({
    name: 'carbon_ledger_reconciliation_violations',
    help: 'offending rows per invariant in the latest reconciliation (capped at 1000 per check)',
    labelNames: ['check'],
    registers,
    async collect() {
      this.reset();
      for (const violation of (await snapshot())?.reconciliation?.violations ?? [])
        this.set({ check: violation.check }, violation.count);
    },
  });
  new Gauge({
    name: 'carbon_ledger_reconciliation_last_run_timestamp_seconds',
    help: 'when the latest reconciliation ran',
    registers,
    async collect() {
      this.remove();
      const run = (await snapshot())?.reconciliation;
      if (run) this.set(new Date(run.ran_at).getTime() / 1000);
    },
  });
  new Gauge({
    name: 'carbon_actions_pending',
    help: 'actions not yet settled or rejected, by status (received and quantified wait for the worker, review for an admin)',
    labelNames: ['status'],
    registers,
    async collect() {
      this.reset();
      const current = await snapshot();
      if (!current) return;
      for (const status of PENDING_STATUSES) this.set({ status }, Number(current.pending[status] ?? 0));
    },
  });
  new Gauge({
    name: 'carbon_settlement_lag_seconds',
    help: 'how long the oldest action waiting for the worker (received or quantified) has waited since its last change; 0 when none waits',
    registers,
    async collect() {
      this.remove();
      const current = await snapshot();
      if (current) this.set(Math.max(0, current.lag_seconds ?? 0));
    },
  });
  new Gauge({
    name: 'carbon_webhook_deliveries_undelivered',
    help: 'webhook deliveries not delivered, by status: pending (being retried) or parked (out of attempts, waiting for an admin to re-drive)',
    labelNames: ['status'],
    registers,
    async collect() {
      this.reset();
      const current = await snapshot();
      if (!current) return;
      for (const status of OPEN_DELIVERY_STATUSES)
        this.set({ status }, Number(current.webhooks[status]?.deliveries ?? 0));
    },
  });
  new Gauge({
    name: 'carbon_webhook_failed_attempts',
    help: 'attempts made so far by webhook deliveries not delivered (each one failed or is in flight), by status',
    labelNames: ['status'],
    registers,
    async collect() {
      this.reset();
      const current = await snapshot();
      if (!current) return;
      for (const status of OPEN_DELIVERY_STATUSES)
        this.set({ status }, Number(current.webhooks[status]?.attempts ?? 0));
    },
  });
}
