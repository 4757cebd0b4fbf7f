import { lotExpiry, planConsumption } from './points-lots.js';

describe('lot expiry', () => {
  it('is the end of the year after earning by default, and later for a longer validity', () => {
    // Earned in 2026 (China time): valid through 2027, so it expires at 2028-01-01T00:00+08:00.
    expect(lotExpiry(new Date('2026-06-15T04:00:00Z')).toISOString()).toBe('2027-12-31T16:00:00.000Z');
    expect(lotExpiry(new Date('2026-06-15T04:00:00Z'), 2).toISOString()).toBe('2028-12-31T16:00:00.000Z');
    expect(lotExpiry(new Date('2026-06-15T04:00:00Z'), 0).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});

describe('planConsumption', () => {
  const lots = [
    { id: '1', remaining: 10n, expiresAt: new Date('2027-12-31T16:00:00Z') },
    { id: '2', remaining: 0n, expiresAt: new Date('2028-12-31T16:00:00Z') },
    { id: '3', remaining: 5n, expiresAt: new Date('2029-12-31T16:00:00Z') },
  ];

  it('takes a lot whole when the amount reaches exactly its end, and stops there', () => {
    expect(planConsumption(lots, 10n)).toEqual([{ id: '1', take: 10n }]);
  });

  it('skips an empty lot', () => {
    expect(planConsumption(lots, 11n)).toEqual([
      { id: '1', take: 10n },
      { id: '3', take: 1n },
    ]);
  });

  it('takes part of the first lot for a small amount', () => {
    expect(planConsumption(lots, 3n)).toEqual([{ id: '1', take: 3n }]);
  });

  it('plans nothing for nothing, even with no lots', () => {
    expect(planConsumption(lots, 0n)).toEqual([]);
    expect(planConsumption([], 0n)).toEqual([]);
  });

  it('refuses more than the lots hold, naming both figures', () => {
    expect(() => planConsumption(lots, 16n)).toThrow(new Error('lots hold 15 points, 16 needed'));
    expect(() => planConsumption([], 1n)).toThrow(new Error('lots hold 0 points, 1 needed'));
  });
});
