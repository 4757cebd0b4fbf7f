import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** What the database says about the platform's health, for the metrics gauges. */
export interface OperationsSnapshot {
  /** The latest scheduled reconciliation; null before the first run. */
  reconciliation: { ranAt: Date; ok: boolean; violations: { check: string; count: number }[] } | null;
  /** Actions waiting, by status (received, quantified, review), as decimal strings; a status with none may be absent. */
  pending: Record<string, string>;
  /** Seconds since the oldest action waiting for the worker last changed; null when none waits. */
  lagSeconds: number | null;
  /** Webhook deliveries not delivered, by status, with their attempts so far (decimal strings). */
  webhooks: Record<string, { deliveries: string; attempts: string }>;
}

interface SnapshotRow {
  reconciliation: { ran_at: string; ok: boolean; violations: { check: string; count: number }[] } | null;
  pending: Record<string, string>;
  lag_seconds: number | null;
  webhooks: Record<string, { deliveries: string; attempts: string }>;
}

/**
 * Everything the database gauges show, in one statement. Each part reads an index: the latest run
 * (reconciliation_runs_recent), the work waiting for the worker or a reviewer (action_queue_stage: the
 * queue holds exactly the received, quantified and review actions, migration 1765360000000) and
 * undelivered webhooks (webhook_deliveries_open). The lag is the oldest wait since the last move.
 */
const SNAPSHOT_SQL = `
  SELECT
    (SELECT json_build_object('ran_at', ran_at, 'ok', ok, 'violations', violations)
       FROM reconciliation_runs ORDER BY ran_at DESC LIMIT 1) AS reconciliation,
    (SELECT coalesce(json_object_agg(stage, n), '{}') FROM (
       SELECT stage, count(*)::text AS n FROM action_queue GROUP BY stage) p) AS pending,
    (SELECT extract(epoch FROM now() - least(
       (SELECT min(queued_at) FROM action_queue WHERE stage = 'received'),
       (SELECT min(queued_at) FROM action_queue WHERE stage = 'quantified')))::float8) AS lag_seconds,
    (SELECT coalesce(json_object_agg(status, json_build_object('deliveries', n, 'attempts', attempts)), '{}') FROM (
       SELECT status, count(*)::text AS n, sum(attempts)::text AS attempts
       FROM webhook_deliveries WHERE status <> 'delivered' GROUP BY status) w) AS webhooks`;

/** Reads across the ledger, the actions inbox and the webhook outbox, so every API replica reports the same. */
@Injectable()
export class OperationsSnapshotRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async snapshot(): Promise<OperationsSnapshot> {
    const [row] = await this.dataSource.query<SnapshotRow[]>(SNAPSHOT_SQL);
    const run = row.reconciliation;
    return {
      reconciliation: run ? { ranAt: new Date(run.ran_at), ok: run.ok, violations: run.violations } : null,
      pending: row.pending,
      lagSeconds: row.lag_seconds,
      webhooks: row.webhooks,
    };
  }
}
