import { DomainError, ErrorCode } from '@app/domain';
import { assessAction } from '@app/methodologies';
import {
  ActionIntakeRepository,
  IdempotencyStore,
  MethodologyCatalog,
  PartnerPushRepository,
  type IdempotentResult,
  type NewAction,
} from '@app/persistence';
import { JobProducer } from '@app/queues';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { canonicalJson, sha256Hex } from '../common/canonical-hash.js';
import type { PushBatchResultDto, PushedActionDto, PushItemResultDto } from './dto/push.dto.js';
import type { PartnerRequest } from './partner-principal.js';
import { partnerWriteKey } from './partner-write-key.js';

const CLOCK_SKEW_MS = 5 * 60_000;

interface Accepted {
  item: PushedActionDto;
  index: number;
  action: NewAction;
}

/**
 * Verified data pushed by a partner, item by item: each is accepted, a duplicate of an event the
 * partner pushed before, or rejected with a code. An item is one row, so it is never half-written.
 */
@Injectable()
export class PushService {
  constructor(
    private readonly catalog: MethodologyCatalog,
    private readonly partners: PartnerPushRepository,
    private readonly intake: ActionIntakeRepository,
    private readonly idempotency: IdempotencyStore,
    private readonly jobs: JobProducer,
  ) {}

  /** A signed batch, once per Idempotency-Key: the accepted actions are queued once it has committed. */
  async pushBatch(
    request: PartnerRequest,
    key: string,
    body: { actions: PushedActionDto[] },
  ): Promise<IdempotentResult<PushBatchResultDto>> {
    let acceptedIds: string[] = [];
    const { scope, requestHash } = partnerWriteKey(request, body);
    const response = await this.idempotency.run(scope, key, requestHash, async (manager) => {
      const outcome = await this.push(manager, request.partner!.partnerId, body.actions);
      acceptedIds = outcome.acceptedIds;
      return { statusCode: 200, body: { results: outcome.results } };
    });
    await this.jobs.actionsReceived(response.replayed ? [] : acceptedIds);
    return response;
  }

  async push(
    manager: EntityManager,
    partnerId: string,
    items: PushedActionDto[],
  ): Promise<{ results: PushItemResultDto[]; acceptedIds: string[] }> {
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
    const results: PushItemResultDto[] = new Array(items.length);
    const accepted: Accepted[] = [];
    const seen = new Set<string>();

    items.forEach((item, index) => {
      const reject = (code: string, message: string) =>
        (results[index] = { eventId: item.eventId, status: 'rejected', code, message });
      if (seen.has(item.eventId))
        return reject('DUPLICATE_IN_BATCH', 'the same eventId appears earlier in this batch');
      seen.add(item.eventId);
      const binding = bindings.get(item.partnerCitizenId);
      if (!binding) return reject(ErrorCode.BindingNotFound, 'no active binding with this partnerCitizenId');
      if (!methodologies.includes(item.methodology))
        return reject('METHODOLOGY_NOT_ALLOWED', `this partner may not push ${item.methodology}`);
      const assessment = assessAction(context, item.methodology, item.data, binding.districtCode);
      switch (assessment.kind) {
        case 'unknown-methodology':
          return reject(ErrorCode.MethodologyUnknown, `unknown methodology ${item.methodology}`);
        case 'invalid-input':
          return reject(
            ErrorCode.ValidationFailed,
            assessment.issues.map((i) => `${i.field}: ${i.problem}`).join('; '),
          );
        case 'not-in-force':
          return reject(
            ErrorCode.MethodologyNotInForce,
            'no methodology version in force for that time and district',
          );
        case 'rejected':
          return reject(assessment.reason, assessment.message);
      }
      if ((assessment.interval?.end ?? assessment.occurredAt).getTime() > Date.now() + CLOCK_SKEW_MS) {
        return reject(ErrorCode.ActionInFuture, 'the action ends in the future');
      }
      accepted.push({
        item,
        index,
        action: {
          citizenId: binding.citizenId,
          districtCode: binding.districtCode,
          methodologyId: item.methodology,
          idempotencyKey: item.eventId,
          requestHash: sha256Hex(
            canonicalJson({
              methodology: item.methodology,
              data: item.data,
              evidence: item.evidence ?? null,
              citizen: item.partnerCitizenId,
            }),
          ),
          data: item.data,
          evidence: item.evidence ?? null,
          occurredAt: assessment.occurredAt,
          interval: assessment.interval,
        },
      });
    });

    const acceptedIds: string[] = [];
    if (accepted.length) {
      const scope = `partner:${partnerId}`;
      const created = await this.intake.insertPushed(
        manager,
        scope,
        accepted.map((a) => a.action),
      );
      const earlier = await this.intake.findByKeys(
        manager,
        scope,
        accepted.filter((a) => !created.has(a.item.eventId)).map((a) => a.item.eventId),
      );
      for (const a of accepted) {
        const id = created.get(a.item.eventId);
        if (id) {
          acceptedIds.push(id);
          results[a.index] = { eventId: a.item.eventId, status: 'accepted', actionId: id };
          continue;
        }
        const before = earlier.get(a.item.eventId)!;
        results[a.index] =
          before.requestHash === a.action.requestHash
            ? { eventId: a.item.eventId, status: 'duplicate', actionId: before.id }
            : {
                eventId: a.item.eventId,
                status: 'rejected',
                code: 'EVENT_ID_REUSED',
                message: 'this eventId was pushed before with other data',
              };
      }
    }
    return { results, acceptedIds };
  }
}
