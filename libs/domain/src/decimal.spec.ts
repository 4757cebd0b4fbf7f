import {
  compareDecimals,
  floorDivideDecimals,
  floorMultiply,
  formatDecimal,
  multiplyDecimals,
  parseDecimal,
  subtractDecimals,
} from './decimal.js';

describe('exact decimals', () => {
  it.each([
    ['33.88', 3388n, 2],
    ['0.6361', 6361n, 4],
    ['3.6', 36n, 1],
    ['40', 40n, 0],
  ])('parses %s', (text, units, scale) => {
    expect(parseDecimal(text)).toEqual({ units, scale });
  });

  it.each(['-1', '1e3', '', '.5', '1.', 'abc', '1.2.3'])('refuses %j', (text) => {
    expect(() => parseDecimal(text)).toThrow(RangeError);
  });

  it('floors exactly where binary floats would not', () => {
    // 5,000 m × 33.88 g/km = 169.4 g → 169 g
    expect(floorMultiply(5000n, parseDecimal('33.88'), 1000n)).toBe(169n);
    // 0.1 + 0.2 style traps: 3 × 0.1 = 0.3 exactly, ×10 = 3
    expect(floorMultiply(30n, parseDecimal('0.1'))).toBe(3n);
  });

  it.each([
    ['1.5', '1.50', 0],
    ['1.499', '1.5', -1],
    ['2', '1.999', 1],
    ['0', '0.000', 0],
  ])('compares %s with %s exactly', (a, b, expected) => {
    expect(compareDecimals(parseDecimal(a), parseDecimal(b))).toBe(expected);
  });

  it('multiplies exactly', () => {
    // 13,000 kWh × 0.6361 kg/kWh = 8,269.3 kg
    expect(multiplyDecimals(parseDecimal('13000'), parseDecimal('0.6361'))).toEqual({
      units: 82693000n,
      scale: 4,
    });
    // 0.1 × 0.2 = 0.02, not 0.020000000000000004
    expect(formatDecimal(multiplyDecimals(parseDecimal('0.1'), parseDecimal('0.2')))).toBe('0.02');
  });

  it('subtracts exactly and refuses a negative difference', () => {
    expect(formatDecimal(subtractDecimals(parseDecimal('1000'), parseDecimal('399.999')))).toBe('600.001');
    expect(formatDecimal(subtractDecimals(parseDecimal('0.3'), parseDecimal('0.1')))).toBe('0.2');
    expect(subtractDecimals(parseDecimal('5.5'), parseDecimal('5.50'))).toEqual({ units: 0n, scale: 2 });
    expect(() => subtractDecimals(parseDecimal('1'), parseDecimal('1.001'))).toThrow(RangeError);
  });

  it('divides and floors exactly', () => {
    // 1 / 3 × 1000 = 333.33… → 333
    expect(floorDivideDecimals(parseDecimal('1'), parseDecimal('3'), 1000n)).toBe(333n);
    // 0.9156 / 0.6 = 1.526 exactly → × 1000 = 1526
    expect(floorDivideDecimals(parseDecimal('0.9156'), parseDecimal('0.6'), 1000n)).toBe(1526n);
    // 2 / 0.7 = 2.857… → 2
    expect(floorDivideDecimals(parseDecimal('2'), parseDecimal('0.7'))).toBe(2n);
    expect(floorDivideDecimals(parseDecimal('0'), parseDecimal('0.7'))).toBe(0n);
    expect(() => floorDivideDecimals(parseDecimal('1'), parseDecimal('0.0'))).toThrow(RangeError);
  });

  it.each([
    [{ units: 82693000n, scale: 4 }, '8269.3'],
    [{ units: 5n, scale: 3 }, '0.005'],
    [{ units: 0n, scale: 2 }, '0'],
    [{ units: 1200n, scale: 0 }, '1200'],
    [{ units: 1200n, scale: 2 }, '12'],
  ])('formats %j as %s', (value, text) => {
    expect(formatDecimal(value)).toBe(text);
  });
});
