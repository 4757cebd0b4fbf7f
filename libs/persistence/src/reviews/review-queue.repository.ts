import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

interface QueueRow {
  id: string;
  methodology_id: string;
  district_code: string;
  source: string;
  requested_grams: string | null;
  grams: string | null;
  points: string | null;
  cap_applied: string | null;
  payload: unknown;
  evidence: unknown;
  occurred_at: Date;
  received_at: Date;
  interval_start: Date | null;
  interval_end: Date | null;
  params: unknown;
  sort_value: string;
}

/** An action waiting for review, with its version's parameters; bigints as decimal strings. */
export interface ReviewQueueRow {
  id: string;
  methodologyId: string;
  districtCode: string;
  source: string;
  requestedGrams: string | null;
  grams: string | null;
  points: string | null;
  capApplied: string | null;
  payload: unknown;
  evidence: unknown;
  occurredAt: Date;
  receivedAt: Date;
  intervalStart: Date | null;
  intervalEnd: Date | null;
  params: unknown;
  /** The row's value under the sort (an ISO instant or a gram count): the first half of a cursor. */
  sortValue: string;
}

export type ReviewQueueSort = 'oldest' | 'newest' | 'largest' | 'smallest';

/** The queue's filters; null means "any". Amounts are grams (credited if quantified, else requested). */
export interface ReviewQueueFilter {
  methodology: string | null;
  district: string | null;
  source: string | null;
  minGrams: string | null;
  maxGrams: string | null;
  minAgeHours: number | null;
}

export interface ReviewDecision {
  status: 'quantified' | 'rejected';
  review: 'approved' | 'rejected';
  reason: string | null;
}

// The claimed amount a reviewer sorts and filters by: what was credited if quantified, else what was asked.
const AMOUNT = `coalesce(a.grams, a.requested_grams, 0)`;
const SORTS: Record<ReviewQueueSort, { key: string; order: 'ASC' | 'DESC'; cast: string }> = {
  oldest: { key: 'a.received_at', order: 'ASC', cast: 'timestamptz' },
  newest: { key: 'a.received_at', order: 'DESC', cast: 'timestamptz' },
  largest: { key: AMOUNT, order: 'DESC', cast: 'bigint' },
  smallest: { key: AMOUNT, order: 'ASC', cast: 'bigint' },
};

const FILTERS = `a.status = 'review'
   AND ($1::text IS NULL OR a.methodology_id = $1)
   AND ($2::text IS NULL OR a.district_code = $2)
   AND ($3::text IS NULL OR a.source = $3)
   AND ($4::bigint IS NULL OR ${AMOUNT} >= $4)
   AND ($5::bigint IS NULL OR ${AMOUNT} <= $5)
   AND ($6::int IS NULL OR a.received_at <= now() - make_interval(hours => $6))`;

const filterParams = (f: ReviewQueueFilter) => [
  f.methodology,
  f.district,
  f.source,
  f.minGrams,
  f.maxGrams,
  f.minAgeHours,
];

