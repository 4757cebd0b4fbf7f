/**
 * China Standard Time (UTC+8, no daylight saving) whatever the phone's own zone: every date a
 * citizen reads or types is CST, and instants travel to the API with an explicit +08:00 offset.
 */

const CST_OFFSET_MS = 8 * 3600 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');

/** The CST wall clock of an instant, as the UTC fields of a shifted Date. */
function wallClock(instant: Date | string | number): Date {
  return new Date(new Date(instant).getTime() + CST_OFFSET_MS);
}

/** "2026-11-20" */
export function cstDate(instant: Date | string | number = Date.now()): string {
  const w = wallClock(instant);
  return `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}`;
}

/** "08:05" */
export function cstTime(instant: Date | string | number): string {
  const w = wallClock(instant);
  return `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`;
}

/** "2026-11-20 08:05" */
export function formatCst(instant: Date | string | number): string {
  return `${cstDate(instant)} ${cstTime(instant)}`;
}

/** "2026年11月20日" */
export function formatCstDay(instant: Date | string | number): string {
  const w = wallClock(instant);
  return `${w.getUTCFullYear()}年${w.getUTCMonth() + 1}月${w.getUTCDate()}日`;
}

/** A day written YYYY-MM-DD, as "11月20日 周五". */
export function formatDayKey(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = '日一二三四五六'[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${m}月${d}日 周${weekday}`;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/;

/** "2026-11-20 08:05" typed in CST → "2026-11-20T08:05:00+08:00"; null when it is not a real time. */
export function cstInputToIso(text: string): string | null {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const utc = new Date(Date.UTC(y, mo - 1, d, h, mi));
  const valid =
    utc.getUTCFullYear() === y && utc.getUTCMonth() === mo - 1 && utc.getUTCDate() === d && h < 24 && mi < 60;
  if (!valid) return null;
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:00+08:00`;
}

/** "2026-11-20" → itself when it is a real calendar day, else null. */
export function validDay(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? match[0] : null;
}

/** The Monday (CST) of the week an instant falls in, as YYYY-MM-DD. */
export function cstWeekStart(instant: Date | string | number): string {
  const w = wallClock(instant);
  const mondayOffset = (w.getUTCDay() + 6) % 7;
  return cstDate(new Date(w.getTime() - CST_OFFSET_MS - mondayOffset * 86_400_000));
}

/** The day before a YYYY-MM-DD day, seven times over: last week's Monday from this week's. */
export function shiftDay(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(y, m - 1, d + days));
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}
