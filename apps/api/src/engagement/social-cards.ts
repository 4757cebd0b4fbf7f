import { badgeRule } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async displayNames(citizenIds: string[]): Promise<Map<string, string | null>> {
    if (!citizenIds.length) return new Map();
    const rows = await this.dataSource.query<{ citizen_id: string; nickname: string | null }[]>(
      `SELECT citizen_id, nickname FROM citizen_profiles WHERE citizen_id = ANY($1::uuid[])`,
      [citizenIds],
    );
    return new Map(rows.map((r) => [r.citizen_id, r.nickname]));
  }

  async cards(citizenIds: string[]): Promise<SocialCard[]> {
    if (!citizenIds.length) return [];
    const [names, totals, badges] = await Promise.all([
      this.displayNames(citizenIds),
      this.dataSource.query<{ owner: string; balance: string }[]>(
        `SELECT owner, balance FROM accounts WHERE kind = 'citizen_carbon' AND owner = ANY($1::text[])`,
        [citizenIds],
      ),
      this.dataSource.query<{ citizen_id: string; badge_id: string; awarded_at: Date }[]>(
        `SELECT citizen_id, badge_id, awarded_at FROM citizen_badges WHERE citizen_id = ANY($1::uuid[])
         ORDER BY awarded_at, badge_id`,
        [citizenIds],
      ),
    ]);
    return citizenIds.map((citizenId) => {
      const nickname = names.get(citizenId) ?? null;
      return {
        citizenId,
        displayName: nickname ?? ANONYMOUS,
        anonymous: nickname === null,
        grams: totals.find((t) => t.owner === citizenId)?.balance ?? '0',
        badges: badges
          .filter((b) => b.citizen_id === citizenId)
          .map((b) => ({
            id: b.badge_id,
            title: badgeRule(b.badge_id)?.title ?? b.badge_id,
            awardedAt: b.awarded_at.toISOString(),
          })),
      };
    });
  }
}
