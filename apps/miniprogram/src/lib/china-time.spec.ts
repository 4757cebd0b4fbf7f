import { describe, expect, it } from '@jest/globals';
import {
  cstDate,
  cstInputToIso,
  cstWeekStart,
  formatCst,
  formatCstDay,
  formatDayKey,
  shiftDay,
  validDay,
} from './china-time';

describe('China Standard Time whatever the zone of the phone', () => {
  it('shows instants on the CST wall clock', () => {
    // 2026-11-19T16:30Z is already the 20th in China.
    expect(formatCst('2026-11-19T16:30:00Z')).toBe('2026-11-20 00:30');
    expect(cstDate('2026-11-19T15:59:59Z')).toBe('2026-11-19');
    expect(formatCstDay('2026-11-19T16:30:00Z')).toBe('2026年11月20日');
    expect(formatDayKey('2026-11-20')).toBe('11月20日 周五');
  });

  it('sends what was typed as CST with an explicit offset, refusing impossible times', () => {
    expect(cstInputToIso('2026-11-20 08:05')).toBe('2026-11-20T08:05:00+08:00');
    expect(cstInputToIso('2026-11-20T08:05')).toBe('2026-11-20T08:05:00+08:00');
    expect(cstInputToIso('2026-02-30 08:05')).toBeNull();
    expect(cstInputToIso('2026-11-20 24:00')).toBeNull();
    expect(cstInputToIso('20/11/2026 08:05')).toBeNull();
    expect(validDay('2028-02-29')).toBe('2028-02-29');
    expect(validDay('2026-02-29')).toBeNull();
  });

  it('finds the CST Monday of a week', () => {
    // Sunday 2026-11-22 23:30 CST is still the week of Monday the 16th …
    expect(cstWeekStart('2026-11-22T15:30:00Z')).toBe('2026-11-16');
    // … and half an hour later (Monday 00:00 CST) the new week has begun, though UTC is still Sunday.
    expect(cstWeekStart('2026-11-22T16:00:00Z')).toBe('2026-11-23');
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDay('2026-11-23', -7)).toBe('2026-11-16');
  });
});
