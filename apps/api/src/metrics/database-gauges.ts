import type { OperationsSnapshot, OperationsSnapshotRepository } from '@app/persistence';
import { Logger } from '@nestjs/common';
import { Gauge, type Registry } from 'prom-client';
import { cachedFor } from './cached.js';

const PENDING_STATUSES = ['received', 'quantified', 'review'] as const;
const OPEN_DELIVERY_STATUSES = ['pending', 'parked'] as const;

/** Ledger, settlement and webhook gauges, read from PostgreSQL so every API replica reports the same. */
export function registerDatabaseGauges(
  registry: Registry,
  operations: OperationsSnapshotRepository,
  ttlMs: number,
): void {
  const logger = new Logger('Metrics');
  const load = cachedFor(ttlMs, () => operations.snapshot());
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
    series: (current: OperationsSnapshot) => Iterable<[label: string | undefined, value: number]>,
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
    ({ reconciliation: run }) => (run ? [[undefined, run.ranAt.getTime() / 1000]] : []),
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
    ({ lagSeconds }) => [[undefined, Math.max(0, lagSeconds ?? 0)]],
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
