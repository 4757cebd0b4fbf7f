import { api } from '../api';
import type { Schemas } from '../api/types';
import { cstWeekStart, shiftDay } from './china-time';
import { reachesBefore, weekTotals } from './week';

type TimelineItem = Schemas['TimelineItemDto'];

/** Timeline postings back to last week's Monday (at most five pages of 100). */
export async function recentPostings(now = Date.now()): Promise<TimelineItem[]> {
  const since = shiftDay(cstWeekStart(now), -7);
  const items: TimelineItem[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 5; page += 1) {
    const result = await api.get('/v1/me/timeline', { query: { limit: 100, cursor } });
    items.push(...result.items);
    if (!result.nextCursor || reachesBefore(result.items, since)) break;
    cursor = result.nextCursor;
  }
  return items;
}

export async function loadHome() {
  const [account, summary, expiring, nudges, campaigns, postings] = await Promise.all([
    api.get('/v1/me/account'),
    api.get('/v1/me/summary'),
    api.get('/v1/me/points/expiring'),
    api.get('/v1/me/nudges'),
    api.get('/v1/campaigns'),
    recentPostings(),
  ]);
  const weeks = weekTotals(postings);
  return { account, summary, expiring, nudges, weeks, campaigns };
}
