import { earnedBadges } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * Awards badges from a citizen's settled actions. Idempotent and safe to run concurrently (two
 * workers, a re-run, the scheduled catch-up): the facts are recomputed from Postgres and the award
 * is an INSERT … ON CONFLICT DO NOTHING on the (citizen, badge) primary key.
 */
@Injectable()
export class BadgeAwarder {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Returns the badges newly awarded by this call. */
  async awardFor(citizenIds: string[]): Promise<{ citizenId: string; badgeId: string }[]> {
    if (!citizenIds.length) return [];
    const [days, totals] = await Promise.all([
      this.dataSource.query<{ citizen_id: string; methodology_id: string; date: string; actions: number }[]>(
        `SELECT a.citizen_id, a.methodology_id,
                to_char(a.occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS date, count(*)::int AS actions
         FROM actions a JOIN citizens c ON c.id = a.citizen_id AND c.deleted_at IS NULL
         WHERE a.status = 'settled' AND a.citizen_id = ANY($1::uuid[])
         GROUP BY 1, 2, 3`,
        [citizenIds],
      ),
      this.dataSource.query<{ owner: string; balance: string }[]>(
        `SELECT owner, balance FROM accounts WHERE kind = 'citizen_carbon' AND owner = ANY($1::text[])`,
        [citizenIds],
      ),
    ]);
    const rows: { citizenId: string; badgeId: string; evidence: string }[] = [];
    for (const citizenId of new Set(citizenIds)) {
      const facts = {
        days: days
          .filter((d) => d.citizen_id === citizenId)
          .map((d) => ({ methodology: d.methodology_id, date: d.date, actions: d.actions })),
        totalGrams: BigInt(totals.find((t) => t.owner === citizenId)?.balance ?? '0'),
      };
      if (!facts.days.length) continue;
      for (const badge of earnedBadges(facts))
        rows.push({ citizenId, badgeId: badge.badgeId, evidence: JSON.stringify(badge.evidence) });
    }
    if (!rows.length) return [];
    const awarded = await this.dataSource.query<{ citizen_id: string; badge_id: string }[]>(
      `INSERT INTO citizen_badges (citizen_id, badge_id, evidence)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[])
       ON CONFLICT (citizen_id, badge_id) DO NOTHING
       RETURNING citizen_id, badge_id`,
      [rows.map((r) => r.citizenId), rows.map((r) => r.badgeId), rows.map((r) => r.evidence)],
    );
    return awarded.map((a) => ({ citizenId: a.citizen_id, badgeId: a.badge_id }));
  }
}
