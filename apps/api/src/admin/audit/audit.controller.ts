import { UuidParam } from '../../common/path-params.js';
import { DomainError, ErrorCode } from '@app/domain';
import { resolveFactorRefs, type CapUsageRecord } from '@app/methodologies';
import { MethodologyCatalog } from '@app/persistence';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AdminRead } from '../../auth/roles.decorator.js';
import { ActionAuditDto, type AuditPostingDto } from './audit-responses.dto.js';
import { ApiErrors } from '../../common/api-error.dto.js';

@ApiTags('admin: audit')
@ApiBearerAuth()
@AdminRead()
@Controller('admin/v1/actions')
export class AuditController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: MethodologyCatalog,
  ) {}

  /** Everything needed to redo an action's number by hand. */
  @Get(':id/audit')
  @ApiOkResponse({ type: ActionAuditDto })
  @ApiErrors(ErrorCode.ActionNotFound)
  @ApiOperation({
    summary: "An action's inputs, methodology version, exact parameters, trace, result and postings",
  })
  async audit(@UuidParam('id') id: string) {
    const [action] = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT a.*, v.version, v.module_version, v.status AS version_status, v.params, v.effective_from, v.effective_to,
              v.region_scope, v.source AS version_source, r.points_per_gram, ad.username AS reviewer_name
       FROM actions a
       LEFT JOIN methodology_versions v ON v.id = a.methodology_version_id
       LEFT JOIN points_rules r ON r.version = a.points_rule_version
       LEFT JOIN admins ad ON ad.id = a.reviewed_by
       WHERE a.id = $1`,
      [id],
    );
    if (!action) throw new DomainError(ErrorCode.ActionNotFound, 'no such action');
    // camelCase like every other answer; bigints as strings.
    const entries = await this.dataSource.query<AuditPostingDto[]>(
      `SELECT e.id::text AS id, a.kind, a.owner, e.asset, e.amount::text AS amount, e.balance_after::text AS "balanceAfter",
              e.account_version::text AS "accountVersion", p.idempotency_key AS "idempotencyKey"
       FROM ledger_postings p JOIN ledger_entries e ON e.posting_id = p.id JOIN accounts a ON a.id = e.account_id
       WHERE p.cause_type = 'action' AND p.cause_id = $1 ORDER BY e.id`,
      [id],
    );
    const factors = (await this.catalog.get(0)).factors;
    const at = (d: unknown) => (d instanceof Date ? d.toISOString() : null);
    return {
      action: {
        id: action.id,
        citizenId: action.citizen_id,
        districtCode: action.district_code,
        methodology: action.methodology_id,
        source: action.source,
        status: action.status,
        reasonCode: action.reason_code,
        occurredAt: at(action.occurred_at),
        receivedAt: at(action.received_at),
        quantifiedAt: at(action.quantified_at),
        settledAt: at(action.settled_at),
        review: action.review_decision
          ? {
              decision: action.review_decision,
              note: action.review_note,
              by: action.reviewed_by,
              byName: action.reviewer_name ?? null,
              at: at(action.reviewed_at),
            }
          : null,
      },
      inputs: { data: action.payload, evidence: action.evidence },
      methodologyVersion: action.version
        ? {
            methodologyId: action.methodology_id,
            version: action.version,
            moduleVersion: action.module_version,
            status: action.version_status,
            effectiveFrom: at(action.effective_from),
            effectiveTo: at(action.effective_to),
            regionScope: action.region_scope,
            source: action.version_source,
            params: action.params,
            resolvedParams: resolveFactorRefs(action.params, factors),
          }
        : null,
      trace: action.trace,
      result: {
        requestedGrams: action.requested_grams,
        grams: action.grams,
        capApplied: action.cap_applied,
        capUsage: capUsageOf(action.trace),
        points: action.points,
        pointsRule: action.points_rule_version
          ? { version: action.points_rule_version, pointsPerGram: action.points_per_gram }
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
