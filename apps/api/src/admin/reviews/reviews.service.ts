import { DomainError, ErrorCode, jobId } from '@app/domain';
import { ReviewQueueRepository } from '@app/persistence';
import { JobProducer } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AdminPrincipal } from '../../auth/citizen-principal.js';
import type { BatchDecisionDto, BatchDecisionResultDto } from './dto/review-queue.dto.js';

/** Actions the parameters send to review; a decision is taken once, and approval settles once. */
@Injectable()
export class ReviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobProducer,
    private readonly queue: ReviewQueueRepository,
  ) {}

  /**
   * Approves or rejects many actions with one reason in one statement; each is decided exactly once
   * (one still waiting is decided here, one decided before is reported as such), and the approved
   * ones wake the worker together.
   */
  async decideMany(admin: AdminPrincipal, body: BatchDecisionDto): Promise<BatchDecisionResultDto> {
    if (body.decision === 'approve' && body.reason !== undefined)
      throw new DomainError(ErrorCode.ValidationFailed, 'reason: refused when approving', {
        fields: [{ field: 'reason', problems: ['refused when approving'] }],
      });
    const approve = body.decision === 'approve';
    const left = await this.dataSource.transaction((manager) =>
      this.queue.decide(
        manager,
        body.actionIds,
        approve
          ? { status: 'quantified', review: 'approved', reason: null }
          : { status: 'rejected', review: 'rejected', reason: body.reason! },
        body.note ?? null,
        admin.adminId,
      ),
    );
    const results = body.actionIds.map((actionId) => {
      if (!left.has(actionId)) return { actionId, outcome: 'not_found' as const, status: null };
      const before = left.get(actionId);
      if (before !== null && before !== undefined)
        return { actionId, outcome: 'already_decided' as const, status: before };
      return approve
        ? { actionId, outcome: 'approved' as const, status: 'quantified' }
        : { actionId, outcome: 'rejected' as const, status: 'rejected' };
    });
    const approved = results.filter((r) => r.outcome === 'approved').map((r) => r.actionId);
    if (approved.length) await this.jobs.actionsReceived(approved, jobId.actionApproved);
    const decided = results.filter((r) => r.outcome === 'approved' || r.outcome === 'rejected').length;
    return { decided, results };
  }

  /** review → quantified; the worker then settles it like any other action (exactly once). */
  async approve(
    admin: AdminPrincipal,
    actionId: string,
    note?: string,
  ): Promise<{ actionId: string; status: string }> {
    await this.assertDecided(actionId, await this.queue.approve(actionId, note ?? null, admin.adminId));
    await this.jobs.actionsReceived([actionId], jobId.actionApproved);
    return { actionId, status: 'quantified' };
  }

  async reject(
    admin: AdminPrincipal,
    actionId: string,
    reason: string,
    note?: string,
  ): Promise<{ actionId: string; status: string }> {
    // Nothing is credited: the row keeps the requested grams and the trace, not credited figures.
    await this.assertDecided(
      actionId,
      await this.queue.reject(actionId, reason, note ?? null, admin.adminId),
    );
    return { actionId, status: 'rejected' };
  }

  /** Nothing to do when the action was decided here; else says why it was not (404 or 409). */
  private async assertDecided(actionId: string, updated: boolean): Promise<void> {
    if (updated) return;
    const existing = await this.queue.reviewState(actionId);
    if (!existing) throw new DomainError(ErrorCode.ActionNotFound, 'no such action');
    throw new DomainError(
      ErrorCode.ReviewAlreadyDecided,
      `the action is not waiting for review (status ${existing.status})`,
      {
        status: existing.status,
        decision: existing.reviewDecision,
      },
    );
  }
}