/** The review queue's reads and its decisions, each taken in one statement. */
@Injectable()
export class ReviewQueueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Up to `limit` waiting actions in `sort` order, strictly after the keyset `after` (sort value, id). */
  async page(
    filter: ReviewQueueFilter,
    sortName: ReviewQueueSort,
    after: { sortValue: string; id: string } | null,
    limit: number,
  ): Promise<ReviewQueueRow[]> {
    const sort = SORTS[sortName];
    const direction = sort.order === 'ASC' ? '>' : '<';
    const rows = await this.dataSource.query<QueueRow[]>(
      `SELECT a.id, a.methodology_id, a.district_code, a.source, a.requested_grams::text, a.grams::text,
              a.points::text, a.cap_applied, a.payload, a.evidence, a.occurred_at, a.received_at,
              a.interval_start, a.interval_end, v.params,
              CASE WHEN $9 = 'timestamptz' THEN to_char(a.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                   ELSE ${AMOUNT}::text END AS sort_value
         FROM actions a LEFT JOIN methodology_versions v ON v.id = a.methodology_version_id
        WHERE ${FILTERS}
          AND ($7::text IS NULL OR (${sort.key}, a.id) ${direction} ($7::${sort.cast}, $8::uuid))
        ORDER BY ${sort.key} ${sort.order}, a.id ${sort.order}
        LIMIT $10`,
      [...filterParams(filter), after?.sortValue ?? null, after?.id ?? null, sort.cast, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      methodologyId: r.methodology_id,
      districtCode: r.district_code,
      source: r.source,
      requestedGrams: r.requested_grams,
      grams: r.grams,
      points: r.points,
      capApplied: r.cap_applied,
      payload: r.payload,
      evidence: r.evidence,
      occurredAt: r.occurred_at,
      receivedAt: r.received_at,
      intervalStart: r.interval_start,
      intervalEnd: r.interval_end,
      params: r.params,
      sortValue: r.sort_value,
    }));
  }

  /** How many waiting actions match the filters. */
  async count(filter: ReviewQueueFilter): Promise<number> {
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM actions a WHERE ${FILTERS}`,
      filterParams(filter),
    );
    return total;
  }

  /**
   * Decides every listed action still waiting, in one statement: a row another reviewer decided
   * first no longer matches `status = 'review'`, so each action is decided exactly once. Answers,
   * for each listed action that exists, null if decided here, else the status it already had.
   */
  async decide(
    manager: EntityManager,
    ids: string[],
    decision: ReviewDecision,
    note: string | null,
    adminId: string,
  ): Promise<Map<string, string | null>> {
    const [decided] = await manager.query<[{ id: string }[], number]>(
      `UPDATE actions SET status = $2, reason_code = $3, review_decision = $4, review_note = $5,
              reviewed_by = $6, reviewed_at = now(), updated_at = now()
        WHERE id = ANY($1::uuid[]) AND status = 'review' RETURNING id`,
      [ids, decision.status, decision.reason, decision.review, note, adminId],
    );
    const statuses = await manager.query<{ id: string; status: string }[]>(
      `SELECT id, status FROM actions WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const decidedIds = new Set(decided.map((row) => row.id));
    return new Map(
      statuses.map((row) => [row.id, decidedIds.has(row.id) ? null : row.status] as [string, string | null]),
    );
  }

  /** review → quantified, if still waiting; false when it was not (or does not exist). */
  async approve(actionId: string, note: string | null, adminId: string): Promise<boolean> {
    const [updated] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE actions SET status = 'quantified', review_decision = 'approved', review_note = $2, reviewed_by = $3,
              reviewed_at = now(), updated_at = now()
       WHERE id = $1 AND status = 'review' RETURNING id`,
      [actionId, note, adminId],
    );
    return updated.length > 0;
  }

  /** review → rejected, if still waiting; false when it was not (or does not exist). */
  async reject(actionId: string, reason: string, note: string | null, adminId: string): Promise<boolean> {
    const [updated] = await this.dataSource.query<[unknown[], number]>(
      // Nothing is credited: the row keeps the requested grams and the trace, not credited figures.
      `UPDATE actions SET status = 'rejected', reason_code = $2, review_decision = 'rejected', review_note = $3,
              reviewed_by = $4, reviewed_at = now(), updated_at = now(), grams = NULL, points = NULL
       WHERE id = $1 AND status = 'review' RETURNING id`,
      [actionId, reason, note, adminId],
    );
    return updated.length > 0;
  }

  /** An action's status and review decision, or null when there is no such action. */
  async reviewState(actionId: string): Promise<{ status: string; reviewDecision: string | null } | null> {
    const [row] = await this.dataSource.query<{ status: string; review_decision: string | null }[]>(
      `SELECT status, review_decision FROM actions WHERE id = $1`,
      [actionId],
    );
    return row ? { status: row.status, reviewDecision: row.review_decision } : null;
  }
}
