import { IdempotencyStore, type IdempotentResult, type StoredResponse } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { canonicalJson, sha256Hex } from '../common/canonical-hash.js';
import type { PartnerRequest } from './partner-principal.js';

/**
 * A partner's writes in the idempotency store: one scope per partner, and the key bound to the
 * method, the path and the body, so the same key on another route or with another body is a 409.
 */
@Injectable()
export class PartnerIdempotency {
  constructor(private readonly store: IdempotencyStore) {}

  run<T>(
    request: PartnerRequest,
    key: string,
    body: unknown,
    work: (manager: EntityManager) => Promise<StoredResponse<T>>,
  ): Promise<IdempotentResult<T>> {
    const hash = sha256Hex(canonicalJson({ method: request.method, path: request.url, body }));
    return this.store.run(`partner:${request.partner!.partnerId}`, key, hash, work);
  }
}
