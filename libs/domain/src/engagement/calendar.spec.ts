import { cstDate } from '../china-time.js';
import { cstWeekStart, currentStreak, longestStreak } from './calendar.js';

describe('CST calendar', () => {
  it.each([
    ['2026-11-15T15:59:59Z', '2026-11-15', '2026-11-09'],
    ['2026-11-15T16:00:00Z', '2026-11-16', '2026-11-16'], // Monday 00:00 CST
    ['2026-11-22T15:59:59Z', '2026-11-22', '2026-11-16'], // Sunday 23:59 CST
  ])('%s is %s in week %s', (at, date, week) => {
    expect(cstDate(new Date(at))).toBe(date);
    expect(cstWeekStart(new Date(at))).toBe(week);
  });

  it('finds the longest run of consecutive days, across month ends and duplicates', () => {
    expect(longestStreak([])).toEqual({ days: 0, endsOn: null });
    expect(longestStreak(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-01', '2026-03-03'])).toEqual({
      days: 3,
      endsOn: '2026-03-01',
    });
  });

  it('counts a current streak ending today or yesterday, not earlier', () => {
    const days = ['2026-11-18', '2026-11-19', '2026-11-20'];
    expect(currentStreak(days, '2026-11-20')).toBe(3);
    expect(currentStreak(days, '2026-11-21')).toBe(3);
    expect(currentStreak(days, '2026-11-22')).toBe(0);
  });
});
