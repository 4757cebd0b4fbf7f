import { explainPosting } from './timeline-explain.js';

describe('explainPosting', () => {
  it('explains a capped campaign trip with its methodology version, factor and cap', () => {
    const lines = explainPosting({
      reason: 'ACTION_SETTLED',
      grams: 1500n,
      points: 3000n,
      held: 0n,
      details: { methodology: 'cycling', methodologyVersion: 1 },
      action: {
        methodology: 'cycling',
        version: 1,
        occurredAt: new Date('2026-11-20T00:00:00Z'),
        trace: [
          { step: 'distance', value: '50000', unit: 'm' },
          { step: 'factor', value: '33.88', unit: 'gCO2e/pkm', source: 'METHODOLOGIES.md (2024)' },
          { step: 'reduction', value: '1694', unit: 'gCO2e', note: 'floor(50000 m / 1000 × 33.88)' },
        ],
        requestedGrams: '1694',
        creditedGrams: '1500',
        capApplied: 'day',
        campaign: { name: '全国低碳日', multiplier: '2.000' },
        pointsRuleVersion: 1,
      },
    });
    expect(lines).toEqual([
      'cycling on 2026-11-20 quantified with methodology cycling version 1',
      'factor 33.88 gCO2e/pkm (source: METHODOLOGIES.md (2024))',
      'calculation: floor(50000 m / 1000 × 33.88) = 1694 g',
      'day cap applied: 1694 g requested, 1500 g credited',
      'campaign "全国低碳日" multiplied the points by 2.000',
      'points rule version 1',
      '+1500 g CO2e, +3000 points',
    ]);
  });

  it('explains an expiry with when the points were earned', () => {
    expect(
      explainPosting({
        reason: 'POINTS_EXPIRED',
        grams: 0n,
        points: -169n,
        held: 0n,
        details: { expiredAt: '2027-12-31T16:00:00.000Z' },
        lot: { earnedAt: new Date('2026-11-20T01:00:00Z'), expiresAt: new Date('2027-12-31T16:00:00Z') },
      }),
    ).toEqual(['points earned on 2026-11-20 expired unspent at 2027-12-31T16:00:00.000Z', '-169 points']);
  });
});
