export type { PoolView, RetirementView } from '@app/contracts';

/**
 * A fresh Idempotency-Key. crypto.randomUUID exists only in secure contexts (https, localhost), and the
 * console may be opened over plain http on the bureau's network, so fall back to getRandomValues.
 */
export function newIdempotencyKey(): string {
  if (typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
  const bytes = window.crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
