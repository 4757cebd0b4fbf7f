import { creditCodeCheckCharacter, isUnifiedSocialCreditCode } from './credit-code.js';

describe('统一社会信用代码 check (GB 32100-2015)', () => {
  it.each([
    ['91350100M000100Y43', '3'],
    ['91330100799655058B', 'B'],
  ])('accepts %s (check character %s)', (code, check) => {
    expect(creditCodeCheckCharacter(code.slice(0, 17))).toBe(check);
    expect(isUnifiedSocialCreditCode(code)).toBe(true);
  });

  it.each([
    ['a wrong check character', '91350100M000100Y44'],
    ['17 characters', '91350100M000100Y4'],
    ['19 characters', '91350100M000100Y433'],
    ['lower case', '91350100m000100Y43'],
    ['a letter the standard leaves out (O)', '91350100O000100Y43'],
    ['letters in the division code', '9135A100M000100Y43'],
  ])('refuses %s', (_name, code) => {
    expect(isUnifiedSocialCreditCode(code)).toBe(false);
  });
});
