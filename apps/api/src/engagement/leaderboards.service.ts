import { cstWeekStart } from '@app/domain';
import { LeaderboardStore, type BoardEntry } from '@app/queues';
import { Injectable } from '@nestjs/common';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import { FriendsService } from './friends.service.js';
import { ANONYMOUS, SocialCards } from './social-cards.js';

export interface LeaderboardRow {
  rank: number;
  displayName: string;
  anonymous: boolean;
  grams: string;
  isYou: boolean;
  /** Only for friends (and yourself): strangers on a district board are not identifiable. */
  citizenId?: string;
}

export interface LeaderboardView {
  period: 'week' | 'all';
  scope: 'district' | 'friends';
  districtCode?: string;
  week?: string;
  order: string;
  items: LeaderboardRow[];
  you: { rank: number | null; grams: string };
}

@Injectable()
export class LeaderboardsService {
  constructor(
    private readonly store: LeaderboardStore,
    private readonly friends: FriendsService,
    private readonly cards: SocialCards,
  ) {}

  async board(
    citizen: CitizenPrincipal,
    period: 'week' | 'all',
    scope: 'district' | 'friends',
    limit = 20,
  ): Promise<LeaderboardView> {
    const week = period === 'week' ? cstWeekStart(new Date()) : undefined;
    const friendIds = await this.friends.friendIds(citizen.citizenId);
    let entries: BoardEntry[];
    let yourRank: number | null;
    let yourGrams = 0n;
    if (scope === 'friends') {
      const all = await this.store.scoresOf(LeaderboardStore.key(period, 'all', week), [
        citizen.citizenId,
        ...friendIds,
      ]);
      const index = all.findIndex((e) => e.citizenId === citizen.citizenId);
      yourRank = index < 0 ? null : index + 1;
      yourGrams = index < 0 ? 0n : all[index].grams;
      entries = all.slice(0, limit);
    } else {
      const key = LeaderboardStore.key(period, { district: citizen.districtCode }, week);
      entries = await this.store.top(key, limit);
      yourRank = await this.store.rank(key, citizen.citizenId);
      if (yourRank !== null)
        yourGrams = (await this.store.scoresOf(key, [citizen.citizenId]))[0]?.grams ?? 0n;
    }
    const names = await this.cards.displayNames(entries.map((e) => e.citizenId));
    const known = new Set([citizen.citizenId, ...friendIds]);
    return {
      period,
      scope,
      ...(scope === 'district' ? { districtCode: citizen.districtCode } : {}),
      ...(week ? { week } : {}),
      order: 'grams credited, most first; equal grams: the lower citizen id first',
      items: entries.map((e, i) => {
        const nickname = names.get(e.citizenId) ?? null;
        return {
          rank: i + 1,
          displayName: nickname ?? ANONYMOUS,
          anonymous: nickname === null,
          grams: e.grams.toString(),
          isYou: e.citizenId === citizen.citizenId,
          ...(known.has(e.citizenId) ? { citizenId: e.citizenId } : {}),
        };
      }),
      you: { rank: yourRank, grams: yourGrams.toString() },
    };
  }
}
