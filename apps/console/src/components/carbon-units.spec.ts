/// <reference types="jest" />
import {
  amountIn,
  formatMass,
  unitFor,
  formatGrams,
  formatGramsExact,
  formatGramsShort,
  formatTonnesExact,
  groupDigits,
  parseMassToGrams,
} from './carbon-units';

describe('console carbon units (bigint grams, never floats)', () => {
  it.each([
    ['0', '0.000 千克'],
    ['169', '0.169 千克'],
    ['999999', '999.999 千克'],
    ['1000000', '1.000 吨'],
    ['1234567', '1.235 吨'],
    ['1234499', '1.234 吨'],
    ['9007199254740993123', '9,007,199,254,740.993 吨'],
    ['-2500', '-2.500 千克'],
  ])('formats %s g as %s', (grams, text) => {
    expect(formatGrams(grams)).toBe(text);
  });

  it('formats exact amounts for certificates and short ones for chart axes', () => {
    expect(formatTonnesExact('100')).toBe('0.000100 吨');
    expect(formatTonnesExact('123456789')).toBe('123.456789 吨');
    expect(formatGramsExact('123456789')).toBe('123,456,789 克');
    expect(groupDigits(-1234567)).toBe('-1,234,567');
    expect(formatGramsShort('700')).toBe('0.7 千克');
    expect(formatGramsShort('0')).toBe('0 千克');
    expect(formatGramsShort('12000000')).toBe('12 吨');
  });

  it.each([
    ['0.1', 'kg', 100n],
    ['1.5', 't', 1_500_000n],
    ['0.000001', 't', 1n],
    ['1,000', 'kg', 1_000_000n],
    ['2.50000000', 't', 2_500_000n],
    // 0.1 + 0.2 in floats is 0.30000000000000004; typed as text it is exactly 300 g.
    ['0.3', 'kg', 300n],
    ['9007199254.740993', 't', 9_007_199_254_740_993n],
  ] as const)('parses %s %s as %s g', (text, unit, grams) => {
    expect(parseMassToGrams(text, unit)).toEqual({ grams });
  });

  it.each([
    ['0.0001', 'kg'],
    ['0.0000001', 't'],
    ['0', 'kg'],
    ['-1', 'kg'],
    ['1e3', 'kg'],
    ['', 't'],
  ] as const)('refuses %p %s', (text, unit) => {
    expect(parseMassToGrams(text, unit)).toEqual({ error: expect.any(String) });
  });
});

describe('display units chosen for the values shown', () => {
  it('picks one unit for a column from its largest value', () => {
    expect(unitFor(['169', '22000', null])).toBe('kg');
    expect(unitFor(['22000', '1300000'])).toBe('t');
    expect(unitFor(['169', '999'])).toBe('g');
    expect(unitFor([])).toBe('g');
  });

  it('drops trailing zeros: 1 吨, not 1.000000 吨', () => {
    expect(formatMass('1000000')).toBe('1 吨');
    expect(formatMass('1300000')).toBe('1.3 吨');
    expect(formatMass('22000')).toBe('22 千克');
    expect(formatMass('169')).toBe('169 克');
    expect(formatMass('1000100', 6)).toBe('1.0001 吨');
    expect(amountIn('22000', 't')).toBe('0.022');
    expect(amountIn('169', 't')).toBe('0');
    expect(amountIn('1234567', 'kg')).toBe('1,234.567');
  });
});
