/**
 * China Standard Time (Asia/Shanghai: UTC+8, no daylight saving) ↔ instants. Every local day, month
 * or year that bounds a query becomes instants here, in code, never by a cast in the database
 * session's zone (which put the start of a month at 16:00 CST on the 1st).
 */
export const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** A half-open span of time: from ≤ t < to. */
export interface InstantRange {
  from: Date;
  to: Date;
}

/** Midnight UTC of a real YYYY-MM-DD calendar date (not 2026-02-30), or NaN. */
function utcMidnight(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return NaN;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(date) ? ms : NaN;
}

function realDate(date: string): number {
  const ms = utcMidnight(date);
  if (Number.isNaN(ms)) throw new RangeError(`not a calendar date: ${date}`);
  return ms;
}

/** The local (CST) date of an instant, as YYYY-MM-DD. */
export function cstDate(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The local (CST) month of an instant, as YYYY-MM. */
export function cstMonth(at: Date): string {
  return cstDate(at).slice(0, 7);
}

/** The CST calendar year of an instant. */
export function cstYear(at: Date): number {
  return new Date(at.getTime() + CST_OFFSET_MS).getUTCFullYear();
}

/** The instant a CST date (YYYY-MM-DD) begins. */
export function cstDayStart(date: string): Date {
  return new Date(realDate(date) - CST_OFFSET_MS);
}

/** A CST date (YYYY-MM-DD) as instants: its 00:00 to the next day's 00:00. */
export function cstDayBounds(date: string): InstantRange {
  const from = cstDayStart(date);
  return { from, to: new Date(from.getTime() + DAY_MS) };
}

/** A CST month (YYYY-MM) as instants: 00:00 on its 1st to 00:00 on the next month's 1st. */
export function cstMonthBounds(month: string): InstantRange {
  const first = new Date(realDate(`${month}-01`));
  const next = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1);
  return { from: new Date(first.getTime() - CST_OFFSET_MS), to: new Date(next - CST_OFFSET_MS) };
}

/** A CST calendar year as instants: 00:00 on 1 January to 00:00 on the next 1 January. */
export function cstYearBounds(year: number): InstantRange {
  return {
    from: new Date(Date.UTC(year, 0, 1) - CST_OFFSET_MS),
    to: new Date(Date.UTC(year + 1, 0, 1) - CST_OFFSET_MS),
  };
}

const LOCAL_TIME = /^T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;
const ZONED_TIME = /^T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;

/**
 * An ISO-8601 instant as people in China write it: with an offset it is that instant; a bare date is
 * 00:00 and a bare local time is that time, both China Standard Time (never the server's or the
 * database session's zone). Undefined when it names no real instant.
 */
export function cstInstant(text: string): Date | undefined {
  const midnight = utcMidnight(text.slice(0, 10));
  const time = text.slice(10);
  let ms = NaN;
  if (Number.isNaN(midnight)) return undefined;
  if (time === '') ms = midnight - CST_OFFSET_MS;
  else if (LOCAL_TIME.test(time)) ms = Date.parse(`${text}Z`) - CST_OFFSET_MS;
  else if (ZONED_TIME.test(time)) ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
