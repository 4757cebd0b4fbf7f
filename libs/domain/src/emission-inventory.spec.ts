import {
  inventoryLineGrams,
  inventoryTotals,
  neutralisedShare,
  remainingToNeutralise,
} from './emission-inventory.js';

describe('emission inventory rules', () => {
  it.each([
    // 120,000 kWh × 677.6 g/kWh (华北 grid 0.6776 kg/kWh) = 81,312,000 g exactly
    ['120000', '677.6', 81_312_000n],
    // 1.5 t natural gas… as 1,234.5 m³ × 2,162.0 g/m³ = 2,668,989 g exactly
    ['1234.5', '2162', 2_668_989n],
    // 0.001 × 0.001 = 0.000001 g: rounded up to 1 g, never understated
    ['0.001', '0.001', 1n],
    ['3', '0.5', 2n],
    ['0', '677.6', 0n],
  ])('activity %s × factor %s g/unit = %s g (rounded up)', (activity, factor, grams) => {
    expect(inventoryLineGrams({ activity, factor })).toBe(grams);
  });

  it('totals by scope', () => {
    expect(
      inventoryTotals([
        { scope: 1, grams: 10n },
        { scope: 2, grams: 20n },
        { scope: 2, grams: 5n },
        { scope: 3, grams: 1n },
      ]),
    ).toEqual({ scope1: 10n, scope2: 25n, scope3: 1n, total: 36n });
  });

  it.each([
    [0n, 3n, '0.00'],
    [1n, 3n, '33.33'],
    [2n, 3n, '66.66'],
    [3n, 3n, '100.00'],
    [4n, 3n, '100.00'],
    [1n, 1_000_000n, '0.00'],
    [12_345n, 100_000n, '12.34'],
  ])('%s of %s g neutralised is %s%% (rounded down, capped)', (neutralised, total, share) => {
    expect(neutralisedShare(neutralised, total)).toBe(share);
  });

  it('refuses a share of an empty inventory', () => {
    expect(() => neutralisedShare(0n, 0n)).toThrow(RangeError);
  });

  it('leaves what is not yet neutralised, never below zero', () => {
    expect(remainingToNeutralise(30n, 100n)).toBe(70n);
    expect(remainingToNeutralise(100n, 100n)).toBe(0n);
    expect(remainingToNeutralise(120n, 100n)).toBe(0n);
  });
});
