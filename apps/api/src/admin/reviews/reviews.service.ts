import type { ReviewItem } from '@app/contracts';
import { DomainError, ErrorCode, jobId } from '@app/domain';
import { JobProducer } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AdminPrincipal } from '../../auth/citizen-principal.js';
import { instantOf } from '../../common/instants.js';

/** Actions the parameters send to review; a decision is taken once, and approval settles once. */
@Injectable()
export class ReviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobProducer,
  ) {}

  async pending(limit: number, after?: string): Promise<{ items: ReviewItem[]; nextCursor: string | null }> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT id, methodology_id, district_code, source, requested_grams, grams, points, cap_applied, payload, evidence, received_at
       FROM actions WHERE status = 'review' AND ($1::timestamptz IS NULL OR received_at > $1::timestamptz)
       ORDER BY received_at, id LIMIT $2`,
      [after ? instantOf('cursor', after) : null, limit + 1],
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({
        actionId: r.id as string,
        methodology: r.methodology_id as string,
        districtCode: r.district_code as string,
        source: r.source as string,
        requestedGrams: (r.requested_grams as string) ?? null,
        grams: (r.grams as string) ?? null,
        points: (r.points as string) ?? null,
        capApplied: (r.cap_applied as string) ?? null,
        data: r.payload,
        evidence: r.evidence,
        receivedAt: (r.received_at as Date).toISOString(),
      })),
      nextCursor: rows.length > limit ? (page[page.length - 1].received_at as Date).toISOString() : null,
    };
  }

  /** review → quantified; the worker then settles it like any other action (exactly once). */
  async approve(
    admin: AdminPrincipal,
    actionId: string,
    note?: string,
  ): Promise<{ actionId: string; status: string }> {
    await this.decide(
      actionId,
      `UPDATE actions SET status = 'quantified', review_decision = 'approved', review_note = $2, reviewed_by = $3,
              reviewed_at = now(), updated_at = now()
       WHERE id = $1 AND status = 'review' RETURNING id`,
      [actionId, note ?? null, admin.adminId],
    );
    await this.jobs.actionsReceived([actionId], jobId.actionApproved);
    return { actionId, status: 'quantified' };
  }

  async reject(
    admin: AdminPrincipal,
    actionId: string,
    reason: string,
    note?: string,
  ): Promise<{ actionId: string; status: string }> {
    await this.decide(
      actionId,
      // Nothing is credited: the row keeps the requested grams and the trace, not credited figures.
      `UPDATE actions SET status = 'rejected', reason_code = $2, review_decision = 'rejected', review_note = $3,
              reviewed_by = $4, reviewed_at = now(), updated_at = now(), grams = NULL, points = NULL
       WHERE id = $1 AND status = 'review' RETURNING id`,
      [actionId, reason, note ?? null, admin.adminId],
    );
    return { actionId, status: 'rejected' };
  }

  private async decide(actionId: string, sql: string, params: unknown[]): Promise<void> {
    const [updated] = await this.dataSource.query<[unknown[], number]>(sql, params);
    if (updated.length) return;
    const [existing] = await this.dataSource.query<{ status: string; review_decision: string | null }[]>(
      `SELECT status, review_decision FROM actions WHERE id = $1`,
      [actionId],
    );
    if (!existing) throw new DomainError(ErrorCode.ActionNotFound, 'no such action');
    throw new DomainError(
      ErrorCode.ReviewAlreadyDecided,
      `the action is not waiting for review (status ${existing.status})`,
      {
        status: existing.status,
        decision: existing.review_decision,
      },
    );
  }
}
