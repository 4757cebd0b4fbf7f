import { pointsForGrams, selectPointsRule, type PointsRule } from './points.js';

const rule = (version: number, pointsPerGram: string, from: string): PointsRule => ({
  version,
  pointsPerGram,
  effectiveFrom: new Date(from),
});

describe('points rules', () => {
  it('converts 1 g to 1 point by default, and floors other rates', () => {
    expect(pointsForGrams(169n, rule(1, '1', '2024-01-01Z'))).toBe(169n);
    expect(pointsForGrams(169n, rule(1, '1.000000', '2024-01-01Z'))).toBe(169n);
    expect(pointsForGrams(169n, rule(2, '0.1', '2024-01-01Z'))).toBe(16n);
  });

  it('picks the rule in force at the instant', () => {
    const rules = [rule(1, '1', '2024-01-01Z'), rule(2, '2', '2026-01-01Z')];
    expect(selectPointsRule(rules, new Date('2025-12-31Z'))?.version).toBe(1);
    expect(selectPointsRule(rules, new Date('2026-01-01Z'))?.version).toBe(2);
    expect(selectPointsRule(rules, new Date('2023-01-01Z'))).toBeUndefined();
  });
});
