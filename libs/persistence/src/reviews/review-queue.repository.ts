import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actionColumnsOf, selectAction, type ActionRowOf } from '../actions/action-row.js';

const QUEUED = [
  'id',
  'methodologyId',
  'districtCode',
  'source',
  'requestedGrams',
  'grams',
  'points',
  'capApplied',
  'payload',
  'evidence',
  'occurredAt',
  'receivedAt',
  'intervalStart',
  'intervalEnd',
] as const;

const a = actionColumnsOf();
const aa = actionColumnsOf('a');

/** An action waiting for review, with its version's parameters; bigints as decimal strings. */
/** An action waiting for review, with its version's parameters; bigints as decimal strings. */
export type ReviewQueueRow = ActionRowOf<(typeof QUEUED)[number]> & {
  params: unknown;
  /** The row's value under the sort (an ISO instant or a gram count): the first half of a cursor. */
  sortValue: string;
};

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
const AMOUNT = `coalesce(${aa.grams}, ${aa.requestedGrams}, 0)`;
const SORTS: Record<ReviewQueueSort, { key: string; order: 'ASC' | 'DESC'; cast: string }> = {
  oldest: { key: aa.receivedAt, order: 'ASC', cast: 'timestamptz' },
  newest: { key: aa.receivedAt, order: 'DESC', cast: 'timestamptz' },
  largest: { key: AMOUNT, order: 'DESC', cast: 'bigint' },
  smallest: { key: AMOUNT, order: 'ASC', cast: 'bigint' },
};

// The review stage of the queue (migration 1765360000000) holds exactly the actions with status review.
const FROM_QUEUE = `action_queue q JOIN actions a ON ${aa.id} = q.action_id AND ${aa.receivedAt} = q.received_at`;

const FILTERS = `q.stage = 'review'
   AND ($1::text IS NULL OR ${aa.methodologyId} = $1)
   AND ($2::text IS NULL OR ${aa.districtCode} = $2)
   AND ($3::text IS NULL OR ${aa.source} = $3)
   AND ($4::bigint IS NULL OR ${AMOUNT} >= $4)
   AND ($5::bigint IS NULL OR ${AMOUNT} <= $5)
   AND ($6::int IS NULL OR ${aa.receivedAt} <= now() - make_interval(hours => $6))`;

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
  page(
    filter: ReviewQueueFilter,
    sortName: ReviewQueueSort,
    after: { sortValue: string; id: string } | null,
    limit: number,
  ): Promise<ReviewQueueRow[]> {
    const sort = SORTS[sortName];
    const direction = sort.order === 'ASC' ? '>' : '<';
    return this.dataSource.query<ReviewQueueRow[]>(
      `SELECT ${selectAction('a', ...QUEUED)}, v.params,
              CASE WHEN $9 = 'timestamptz' THEN to_char(${aa.receivedAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                   ELSE ${AMOUNT}::text END AS "sortValue"
         FROM ${FROM_QUEUE} LEFT JOIN methodology_versions v ON v.id = ${aa.methodologyVersionId}
        WHERE ${FILTERS}
          AND ($7::text IS NULL OR (${sort.key}, ${aa.id}) ${direction} ($7::${sort.cast}, $8::uuid))
        ORDER BY ${sort.key} ${sort.order}, ${aa.id} ${sort.order}
        LIMIT $10`,
      [...filterParams(filter), after?.sortValue ?? null, after?.id ?? null, sort.cast, limit],
    );
  }

  /** How many waiting actions match the filters. */
  async count(filter: ReviewQueueFilter): Promise<number> {
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM ${FROM_QUEUE} WHERE ${FILTERS}`,
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
      `UPDATE actions SET ${a.status} = $2, ${a.reasonCode} = $3, ${a.reviewDecision} = $4, ${a.reviewNote} = $5,
              ${a.reviewedBy} = $6, ${a.reviewedAt} = now(), ${a.updatedAt} = now()
        WHERE ${a.id} = ANY($1::uuid[]) AND ${a.status} = 'review' RETURNING ${a.id} AS id`,
      [ids, decision.status, decision.reason, decision.review, note, adminId],
    );
    const statuses = await manager.query<ActionRowOf<'id' | 'status'>[]>(
      `SELECT ${selectAction(null, 'id', 'status')} FROM actions WHERE ${a.id} = ANY($1::uuid[])`,
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
      `UPDATE actions SET ${a.status} = 'quantified', ${a.reviewDecision} = 'approved', ${a.reviewNote} = $2,
              ${a.reviewedBy} = $3, ${a.reviewedAt} = now(), ${a.updatedAt} = now()
       WHERE ${a.id} = $1 AND ${a.status} = 'review' RETURNING ${a.id}`,
      [actionId, note, adminId],
    );
    return updated.length > 0;
  }

  /** review → rejected, if still waiting; false when it was not (or does not exist). */
  async reject(actionId: string, reason: string, note: string | null, adminId: string): Promise<boolean> {
    const [updated] = await this.dataSource.query<[unknown[], number]>(
      // Nothing is credited: the row keeps the requested grams and the trace, not credited figures.
      `UPDATE actions SET ${a.status} = 'rejected', ${a.reasonCode} = $2, ${a.reviewDecision} = 'rejected',
              ${a.reviewNote} = $3, ${a.reviewedBy} = $4, ${a.reviewedAt} = now(), ${a.updatedAt} = now(),
              ${a.grams} = NULL, ${a.points} = NULL
       WHERE ${a.id} = $1 AND ${a.status} = 'review' RETURNING ${a.id}`,
      [actionId, reason, note, adminId],
    );
    return updated.length > 0;
  }

  /** An action's status and review decision, or null when there is no such action. */
  async reviewState(actionId: string): Promise<{ status: string; reviewDecision: string | null } | null> {
    const [row] = await this.dataSource.query<ActionRowOf<'status' | 'reviewDecision'>[]>(
      `SELECT ${selectAction(null, 'status', 'reviewDecision')} FROM actions WHERE ${a.id} = $1`,
      [actionId],
    );
    return row ?? null;
  }
}
