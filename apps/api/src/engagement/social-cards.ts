import { badgeRule } from '@app/domain';
import { BadgesRepository, CarbonBalancesRepository, ProfilesRepository } from '@app/persistence';
import { Injectable } from '@nestjs/common';

export const ANONYMOUS = '匿名用户';

/** What another citizen may see of someone: a nickname (or anonymous), totals and badges. Never actions. */
export interface SocialCard {
  citizenId: string;
  displayName: string;
  anonymous: boolean;
  grams: string;
  badges: { id: string; title: string; awardedAt: string }[];
}

@Injectable()
export class SocialCards {
  constructor(
    private readonly profiles: ProfilesRepository,
    private readonly balances: CarbonBalancesRepository,
    private readonly badges: BadgesRepository,
  ) {}

  async displayNames(citizenIds: string[]): Promise<Map<string, string | null>> {
    if (!citizenIds.length) return new Map();
    return this.profiles.nicknames(citizenIds);
  }

  async cards(citizenIds: string[]): Promise<SocialCard[]> {
    if (!citizenIds.length) return [];
    const [names, totals, badges] = await Promise.all([
      this.displayNames(citizenIds),
      this.balances.ofCitizens(citizenIds),
      this.badges.awardedTo(citizenIds),
    ]);
    return citizenIds.map((citizenId) => {
      const nickname = names.get(citizenId) ?? null;
      return {
        citizenId,
        displayName: nickname ?? ANONYMOUS,
        anonymous: nickname === null,
        grams: (totals.get(citizenId) ?? 0n).toString(),
        badges: badges
          .filter((b) => b.citizenId === citizenId)
          .map((b) => ({
            id: b.badgeId,
            title: badgeRule(b.badgeId)?.title ?? b.badgeId,
            awardedAt: b.awardedAt.toISOString(),
          })),
      };
    });
  }
}
