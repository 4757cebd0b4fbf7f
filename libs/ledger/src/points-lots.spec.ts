import { lotExpiry, planConsumption } from './points-lots.js';

describe('points lots', () => {
  it('expire at the end of the year after earning, in China Standard Time', () => {
    expect(lotExpiry(new Date('2026-03-01T00:00:00Z')).toISOString()).toBe('2027-12-31T16:00:00.000Z');
    // 2026-12-31T20:00+08:00 is still 2026 in China
    expect(lotExpiry(new Date('2026-12-31T12:00:00Z')).toISOString()).toBe('2027-12-31T16:00:00.000Z');
    // 2027-01-01T00:30+08:00 is already 2027
    expect(lotExpiry(new Date('2026-12-31T16:30:00Z')).toISOString()).toBe('2028-12-31T16:00:00.000Z');
  });

  it('are consumed oldest-expiring first', () => {
    const lots = [
      { id: '1', remaining: 10n },
      { id: '2', remaining: 5n },
      { id: '3', remaining: 100n },
    ];
    expect(planConsumption(lots, 12n)).toEqual([
      { id: '1', take: 10n },
      { id: '2', take: 2n },
    ]);
    expect(planConsumption(lots, 115n)).toEqual([
      { id: '1', take: 10n },
      { id: '2', take: 5n },
      { id: '3', take: 100n },
    ]);
    expect(() => planConsumption(lots, 116n)).toThrow('115 points, 116 needed');
  });
});
