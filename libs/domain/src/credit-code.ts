/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from 0–9 and the capitals without I, O, Z, S, V; the
 * last is a check character over the first 17, weighted 3^(i) mod 31. Organisation accounts (issue 15)
 * are registered with one; this is the check an admin's entry must pass.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/;

/** The check character for the first 17 characters of a code. */
export function creditCodeCheckCharacter(first17: string): string {
  const sum = [...first17].reduce((total, c, i) => total + CHARSET.indexOf(c) * WEIGHTS[i], 0);
  return CHARSET[(31 - (sum % 31)) % 31];
}

/** True for an 18-character code of the right shape whose check character is right. */
export function isUnifiedSocialCreditCode(code: string): boolean {
  return SHAPE.test(code) && creditCodeCheckCharacter(code.slice(0, 17)) === code[17];
}
