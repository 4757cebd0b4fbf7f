import { DomainError, ErrorCode } from '@app/domain';
import { resolveFactorRefs, type CapUsageRecord } from '@app/methodologies';
import { ActionAuditRepository, MethodologyCatalog } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActionAuditDto } from './dto/audit-responses.dto.js';

/** Everything needed to redo an action's number by hand. */
@Injectable()
export class AuditService {
  constructor(
    private readonly actions: ActionAuditRepository,
    private readonly catalog: MethodologyCatalog,
  ) {}

  async audit(manager: EntityManager, id: string): Promise<ActionAuditDto> {
    const action = await this.actions.find(manager, id);
    if (!action) throw new DomainError(ErrorCode.ActionNotFound, 'no such action');
    const archived = await this.actions.archivedPostingMonth(manager, id);
    if (archived)
      throw new DomainError(
        ErrorCode.LedgerMonthArchived,
        `the ledger month ${archived} holding this action's postings is archived; restore it to audit the action`,
        { month: archived },
      );
    // camelCase like every other answer; bigints as strings.
    const entries = await this.actions.postings(manager, id);
    const factors = (await this.catalog.get(0)).factors;
    const at = (d: unknown) => (d instanceof Date ? d.toISOString() : null);
    const version = action.methodologyVersion;
    return {
      action: {
        id: action.id,
        citizenId: action.citizenId,
        districtCode: action.districtCode,
        methodology: action.methodologyId,
        source: action.source,
        status: action.status,
        reasonCode: action.reasonCode,
        occurredAt: at(action.occurredAt)!,
        receivedAt: at(action.receivedAt)!,
        quantifiedAt: at(action.quantifiedAt),
        settledAt: at(action.settledAt),
        review: action.review.decision
          ? {
              decision: action.review.decision,
              note: action.review.note,
              by: action.review.by!,
              byName: action.review.byName,
              at: at(action.review.at)!,
            }
          : null,
      },
      inputs: { data: action.payload, evidence: action.evidence },
      methodologyVersion: version
        ? {
            methodologyId: action.methodologyId,
            version: version.version,
            moduleVersion: version.moduleVersion,
            status: version.status,
            effectiveFrom: at(version.effectiveFrom)!,
            effectiveTo: at(version.effectiveTo),
            regionScope: version.regionScope,
            source: version.source,
            params: version.params,
            resolvedParams: resolveFactorRefs(version.params, factors),
          }
        : null,
      trace: action.trace as ActionAuditDto['trace'],
      result: {
        requestedGrams: action.requestedGrams,
        grams: action.grams,
        capApplied: action.capApplied,
        capUsage: capUsageOf(action.trace),
        points: action.points,
        pointsRule: action.pointsRule.version
          ? { version: action.pointsRule.version, pointsPerGram: action.pointsRule.pointsPerGram! }
          : null,
      },
      postings: entries,
    };
  }
}

/** The usage record the worker kept in the cap step of the trace (see UsageLedger.record). */
function capUsageOf(trace: unknown): CapUsageRecord | null {
  if (!Array.isArray(trace)) return null;
  const step = (trace as { step?: unknown; usage?: CapUsageRecord }[]).find(
    (s) => typeof s.step === 'string' && s.step.startsWith('cap.'),
  );
  return step?.usage ?? null;
}
