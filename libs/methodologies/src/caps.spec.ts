import { applyCaps, localDay } from './caps.js';

const caps = { perActionG: null, perDayG: 1500, perMonthG: 20_000 };
const none = { day: 0n, month: 0n, selfDay: 0n };

describe('applyCaps', () => {
  it('credits everything under every cap', () => {
    expect(applyCaps(169n, caps, none, null)).toEqual({ requested: 169n, credited: 169n, capApplied: null });
  });

  it('credits only what is left of the daily cap and names it', () => {
    expect(applyCaps(500n, caps, { ...none, day: 1200n, month: 1200n }, null)).toEqual({
      requested: 500n,
      credited: 300n,
      capApplied: 'perDay',
    });
  });

  it('credits nothing once the daily cap is used up', () => {
    expect(applyCaps(500n, caps, { ...none, day: 1500n, month: 1500n }, null)).toEqual({
      requested: 500n,
      credited: 0n,
      capApplied: 'perDay',
    });
  });

  it('applies the tightest cap: month below day', () => {
    expect(applyCaps(1000n, caps, { day: 0n, month: 19_800n, selfDay: 0n }, null)).toEqual({
      requested: 1000n,
      credited: 200n,
      capApplied: 'perMonth',
    });
  });

  it('applies the per-action cap', () => {
    expect(applyCaps(900n, { ...caps, perActionG: 400 }, none, null)).toEqual({
      requested: 900n,
      credited: 400n,
      capApplied: 'perAction',
    });
  });

  it('applies the stricter cap for self-reported data', () => {
    expect(applyCaps(900n, caps, { ...none, selfDay: 100n }, 300)).toEqual({
      requested: 900n,
      credited: 200n,
      capApplied: 'selfReportedPerDay',
    });
  });

  it('has no effect with no caps', () => {
    expect(
      applyCaps(10n ** 12n, { perActionG: null, perDayG: null, perMonthG: null }, none, null).credited,
    ).toBe(10n ** 12n);
  });
});

describe('localDay', () => {
  it('counts days in China Standard Time', () => {
    expect(localDay(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(localDay(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });
});
