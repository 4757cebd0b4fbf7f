import { describe, expect, it } from '@jest/globals';
import { reachesBefore, weekTotals } from './week';

describe('weekTotals', () => {
  const now = new Date('2026-11-25T04:00:00Z'); // Wednesday noon CST; the week began Monday the 23rd.

  it('adds this CST week and last week apart, leaving older postings out', () => {
    const postings = [
      { at: '2026-11-24T01:00:00Z', grams: '169' },
      { at: '2026-11-22T16:10:00Z', grams: '31' }, // Monday 00:10 CST: this week
      { at: '2026-11-22T15:50:00Z', grams: '500' }, // Sunday 23:50 CST: last week
      { at: '2026-11-16T00:00:00Z', grams: '1000' },
      { at: '2026-11-15T15:59:00Z', grams: '7000' }, // the week before last
      { at: '2026-11-24T02:00:00Z', grams: '-20' }, // a re-sent day that lowered a count
    ];
    expect(weekTotals(postings, now)).toEqual({ thisWeek: 180n, lastWeek: 1500n, lastMonday: '2026-11-16' });
  });

  it('knows when a page reaches back far enough', () => {
    expect(reachesBefore([{ at: '2026-11-20T00:00:00Z', grams: '1' }], '2026-11-16')).toBe(false);
    expect(reachesBefore([{ at: '2026-11-15T00:00:00Z', grams: '1' }], '2026-11-16')).toBe(true);
    expect(reachesBefore([], '2026-11-16')).toBe(false);
  });
});
