import { byExpiry, lotExpiry, planConsumption } from './points-lots.js';

describe('points lots', () => {
  it('expire at the end of the year after earning, in China Standard Time', () => {
    expect(lotExpiry(new Date('2026-03-01T00:00:00Z')).toISOString()).toBe('2027-12-31T16:00:00.000Z');
    // 2026-12-31T20:00+08:00 is still 2026 in China
    expect(lotExpiry(new Date('2026-12-31T12:00:00Z')).toISOString()).toBe('2027-12-31T16:00:00.000Z');
    // 2027-01-01T00:30+08:00 is already 2027
    expect(lotExpiry(new Date('2026-12-31T16:30:00Z')).toISOString()).toBe('2028-12-31T16:00:00.000Z');
  });

  const end2026 = new Date('2026-12-31T16:00:00.000Z');
  const end2027 = new Date('2027-12-31T16:00:00.000Z');
  const end2028 = new Date('2028-12-31T16:00:00.000Z');

  it('are consumed oldest-expiring first', () => {
    const lots = [
      { id: '1', remaining: 10n, expiresAt: end2026 },
      { id: '2', remaining: 5n, expiresAt: end2027 },
      { id: '3', remaining: 100n, expiresAt: end2028 },
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
    expect(() => planConsumption(lots, 116n)).toThrow('lots hold 115 points, 116 needed');
  });

  it('are ordered by their expiry, not by the order they come in', () => {
    const newestFirst = [
      { id: '1', remaining: 100n, expiresAt: end2028 },
      { id: '2', remaining: 5n, expiresAt: end2027 },
      { id: '3', remaining: 10n, expiresAt: end2026 },
    ];
    expect(planConsumption(newestFirst, 12n)).toEqual([
      { id: '3', take: 10n },
      { id: '2', take: 2n },
    ]);
    expect(planConsumption(newestFirst, 16n)).toEqual([
      { id: '3', take: 10n },
      { id: '2', take: 5n },
      { id: '1', take: 1n },
    ]);
    // The caller's list is left in its order.
    expect(newestFirst.map((l) => l.id)).toEqual(['1', '2', '3']);
  });

  it('expiring together, the lot opened first (the lower id, as a number) goes first', () => {
    const lots = [
      { id: '10', remaining: 4n, expiresAt: end2027 },
      { id: '9', remaining: 4n, expiresAt: end2027 },
      { id: '11', remaining: 4n, expiresAt: end2026 },
    ];
    expect(planConsumption(lots, 9n)).toEqual([
      { id: '11', take: 4n },
      { id: '9', take: 4n },
      { id: '10', take: 1n },
    ]);
    expect(byExpiry(lots[0], lots[0])).toBe(0);
    expect(byExpiry(lots[1], lots[0])).toBe(-1);
    expect(byExpiry(lots[0], lots[1])).toBe(1);
  });

  it('take nothing for nothing, and skip lots with nothing left', () => {
    const lots = [
      { id: '1', remaining: 0n, expiresAt: end2026 },
      { id: '2', remaining: 3n, expiresAt: end2027 },
    ];
    expect(planConsumption(lots, 0n)).toEqual([]);
    expect(planConsumption(lots, 3n)).toEqual([{ id: '2', take: 3n }]);
    expect(() => planConsumption([], 1n)).toThrow('lots hold 0 points, 1 needed');
  });
});
