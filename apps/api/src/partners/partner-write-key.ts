import { canonicalJson, sha256Hex } from '../common/canonical-hash.js';
import type { PartnerRequest } from './partner-principal.js';

/** Where a partner's write sits in the idempotency store, and the hash its Idempotency-Key is bound to. */
export interface PartnerWriteKey {
  scope: string;
  requestHash: string;
}

/**
 * One scope per partner; the key bound to the method, the path and the body, so the same key on
 * another route or with another body is a 409. Callers pass both to `IdempotencyStore.run`.
 */
export function partnerWriteKey(request: PartnerRequest, body: unknown): PartnerWriteKey {
  return {
    scope: `partner:${request.partner!.partnerId}`,
    requestHash: sha256Hex(canonicalJson({ method: request.method, path: request.url, body })),
  };
}
