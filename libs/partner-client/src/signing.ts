import { createHash, createHmac } from 'node:crypto';

/** The headers every partner request carries. */
export const SIGNATURE_HEADERS = {
  keyId: 'x-key-id',
  timestamp: 'x-timestamp',
  nonce: 'x-nonce',
  signature: 'x-signature',
} as const;

export interface SignedParts {
  method: string;
  /** The path with its query string, exactly as sent: `/partner/v1/holds?x=1`. */
  pathWithQuery: string;
  /** Unix time in seconds, as a decimal string. */
  timestamp: string;
  nonce: string;
  /** The raw request body ('' when there is none). */
  body: string | Buffer;
}

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * The string a partner signs: METHOD, path with query, timestamp, nonce and the body's SHA-256 (hex),
 * joined by newlines. Example for an empty GET at 1795257600 with nonce n-1:
 * `GET\n/partner/v1/ping\n1795257600\nn-1\ne3b0c442…b855`.
 */
export function stringToSign(parts: SignedParts): string {
  return [
    parts.method.toUpperCase(),
    parts.pathWithQuery,
    parts.timestamp,
    parts.nonce,
    sha256Hex(parts.body),
  ].join('\n');
}

/** HMAC-SHA256 of the string to sign with the key's secret, hex. */
export function signature(secret: string, parts: SignedParts): string {
  return createHmac('sha256', secret).update(stringToSign(parts)).digest('hex');
}
