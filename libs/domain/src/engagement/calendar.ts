import { CST_OFFSET_MS } from '../china-time.js';

/** Calendar arithmetic in China Standard Time (UTC+8, no daylight saving), for streaks and weekly boards. */
const DAY_MS = 86_400_000;

/** The Monday (CST) starting the week of an instant, as YYYY-MM-DD: the weekly board's key. */
export function cstWeekStart(at: Date): string {
  const local = new Date(at.getTime() + CST_OFFSET_MS);
  const sinceMonday = (local.getUTCDay() + 6) % 7;
  return new Date(local.getTime() - sinceMonday * DAY_MS).toISOString().slice(0, 10);
}

/** A YYYY-MM-DD date moved by whole days (calendar arithmetic, no time zone involved). */
export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** True for a YYYY-MM-DD string naming a real calendar day (not 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(text) &&
    !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) &&
    shiftDate(text, 0) === text
  );
}

/** The longest run of consecutive dates (YYYY-MM-DD, any order, duplicates allowed) and where it ends. */
export function longestStreak(dates: readonly string[]): { days: number; endsOn: string | null } {
  const sorted = [...new Set(dates)].sort();
  let best = { days: 0, endsOn: null as string | null };
  let run = 0;
  let previous = Number.NaN;
  for (const date of sorted) {
    const day = Date.parse(`${date}T00:00:00Z`) / DAY_MS;
    run = day === previous + 1 ? run + 1 : 1;
    previous = day;
    if (run > best.days) best = { days: run, endsOn: date };
  }
  return best;
}

/** The run of consecutive dates ending today or yesterday (a streak still alive), in days. */
export function currentStreak(dates: readonly string[], today: string): number {
  const set = new Set(dates);
  const day = (offset: number) => shiftDate(today, -offset);
  let offset = set.has(today) ? 0 : 1;
  let days = 0;
  while (set.has(day(offset))) {
    days += 1;
    offset += 1;
  }
  return days;
}
