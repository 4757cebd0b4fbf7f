import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { claimPeriod, keyInputs, outlierOf } from './review-insights.js';
import type { ReviewItemDto, ReviewPageDto, ReviewQueryDto, ReviewSort } from './review-queue.dto.js';

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

// The claimed amount a reviewer sorts and filters by: what was credited if quantified, else what was asked.
const AMOUNT = `coalesce(a.grams, a.requested_grams, 0)`;
const SORTS: Record<ReviewSort, { key: string; order: 'ASC' | 'DESC'; cast: string }> = {
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

/** The review queue's reads and its one-statement decisions. */
@Injectable()
export class ReviewQueueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(query: ReviewQueryDto): Promise<ReviewPageDto> {
    const limit = query.limit ?? 50;
    const sort = SORTS[query.sort ?? 'oldest'];
    const filters = [
      query.methodology ?? null,
      query.district ?? null,
      query.source ?? null,
      query.minGrams ?? null,
      query.maxGrams ?? null,
      query.minAgeHours ?? null,
    ];
    const [cursorValue, cursorId] = query.cursor ? query.cursor.split('~') : [null, null];
    const after = sort.order === 'ASC' ? '>' : '<';
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query<QueueRow[]>(
        `SELECT a.id, a.methodology_id, a.district_code, a.source, a.requested_grams::text, a.grams::text,
                a.points::text, a.cap_applied, a.payload, a.evidence, a.occurred_at, a.received_at,
                a.interval_start, a.interval_end, v.params,
                CASE WHEN $9 = 'timestamptz' THEN to_char(a.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                     ELSE ${AMOUNT}::text END AS sort_value
           FROM actions a LEFT JOIN methodology_versions v ON v.id = a.methodology_version_id
          WHERE ${FILTERS}
            AND ($7::text IS NULL OR (${sort.key}, a.id) ${after} ($7::${sort.cast}, $8::uuid))
          ORDER BY ${sort.key} ${sort.order}, a.id ${sort.order}
          LIMIT $10`,
        [...filters, cursorValue, cursorId, sort.cast, limit + 1],
      ),
      this.dataSource.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM actions a WHERE ${FILTERS}`,
        filters,
      ),
    ]);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toItem),
      nextCursor: rows.length > limit ? `${last.sort_value}~${last.id}` : null,
      total,
    };
  }

  /**
   * Decides every listed action still waiting, in one statement: a row another reviewer decided
   * first no longer matches `status = 'review'`, so each action is decided exactly once.
   */
  async decide(
    manager: EntityManager,
    ids: string[],
    decision: { status: 'quantified' | 'rejected'; review: 'approved' | 'rejected'; reason: string | null },
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
}

function toItem(r: QueueRow): ReviewItemDto {
  return {
    actionId: r.id,
    methodology: r.methodology_id,
    districtCode: r.district_code.trim(),
    source: r.source,
    requestedGrams: r.requested_grams,
    grams: r.grams,
    points: r.points,
    capApplied: r.cap_applied,
    data: r.payload,
    evidence: r.evidence,
    occurredAt: r.occurred_at.toISOString(),
    receivedAt: r.received_at.toISOString(),
    period: claimPeriod(r.payload, { start: r.interval_start, end: r.interval_end }),
    keyInputs: keyInputs(r.payload),
    outlier: outlierOf(r.methodology_id, r.payload, r.params),
  };
}
