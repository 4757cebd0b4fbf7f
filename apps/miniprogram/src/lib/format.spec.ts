import { describe, expect, it } from '@jest/globals';
import {
  compareWeeks,
  formatGrams,
  formatGramsChange,
  formatKilometres,
  formatPoints,
  formatRatio,
  formatSteps,
  groupThousands,
} from './format';

describe('formatGrams picks 克, 千克 or 吨 by size', () => {
  it.each([
    ['0', '0 克'],
    ['169', '169 克'],
    ['999', '999 克'],
    ['1000', '1 千克'],
    ['1500', '1.5 千克'],
    ['12345', '12.35 千克'],
    ['12344', '12.34 千克'],
    ['123456789', '123.46 吨'],
    ['999994', '999.99 千克'],
    ['999995', '1 吨'],
    ['1234567890123', '1,234,567.89 吨'],
    ['-2500', '-2.5 千克'],
  ])('%s g reads %s', (grams, text) => {
    expect(formatGrams(grams)).toBe(text);
  });

  it('takes bigint and number amounts too, and signs changes', () => {
    expect(formatGrams(169n)).toBe('169 克');
    expect(formatGrams(2500)).toBe('2.5 千克');
    expect(formatGramsChange('169')).toBe('+169 克');
    expect(formatGramsChange('-169')).toBe('-169 克');
    expect(formatGramsChange('0')).toBe('0 克');
  });
});

describe('counts with thousands separators', () => {
  it('groups digits by three', () => {
    expect(groupThousands('1234567')).toBe('1,234,567');
    expect(groupThousands('123')).toBe('123');
    expect(formatPoints('1234567')).toBe('1,234,567 积分');
    expect(formatPoints('-500')).toBe('-500 积分');
    expect(formatSteps(8000)).toBe('8,000 步');
  });

  it('reads metres as kilometres', () => {
    expect(formatKilometres(5000)).toBe('5 公里');
    expect(formatKilometres('12345')).toBe('12.35 公里');
    expect(formatKilometres(800)).toBe('0.8 公里');
  });
});

describe('formatRatio', () => {
  it('says how many units the grams make, to a tenth', () => {
    expect(formatRatio('169', '183')).toBe('0.9');
    expect(formatRatio('18300', '18300')).toBe('1');
    expect(formatRatio('1830000', '183')).toBe('10,000');
    expect(formatRatio('5', '0')).toBe('0');
  });
});

describe('compareWeeks', () => {
  it('says more, less or the same', () => {
    expect(compareWeeks('2500', '1000')).toBe('比上周多 1.5 千克');
    expect(compareWeeks(100n, 269n)).toBe('比上周少 169 克');
    expect(compareWeeks('5', '5')).toBe('与上周持平');
  });
});
