import type { Dayjs } from 'dayjs';
import { cstToday, fromApiDate, shiftDate } from '../../cst';

/** [first, last] China-time dates of the month, quarter or year around `today` (YYYY-MM-DD). */
export function presetRanges(today: string): Record<string, [string, string]> {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const pad = (n: number) => String(n).padStart(2, '0');
  const monthStart = (y: number, m: number) => `${y}-${pad(m)}-01`;
  const lastDayOf = (y: number, m: number) =>
    shiftDate(m === 12 ? monthStart(y + 1, 1) : monthStart(y, m + 1), -1);
  const previous = month === 1 ? [year - 1, 12] : [year, month - 1];
  const quarterFirstMonth = month - ((month - 1) % 3);
  return {
    本月: [monthStart(year, month), today],
    上月: [monthStart(previous[0], previous[1]), lastDayOf(previous[0], previous[1])],
    本季: [monthStart(year, quarterFirstMonth), today],
    本年: [`${year}-01-01`, today],
    近30天: [shiftDate(today, -29), today],
  };
}

/** The RangePicker's shortcut buttons (本月/上月/本季/本年/近30天), in China time. */
export function rangePresets(): { label: string; value: [Dayjs, Dayjs] }[] {
  return Object.entries(presetRanges(cstToday())).map(([label, [from, to]]) => ({
    label,
    value: [fromApiDate(from), fromApiDate(to)],
  }));
}
