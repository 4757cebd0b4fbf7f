import { createHash, randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A 10-character code a citizen can read out or share (no 0/O, 1/I). */
export function newInviteCode(): string {
  return Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

export function codeDigest(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}
