import { cstDate, cstWeekStart, shiftDay } from './china-time';

interface Posting {
  at: string;
  grams: string;
}

/** Grams credited this CST week (from Monday) and the week before, from timeline postings. */
export function weekTotals(postings: Posting[], now: Date | number = Date.now()) {
  const thisMonday = cstWeekStart(now);
  const lastMonday = shiftDay(thisMonday, -7);
  let thisWeek = 0n;
  let lastWeek = 0n;
  for (const posting of postings) {
    const day = cstDate(posting.at);
    if (day >= thisMonday) thisWeek += BigInt(posting.grams);
    else if (day >= lastMonday) lastWeek += BigInt(posting.grams);
  }
  return { thisWeek, lastWeek, lastMonday };
}

/** Whether a page of postings (newest first) already reaches back before a day. */
export function reachesBefore(postings: Posting[], day: string): boolean {
  const oldest = postings.at(-1);
  return oldest !== undefined && cstDate(oldest.at) < day;
}
