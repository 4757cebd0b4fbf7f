import { DomainError, ErrorCode } from '@app/domain';
import { assessAction } from '@app/methodologies';
import {
  ActionIntakeRepository,
  MethodologyCatalog,
  PartnerPushRepository,
  type IdempotentResult,
  type NewAction,
} from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { canonicalJson, sha256Hex } from '../common/canonical-hash.js';
import type { PushBatchResultDto, PushedActionDto } from './dto/push.dto.js';
import type { PartnerRequest } from './partner-principal.js';
import { PushedBatchIntake, type PushOutcome, type ScreenedItem } from './pushed-batch-intake.js';

const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Verified data pushed by a partner for the citizens bound to it, item by item: each is accepted, a
 * duplicate of an event the partner pushed before, or rejected with a code. An item is one row, so it
 * is never half-written. The batch itself goes through the intake organisations' pushes share.
 */
@Injectable()
export class PushService {
  constructor(
    private readonly catalog: MethodologyCatalog,
    private readonly partners: PartnerPushRepository,
    private readonly intake: ActionIntakeRepository,
    private readonly batches: PushedBatchIntake,
  ) {}

  /** A signed batch, once per Idempotency-Key: the accepted actions are queued once it has committed. */
  pushBatch(
    request: PartnerRequest,
    key: string,
    body: { actions: PushedActionDto[] },
  ): Promise<IdempotentResult<PushBatchResultDto>> {
    return this.batches.receive(request, key, body, (manager) =>
      this.push(manager, request.partner!.partnerId, body.actions),
    );
  }

  async push(manager: EntityManager, partnerId: string, items: PushedActionDto[]): Promise<PushOutcome> {
    const methodologies = await this.partners.methodologies(manager, partnerId);
    if (!methodologies) throw new DomainError(ErrorCode.PartnerNotFound, 'no such partner');
    const bindings = await this.partners.activeBindings(manager, partnerId, [
      ...new Set(items.map((i) => i.partnerCitizenId)),
    ]);
    const snapshot = await this.catalog.get();
    const context = {
      versions: snapshot.versions,
      factors: snapshot.factors,
      availableIds: snapshot.methodologyIds,
    };

    const screen = (item: PushedActionDto): ScreenedItem<NewAction> => {
      const refused = (code: string, message: string) => ({ refused: { code, message } });
      const binding = bindings.get(item.partnerCitizenId);
      if (!binding) return refused(ErrorCode.BindingNotFound, 'no active binding with this partnerCitizenId');
      if (!methodologies.includes(item.methodology))
        return refused('METHODOLOGY_NOT_ALLOWED', `this partner may not push ${item.methodology}`);
      const assessment = assessAction(context, item.methodology, item.data, binding.districtCode);
      switch (assessment.kind) {
        case 'unknown-methodology':
          return refused(ErrorCode.MethodologyUnknown, `unknown methodology ${item.methodology}`);
        case 'invalid-input':
          return refused(
            ErrorCode.ValidationFailed,
            assessment.issues.map((i) => `${i.field}: ${i.problem}`).join('; '),
          );
        case 'not-in-force':
          return refused(
            ErrorCode.MethodologyNotInForce,
            'no methodology version in force for that time and district',
          );
        case 'rejected':
          return refused(assessment.reason, assessment.message);
      }
      if ((assessment.interval?.end ?? assessment.occurredAt).getTime() > Date.now() + CLOCK_SKEW_MS) {
        return refused(ErrorCode.ActionInFuture, 'the action ends in the future');
      }
      const requestHash = sha256Hex(
        canonicalJson({
          methodology: item.methodology,
          data: item.data,
          evidence: item.evidence ?? null,
          citizen: item.partnerCitizenId,
        }),
      );
      return {
        requestHash,
        row: {
          citizenId: binding.citizenId,
          districtCode: binding.districtCode,
          methodologyId: item.methodology,
          idempotencyKey: item.eventId,
          requestHash,
          data: item.data,
          evidence: item.evidence ?? null,
          occurredAt: assessment.occurredAt,
          interval: assessment.interval,
        },
      };
    };

    const scope = `partner:${partnerId}`;
    return this.batches.items(items, screen, {
      insert: (rows) => this.intake.insertPushed(manager, scope, rows),
      earlier: (eventIds) => this.intake.findByKeys(manager, scope, eventIds),
    });
  }
}
