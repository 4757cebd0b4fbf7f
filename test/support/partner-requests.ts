import { SIGNATURE_HEADERS, signature } from '@app/partner-client';
import { randomBytes, randomUUID } from 'node:crypto';
import type { ApiUnderTest } from './services.js';

export interface PartnerKey {
  keyId: string;
  secret: string;
}

/** Registers a redemption partner through the admin API and issues it a key. */
export async function registerPartner(api: ApiUnderTest, admin: string, id: string): Promise<PartnerKey> {
  const created = await api.request('POST', '/admin/v1/partners', {
    token: admin,
    body: {
      id,
      displayName: id,
      kinds: ['data-provider', 'redemption-channel'],
      methodologies: ['cycling'],
      mayRedeem: true,
    },
  });
  if (created.status !== 201)
    throw new Error(`partner ${id}: ${created.status} ${JSON.stringify(created.body)}`);
  const key = await api.request<PartnerKey>('POST', `/admin/v1/partners/${id}/keys`, { token: admin });
  return key.body;
}

/**
 * The headers of a correctly signed partner request for exactly these bytes (signed by
 * libs/partner-client's signature), with a fresh nonce and Idempotency-Key, so that the request
 * reaches validation whatever its body holds — malformed JSON included.
 */
export function signedHeaders(
  key: PartnerKey,
  method: string,
  pathWithQuery: string,
  rawBody: string,
): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString('hex');
  return {
    [SIGNATURE_HEADERS.keyId]: key.keyId,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: signature(key.secret, {
      method,
      pathWithQuery,
      timestamp,
      nonce,
      body: rawBody,
    }),
    'idempotency-key': randomUUID(),
  };
}
