import { floorMultiply, parseDecimal } from './decimal.js';

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
});
