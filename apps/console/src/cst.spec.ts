/// <reference types="jest" />
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import {
  cstDate,
  cstNow,
  formatCst,
  formatCstLongDate,
  fromApi,
  fromApiDate,
  shiftDate,
  toApi,
  toApiDate,
} from './cst';

dayjs.extend(utc);

/** What antd hands back when `wallClock` is picked in a browser whose zone is `offsetMinutes` from UTC. */
const pickedIn = (wallClock: string, offsetMinutes: number) =>
  dayjs.utc(wallClock).utcOffset(offsetMinutes, true);

// Jest cannot switch the process's zone from a spec (its process.env is a copy), so picker values are
// built at explicit offsets here, and the helpers never read the process's zone when converting.
const BROWSER_OFFSETS = [
  ['UTC', 0],
  ['New York (EST)', -5 * 60],
  ['Berlin (CET)', 60],
  ['Kiritimati', 14 * 60],
  ['Shanghai', 8 * 60],
] as const;

describe('console CST conversions', () => {
  it.each(BROWSER_OFFSETS)('reads the wall clock picked in %s as CST', (_zone, offset) => {
    const picked = pickedIn('2026-12-01T00:00:00', offset);
    expect(toApi(picked)).toBe('2026-11-30T16:00:00.000Z');
    expect(toApi(pickedIn('2026-07-01T08:30:15', offset))).toBe('2026-07-01T00:30:15.000Z');
  });

  it('reads a picker value made in the zone this process runs in as CST', () => {
    expect(toApi(dayjs('2026-12-01T00:00:00'))).toBe('2026-11-30T16:00:00.000Z');
  });

  it('differs from what the picker value means in the browser zone (the bug it fixes)', () => {
    const picked = pickedIn('2026-12-01T00:00:00', 0);
    expect(picked.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(toApi(picked)).toBe('2026-11-30T16:00:00.000Z');
  });

  it('shows an API instant with its CST wall clock in the picker', () => {
    expect(fromApi('2026-11-30T16:00:00.000Z').format('YYYY-MM-DD HH:mm:ss')).toBe('2026-12-01 00:00:00');
    expect(fromApi('2026-07-01T00:30:15.000Z').format('YYYY-MM-DD HH:mm:ss')).toBe('2026-07-01 08:30:15');
    expect(fromApi('2026-12-01T00:00:00+08:00').format('YYYY-MM-DD HH:mm')).toBe('2026-12-01 00:00');
  });

  it('sends back an unchanged picker value as the same instant, to the millisecond', () => {
    for (const iso of ['2026-11-30T16:00:00.000Z', '2026-05-20T23:59:59.123Z', '2026-03-08T07:30:00.000Z'])
      expect(toApi(fromApi(iso))).toBe(iso);
  });

  it("gives the picker CST's now", () => {
    const before = Date.now();
    const sent = Date.parse(toApi(cstNow()));
    expect(sent).toBeGreaterThanOrEqual(before);
    expect(sent).toBeLessThanOrEqual(Date.now());
  });

  it('formats instants and calendar dates in CST', () => {
    expect(formatCst('2026-05-01T02:00:00.000Z')).toBe('2026-05-01 10:00:00');
    expect(formatCst('2026-11-30T16:00:00Z')).toBe('2026-12-01 00:00:00');
    expect(formatCstLongDate('2026-04-30T16:00:00.000Z')).toBe('2026年5月1日');
    expect(formatCst(null)).toBe('—');
    // 23:30 UTC on 31 December is already New Year's Day in Shandong.
    expect(cstDate('2026-12-31T23:30:00.000Z')).toBe('2027-01-01');
    expect(cstDate('2026-12-31T15:59:59.999Z')).toBe('2026-12-31');
  });

  it('keeps date-only values on the calendar date picked', () => {
    expect(toApiDate(fromApiDate('2026-03-08'))).toBe('2026-03-08');
    expect(toApiDate(pickedIn('2026-10-25T00:00:00', -5 * 60))).toBe('2026-10-25');
    expect(shiftDate('2026-03-30', -29)).toBe('2026-03-01');
    expect(shiftDate('2026-12-31', 1)).toBe('2027-01-01');
  });
});
