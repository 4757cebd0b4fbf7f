import { IdempotencyStore, type IdempotentResult } from '@app/persistence';
import { JobProducer } from '@app/queues';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PushBatchResultDto, PushItemResultDto } from './dto/push.dto.js';
import type { PartnerRequest } from './partner-principal.js';
import { partnerWriteKey } from './partner-write-key.js';

/** A pushed item once screened: refused with a code, or a row to store under its event id. */
export type ScreenedItem<Row> =
  { refused: { code: string; message: string } } | { row: Row; requestHash: string };

/** Where a push stores its rows: under the partner's scope, the event id as the idempotency key. */
export interface PushedRowStore<Row> {
  /** Inserts the rows; event id → action id for the ones that were new. */
  insert(rows: Row[]): Promise<Map<string, string>>;
  /** Actions pushed before under these event ids, with the request hash they were pushed with. */
  earlier(eventIds: string[]): Promise<Map<string, { id: string; requestHash: string }>>;
}

export interface PushOutcome {
  results: PushItemResultDto[];
  acceptedIds: string[];
}

/**
 * The intake every partner push shares, whatever it pushes for (citizens by binding, organisations by
 * credit code): the signed batch is answered once per Idempotency-Key and the worker woken once it has
 * committed; item by item, an event id repeated in the batch is refused, the rest are screened by the
 * caller, stored, and answered accepted, duplicate (same data as before) or EVENT_ID_REUSED.
 */
@Injectable()
export class PushedBatchIntake {
  constructor(
    private readonly idempotency: IdempotencyStore,
    private readonly jobs: JobProducer,
  ) {}

  async receive(
    request: PartnerRequest,
    key: string,
    body: unknown,
    push: (manager: EntityManager) => Promise<PushOutcome>,
  ): Promise<IdempotentResult<PushBatchResultDto>> {
    let acceptedIds: string[] = [];
    const { scope, requestHash } = partnerWriteKey(request, body);
    const response = await this.idempotency.run(scope, key, requestHash, async (manager) => {
      const outcome = await push(manager);
      acceptedIds = outcome.acceptedIds;
      return { statusCode: 200, body: { results: outcome.results } };
    });
    await this.jobs.actionsReceived(response.replayed ? [] : acceptedIds);
    return response;
  }

  async items<Item extends { eventId: string }, Row>(
    items: Item[],
    screen: (item: Item) => ScreenedItem<Row>,
    store: PushedRowStore<Row>,
  ): Promise<PushOutcome> {
    const results: PushItemResultDto[] = new Array(items.length);
    const accepted: { index: number; eventId: string; row: Row; requestHash: string }[] = [];
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const reject = (code: string, message: string) =>
        (results[index] = { eventId: item.eventId, status: 'rejected', code, message });
      if (seen.has(item.eventId))
        return reject('DUPLICATE_IN_BATCH', 'the same eventId appears earlier in this batch');
      seen.add(item.eventId);
      const screened = screen(item);
      if ('refused' in screened) return reject(screened.refused.code, screened.refused.message);
      accepted.push({ index, eventId: item.eventId, ...screened });
    });
    if (!accepted.length) return { results, acceptedIds: [] };

    const created = await store.insert(accepted.map((a) => a.row));
    const before = await store.earlier(accepted.filter((a) => !created.has(a.eventId)).map((a) => a.eventId));
    const acceptedIds: string[] = [];
    for (const { index, eventId, requestHash } of accepted) {
      const id = created.get(eventId);
      if (id) acceptedIds.push(id);
      const earlier = before.get(eventId)!;
      results[index] = id
        ? { eventId, status: 'accepted', actionId: id }
        : earlier.requestHash === requestHash
          ? { eventId, status: 'duplicate', actionId: earlier.id }
          : {
              eventId,
              status: 'rejected',
              code: 'EVENT_ID_REUSED',
              message: 'this eventId was pushed before with other data',
            };
    }
    return { results, acceptedIds };
  }
}
