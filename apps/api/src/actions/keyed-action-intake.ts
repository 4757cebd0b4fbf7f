import { DomainError, ErrorCode } from '@app/domain';
import { IdempotencyStore, RECORDED_STATUS_CODE, type IdempotentResult } from '@app/persistence';
import { JobProducer } from '@app/queues';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { canonicalJson, sha256Hex } from '../common/canonical-hash.js';
import type { ActionAcceptedDto, SubmitActionDto } from './dto/submit-action.dto.js';

/** An action row as its own unique (scope, key) holds it. */
export interface KeyedAction {
  id: string;
  status: string;
  requestHash: string;
}

export interface KeyedIntake {
  /** `${scope}:actions` in the idempotency store; the action row's own idempotency scope. */
  scope: string;
  key: string;
  requestHash: string;
  /** Inserts the action unless its (scope, key) exists; undefined when it did. */
  insert: (manager: EntityManager) => Promise<{ id: string; status: string } | undefined>;
  /** The row the action's own unique key already holds. */
  existing: (manager: EntityManager) => Promise<KeyedAction>;
  /**
   * Optional fast path: writes the action with its idempotency record (answer RECORDED_STATUS_CODE,
   * the new row) in a statement shared with other requests; undefined when it did not write it.
   */
  batched?: () => Promise<{ id: string; status: string } | undefined>;
}

/** What a submitted action's Idempotency-Key is bound to. */
export function actionRequestHash(body: SubmitActionDto): string {
  return sha256Hex(
    canonicalJson({ methodology: body.methodology, data: body.data, evidence: body.evidence ?? null }),
  );
}

/**
 * Records a submitted action once per Idempotency-Key (a citizen's or an organisation's): durable
 * before the 202, the worker woken only for a new row.
 */
@Injectable()
export class KeyedActionIntake {
  constructor(
    private readonly idempotency: IdempotencyStore,
    private readonly jobs: JobProducer,
  ) {}

  async receive(intake: KeyedIntake): Promise<IdempotentResult<ActionAcceptedDto>> {
    const reused = (actionId: string) =>
      new DomainError(ErrorCode.IdempotencyKeyReused, 'this Idempotency-Key was used with a different body', {
        actionId,
      });
    if (intake.batched) {
      // A failed batch wrote nothing of this action: the ordinary path below decides its answer.
      const inserted = await intake.batched().catch(() => undefined);
      if (inserted) {
        this.jobs.notifyActionReceived(inserted.id);
        return { statusCode: RECORDED_STATUS_CODE, body: inserted, replayed: false };
      }
    }
    let received: string | undefined;
    const result = await this.idempotency.run<ActionAcceptedDto>(
      `${intake.scope}:actions`,
      intake.key,
      intake.requestHash,
      async (manager) => {
        const inserted = await intake.insert(manager);
        received = inserted?.id;
        if (inserted) return { statusCode: 202, body: inserted };
        // The action's own unique key holds it already: a key used before the store kept its
        // requests, or a request racing this one (whose record then turns this run into a replay).
        const earlier = await intake.existing(manager);
        if (earlier.requestHash !== intake.requestHash) throw reused(earlier.id);
        return { statusCode: 202, body: { id: earlier.id, status: earlier.status } };
      },
      // The insert is idempotent by the action's own key: no look-up before it, one round trip less.
      { lookUpFirst: false, reused: (stored) => reused(stored.id) },
    );
    if (received && !result.replayed) this.jobs.notifyActionReceived(received);
    return result;
  }
}
