import { DomainError, ErrorCode, isOrganisationMethodology } from '@app/domain';
import { assessAction } from '@app/methodologies';
import {
  MethodologyCatalog,
  OrganisationPartnersRepository,
  PartnerPushRepository,
  type IdempotentResult,
  type PushedOrganisationRow,
  type PushTarget,
} from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { canonicalJson, sha256Hex } from '../common/canonical-hash.js';
import type { PushBatchResultDto } from '../partners/dto/push.dto.js';
import type { PartnerRequest } from '../partners/partner-principal.js';
import { PushedBatchIntake, type PushOutcome, type ScreenedItem } from '../partners/pushed-batch-intake.js';
import { refusalOf, type Quantified } from './assessment-refusal.js';
import type { PushedOrganisationActionDto } from './dto/organisation-push.dto.js';

/**
 * Verified data a partner pushes for organisations, named by their 统一社会信用代码: item by item
 * accepted, a duplicate, or rejected with a code, through the same intake as citizens' pushes. The
 * partner must have been granted the organisation by the bureau; an organisation it may not push for
 * is answered as unknown. A pushed action's subject is the organisation alone: no member submitted it.
 */
@Injectable()
export class OrganisationPushService {
  constructor(
    private readonly catalog: MethodologyCatalog,
    private readonly partners: OrganisationPartnersRepository,
    private readonly partnerPushes: PartnerPushRepository,
    private readonly batches: PushedBatchIntake,
  ) {}

  /** A signed batch, once per Idempotency-Key: the accepted actions are queued once it has committed. */
  pushBatch(
    request: PartnerRequest,
    key: string,
    body: { actions: PushedOrganisationActionDto[] },
  ): Promise<IdempotentResult<PushBatchResultDto>> {
    return this.batches.receive(request, key, body, (manager) =>
      this.push(manager, request.partner!.partnerId, body.actions),
    );
  }

  async push(
    manager: EntityManager,
    partnerId: string,
    items: PushedOrganisationActionDto[],
  ): Promise<PushOutcome> {
    const methodologies = await this.partnerPushes.methodologies(manager, partnerId);
    if (!methodologies) throw new DomainError(ErrorCode.PartnerNotFound, 'no such partner');
    const targets = new Map(
      (await this.partners.targets(manager, partnerId, [...new Set(items.map((i) => i.creditCode))])).map(
        (t) => [t.creditCode, t],
      ),
    );
    const snapshot = await this.catalog.get();
    const context = {
      versions: snapshot.versions,
      factors: snapshot.factors,
      availableIds: snapshot.methodologyIds,
    };

    const screen = (item: PushedOrganisationActionDto): ScreenedItem<PushedOrganisationRow> => {
      const target = targets.get(item.creditCode);
      const refused = this.targetProblem(target) ?? this.methodologyProblem(item.methodology, methodologies);
      if (refused) return { refused };
      const assessment = assessAction(context, item.methodology, item.data, target!.districtCode);
      const refusal = refusalOf(assessment, item.methodology, target!.districtCode);
      if (refusal) return { refused: { code: refusal.code, message: refusal.message } };
      const quantified = assessment as Quantified;
      const requestHash = sha256Hex(
        canonicalJson({
          methodology: item.methodology,
          data: item.data,
          evidence: item.evidence ?? null,
          organisation: item.creditCode,
        }),
      );
      return {
        requestHash,
        row: {
          organisationId: target!.organisationId,
          districtCode: target!.districtCode,
          methodologyId: item.methodology,
          eventId: item.eventId,
          requestHash,
          payload: item.data,
          evidence: item.evidence ?? null,
          occurredAt: quantified.occurredAt,
          intervalStart: quantified.interval?.start ?? null,
          intervalEnd: quantified.interval?.end ?? null,
        },
      };
    };

    const scope = `partner:${partnerId}`;
    return this.batches.items(items, screen, {
      insert: (rows) => this.partners.insertPushed(manager, scope, rows),
      earlier: (eventIds) => this.partners.earlier(manager, scope, eventIds),
    });
  }

  private targetProblem(target: PushTarget | undefined): { code: string; message: string } | undefined {
    if (!target?.authorised)
      return {
        code: ErrorCode.OrganisationNotFound,
        message: 'no organisation with this credit code for this partner',
      };
    if (target.disabled)
      return { code: ErrorCode.OrganisationDisabled, message: 'the organisation is disabled' };
    return undefined;
  }

  private methodologyProblem(
    methodology: string,
    allowed: string[],
  ): { code: string; message: string } | undefined {
    if (!isOrganisationMethodology(methodology))
      return {
        code: ErrorCode.OrganisationMethodologyNotAllowed,
        message: `an organisation cannot submit ${methodology}`,
      };
    if (!allowed.includes(methodology))
      return { code: 'METHODOLOGY_NOT_ALLOWED', message: `this partner may not push ${methodology}` };
    return undefined;
  }
}
