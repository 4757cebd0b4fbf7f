import { APP_CONFIG, type AppConfig } from '@app/config';
import { ActionStatus, pointsForGrams, selectPointsRule } from '@app/domain';
import { assessAction, type Assessment } from '@app/methodologies';
import { MethodologyCatalog, type CatalogSnapshot } from '@app/persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

interface ReceivedRow {
  id: string;
  citizen_id: string;
  district_code: string;
  methodology_id: string;
  payload: unknown;
  interval_start: Date | null;
  interval_end: Date | null;
}

interface Interval {
  start: number;
  end: number;
}

interface Outcome {
  id: string;
  status: ActionStatus;
  reason: string | null;
  versionId: string | null;
  grams: string | null;
  points: string | null;
  rule: number | null;
  trace: unknown;
}

export const RejectionReason = {
  TripOverlap: 'TRIP_OVERLAP',
  InputInvalid: 'INPUT_INVALID',
  MethodologyNotInForce: 'METHODOLOGY_NOT_IN_FORCE',
  PointsRuleNotInForce: 'POINTS_RULE_NOT_IN_FORCE',
  QuantificationFailed: 'QUANTIFICATION_FAILED',
} as const;

/**
 * received → quantified | rejected, a batch per transaction. Rows are claimed with SKIP LOCKED so
 * workers never take the same action; citizens are serialised with advisory locks (taken in one
 * order) so overlap checks see every earlier trip of the same citizen.
 */
@Injectable()
export class QuantificationService {
  private readonly logger = new Logger(QuantificationService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: MethodologyCatalog,
  ) {}

  /** Returns how many actions it moved. */
  async quantifyBatch(): Promise<number> {
    const snapshot = await this.catalog.get(0);
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<ReceivedRow[]>(
        `SELECT id, citizen_id, district_code, methodology_id, payload, interval_start, interval_end FROM actions
         WHERE status = 'received' ORDER BY received_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.config.worker.batchSize],
      );
      if (!rows.length) return 0;
      const citizens = [...new Set(rows.map((r) => r.citizen_id))];
      await manager.query(
        `SELECT pg_advisory_xact_lock(k) FROM (SELECT hashtextextended(c, 0) AS k FROM unnest($1::text[]) c ORDER BY 1) s`,
        [citizens],
      );
      const accepted = await this.acceptedIntervals(manager, citizens, rows);
      const outcomes = rows.map((row) => this.decide(row, snapshot, accepted));
      await manager.query(
        `UPDATE actions a SET status = v.status, reason_code = v.reason, methodology_version_id = v.version_id,
                grams = v.grams, points = v.points, points_rule_version = v.rule, trace = v.trace,
                quantified_at = now(), updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::int[], $8::jsonb[])
              AS v(id, status, reason, version_id, grams, points, rule, trace)
         WHERE a.id = v.id`,
        [
          outcomes.map((o) => o.id),
          outcomes.map((o) => o.status),
          outcomes.map((o) => o.reason),
          outcomes.map((o) => o.versionId),
          outcomes.map((o) => o.grams),
          outcomes.map((o) => o.points),
          outcomes.map((o) => o.rule),
          outcomes.map((o) => JSON.stringify(o.trace ?? null)),
        ],
      );
      return rows.length;
    });
  }

  /** Accepted trips of these citizens that could overlap a trip of the batch. */
  private async acceptedIntervals(
    manager: EntityManager,
    citizens: string[],
    batch: ReceivedRow[],
  ): Promise<Map<string, Interval[]>> {
    const trips = batch.filter((r) => r.interval_start && r.interval_end);
    if (!trips.length) return new Map();
    const from = new Date(Math.min(...trips.map((r) => r.interval_start!.getTime())));
    const to = new Date(Math.max(...trips.map((r) => r.interval_end!.getTime())));
    const rows = await manager.query<{ citizen_id: string; interval_start: Date; interval_end: Date }[]>(
      `SELECT citizen_id, interval_start, interval_end FROM actions
       WHERE citizen_id = ANY($1::uuid[]) AND interval_start IS NOT NULL
         AND interval_start < $3 AND interval_end > $2
         AND status IN ('quantified', 'settled', 'review')`,
      [citizens, from, to],
    );
    const byCitizen = new Map<string, Interval[]>();
    for (const row of rows) {
      const list = byCitizen.get(row.citizen_id) ?? [];
      list.push({ start: row.interval_start.getTime(), end: row.interval_end.getTime() });
      byCitizen.set(row.citizen_id, list);
    }
    return byCitizen;
  }

  private decide(row: ReceivedRow, snapshot: CatalogSnapshot, accepted: Map<string, Interval[]>): Outcome {
    const rejected = (reason: string, trace: unknown = null, versionId: string | null = null): Outcome => ({
      id: row.id,
      status: ActionStatus.Rejected,
      reason,
      versionId,
      grams: null,
      points: null,
      rule: null,
      trace,
    });
    let assessment: Assessment;
    try {
      assessment = assessAction(snapshot.versions, row.methodology_id, row.payload, row.district_code);
    } catch (error) {
      this.logger.error(`quantifying action ${row.id} failed: ${(error as Error).message}`);
      return rejected(RejectionReason.QuantificationFailed);
    }
    switch (assessment.kind) {
      case 'unknown-methodology':
      case 'invalid-input':
        return rejected(RejectionReason.InputInvalid, assessment);
      case 'not-in-force':
        return rejected(RejectionReason.MethodologyNotInForce);
      case 'rejected':
        return rejected(
          assessment.reason,
          { message: assessment.message, details: assessment.details },
          assessment.version.id,
        );
    }
    if (assessment.interval) {
      const own = accepted.get(row.citizen_id) ?? [];
      const span = { start: assessment.interval.start.getTime(), end: assessment.interval.end.getTime() };
      if (own.some((other) => other.start < span.end && span.start < other.end)) {
        return rejected(RejectionReason.TripOverlap, null, assessment.version.id);
      }
      own.push(span);
      accepted.set(row.citizen_id, own);
    }
    const rule = selectPointsRule(snapshot.pointsRules, assessment.occurredAt);
    if (!rule) return rejected(RejectionReason.PointsRuleNotInForce, null, assessment.version.id);
    return {
      id: row.id,
      status: ActionStatus.Quantified,
      reason: null,
      versionId: assessment.version.id,
      grams: assessment.grams.toString(),
      points: pointsForGrams(assessment.grams, rule).toString(),
      rule: rule.version,
      trace: assessment.trace,
    };
  }
}
