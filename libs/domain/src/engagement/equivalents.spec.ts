import { EQUIVALENTS, equivalentsOf } from './equivalents.js';

describe('equivalents', () => {
  it('counts whole units of each, rounded down, with the figures they come from', () => {
    // 100,000 g: 100000 / 18300 = 5.46 tree-years, / 183 = 546.4 km, / 537 = 186.2 kWh
    const of = equivalentsOf(100_000n);
    expect(of.map((e) => [e.id, e.amount, e.gramsPerUnit])).toEqual([
      ['tree-years', '5', '18300'],
      ['car-km', '546', '183'],
      ['grid-kwh', '186', '537'],
    ]);
    expect(of[0]).toEqual({
      id: 'tree-years',
      label: EQUIVALENTS[0].label,
      unit: 'tree-year',
      amount: '5',
      gramsPerUnit: '18300',
      source: EQUIVALENTS[0].source,
    });
  });

  it('is zero for no grams, and for a negative amount (a reversal)', () => {
    expect(equivalentsOf(0n).map((e) => e.amount)).toEqual(['0', '0', '0']);
    expect(equivalentsOf(-1000n).map((e) => e.amount)).toEqual(['0', '0', '0']);
    // exactly one unit of each at its own figure
    expect(equivalentsOf(183n)[1].amount).toBe('1');
    expect(equivalentsOf(182n)[1].amount).toBe('0');
  });
});
