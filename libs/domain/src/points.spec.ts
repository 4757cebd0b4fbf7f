import {
  campaignPoints,
  pointsForGrams,
  selectCampaign,
  selectPointsRule,
  type Campaign,
  type PointsRule,
} from './points.js';

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

describe('campaigns', () => {
  const lowCarbonDay: Campaign = {
    id: 'c1',
    regionScope: ['370100'],
    methodologies: ['cycling', 'bus'],
    startsAt: new Date('2026-06-14T16:00:00Z'),
    endsAt: new Date('2026-06-15T16:00:00Z'),
    multiplier: '2',
  };
  const everywhere: Campaign = {
    ...lowCarbonDay,
    id: 'c2',
    regionScope: null,
    methodologies: null,
    multiplier: '1.5',
  };

  it('applies the best campaign covering the region, methodology and instant', () => {
    const inside = new Date('2026-06-15T02:00:00Z');
    expect(selectCampaign([everywhere, lowCarbonDay], 'cycling', '370102', inside)?.id).toBe('c1');
    expect(selectCampaign([everywhere, lowCarbonDay], 'walking', '370102', inside)?.id).toBe('c2');
    expect(selectCampaign([lowCarbonDay], 'cycling', '370800', inside)).toBeUndefined();
    expect(
      selectCampaign([lowCarbonDay], 'cycling', '370102', new Date('2026-06-15T16:00:00Z')),
    ).toBeUndefined();
  });

  it('multiplies points and floors', () => {
    expect(campaignPoints(169n, lowCarbonDay)).toBe(338n);
    expect(campaignPoints(169n, everywhere)).toBe(253n);
    expect(campaignPoints(169n, undefined)).toBe(169n);
  });
});
