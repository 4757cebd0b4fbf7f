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
  /**
   * A gauge whose series all come from the snapshot. Every scrape starts empty: a labelled gauge is
   * reset; an unlabelled one is removed, since reset() would leave a 0 behind where "absent" is meant.
   */
  const snapshotGauge = (
    name: string,
    help: string,
    labelName: string | undefined,
    series: (current: DatabaseSnapshot) => Iterable<[label: string | undefined, value: number]>,
  ) =>
    new Gauge({
      name,
      help,
      labelNames: labelName ? [labelName] : [],
      registers: [registry],
      async collect() {
        if (labelName) this.reset();
        else this.remove();
        const current = await snapshot();
        if (!current) return;
        for (const [label, value] of series(current))
          if (labelName) this.set({ [labelName]: label! }, value);
          else this.set(value);
      },
    });
  const each = <S extends string>(statuses: readonly S[], value: (status: S) => number) =>
    statuses.map((status): [string, number] => [status, value(status)]);

  snapshotGauge(
    'carbon_ledger_reconciliation_ok',
    '1 when the latest scheduled reconciliation found no violation, 0 when it did; absent before the first run',
    undefined,
    ({ reconciliation: run }) => (run ? [[undefined, run.ok ? 1 : 0]] : []),
  );
  snapshotGauge(
    'carbon_ledger_reconciliation_violations',
    'offending rows per invariant in the latest reconciliation (capped at 1000 per check)',
    'check',
    ({ reconciliation: run }) => (run?.violations ?? []).map((v): [string, number] => [v.check, v.count]),
  );
  snapshotGauge(
    'carbon_ledger_reconciliation_last_run_timestamp_seconds',
    'when the latest reconciliation ran',
    undefined,
    ({ reconciliation: run }) => (run ? [[undefined, new Date(run.ran_at).getTime() / 1000]] : []),
  );
  snapshotGauge(
    'carbon_actions_pending',
    'actions not yet settled or rejected, by status (received and quantified wait for the worker, review for an admin)',
    'status',
    ({ pending }) => each(PENDING_STATUSES, (status) => Number(pending[status] ?? 0)),
  );
  snapshotGauge(
    'carbon_settlement_lag_seconds',
    'how long the oldest action waiting for the worker (received or quantified) has waited since its last change; 0 when none waits',
    undefined,
    ({ lag_seconds }) => [[undefined, Math.max(0, lag_seconds ?? 0)]],
  );
  snapshotGauge(
    'carbon_webhook_deliveries_undelivered',
    'webhook deliveries not delivered, by status: pending (being retried) or parked (out of attempts, waiting for an admin to re-drive)',
    'status',
    ({ webhooks }) => each(OPEN_DELIVERY_STATUSES, (status) => Number(webhooks[status]?.deliveries ?? 0)),
  );
  snapshotGauge(
    'carbon_webhook_failed_attempts',
    'attempts made so far by webhook deliveries not delivered (each one failed or is in flight), by status',
    'status',
    ({ webhooks }) => each(OPEN_DELIVERY_STATUSES, (status) => Number(webhooks[status]?.attempts ?? 0)),
  );
}
