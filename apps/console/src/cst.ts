/**
 * Every business date in this product is China Standard Time, whatever zone the browser is in.
 * antd's pickers work in the browser's zone, so a picker value here is a local dayjs whose wall-clock
 * fields (year..millisecond) are the CST wall clock; these helpers convert at the edges.
 */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);

// Asia/Shanghai is UTC+8 without daylight saving (as libs/domain's cstDate), so CST is computed in
// UTC mode with a fixed offset: neither the browser's zone nor its DST rules come into it.
const CST_OFFSET_MINUTES = 8 * 60;
// Milliseconds included, so an instant shown in a picker and sent back unchanged stays the same.
const WALL_CLOCK = 'YYYY-MM-DDTHH:mm:ss.SSS';
const DATE = 'YYYY-MM-DD';

/** An instant in UTC mode with the CST wall clock as its fields. */
const cstClock = (at: string | number | Date): Dayjs => dayjs.utc(at).add(CST_OFFSET_MINUTES, 'minute');

/** An API instant as a picker value: shows its CST wall clock. */
export const fromApi = (iso: string | number | Date): Dayjs => dayjs(cstClock(iso).format(WALL_CLOCK));

/** Now as a picker value, for the picker's "now" and "today". */
export const cstNow = (): Dayjs => fromApi(Date.now());

/** A picked value's wall-clock fields read as CST: 2026-12-01 00:00 → '2026-11-30T16:00:00.000Z'. */
export const toApi = (picked: Dayjs): string =>
  dayjs.utc(picked.format(WALL_CLOCK)).subtract(CST_OFFSET_MINUTES, 'minute').toISOString();

/** A calendar date (YYYY-MM-DD, a CST day to the API) as a date-only picker value. */
export const fromApiDate = (date: string): Dayjs => dayjs(date);

/** The calendar date picked, as the API's YYYY-MM-DD (a CST day). */
export const toApiDate = (picked: Dayjs): string => picked.format(DATE);

/** The CST calendar date of an instant, YYYY-MM-DD. */
export const cstDate = (at: string | number | Date): string => cstClock(at).format(DATE);

export const cstToday = (): string => cstDate(Date.now());

/** A YYYY-MM-DD date moved by whole days (calendar arithmetic, no time zone involved). */
export const shiftDate = (date: string, days: number): string =>
  dayjs.utc(date).add(days, 'day').format(DATE);

/** An API instant for display in CST: '2026-05-01T02:00:00.000Z' → '2026-05-01 10:00:00'. */
export function formatCst(iso: string | null | undefined): string {
  return iso ? cstClock(iso).format('YYYY-MM-DD HH:mm:ss') : '—';
}

/** The CST date of an instant in words, for certificates: '2026年5月1日'. */
export const formatCstLongDate = (iso: string): string => cstClock(iso).format('YYYY年M月D日');
