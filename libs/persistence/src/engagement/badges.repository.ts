import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actionColumnsOf, selectAction } from '../actions/action-row.js';

const a = actionColumnsOf('a');

/** Settled actions of one citizen, one methodology and one CST day. */
export interface SettledDay {
  citizenId: string;
  methodologyId: string;
  /** YYYY-MM-DD, China Standard Time. */
  date: string;
  actions: number;
}

export interface BadgeAward {
  citizenId: string;
  badgeId: string;
}

export interface AwardedBadge extends BadgeAward {
  awardedAt: Date;
}

/** Citizens' badges, and the facts they are awarded from. */
@Injectable()
export class BadgesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Settled actions per citizen, methodology and CST day, for citizens that are not deleted. */
  async settledDays(citizenIds: string[]): Promise<SettledDay[]> {
    return this.dataSource.query<SettledDay[]>(
      `SELECT ${selectAction('a', 'citizenId', 'methodologyId')},
              to_char(${a.occurredAt} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS date, count(*)::int AS actions
       FROM actions a JOIN citizens c ON c.id = ${a.citizenId} AND c.deleted_at IS NULL
       WHERE ${a.status} = 'settled' AND ${a.citizenId} = ANY($1::uuid[])
       GROUP BY 1, 2, 3`,
      [citizenIds],
    );
  }

  /**
   * Awards badges; one already held is left as it is (the (citizen, badge) key makes concurrent
   * awards safe). Returns the awards this call made.
   */
  async award(awards: (BadgeAward & { evidence: string })[]): Promise<BadgeAward[]> {
    const rows = await this.dataSource.query<{ citizen_id: string; badge_id: string }[]>(
      `INSERT INTO citizen_badges (citizen_id, badge_id, evidence)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[])
       ON CONFLICT (citizen_id, badge_id) DO NOTHING
       RETURNING citizen_id, badge_id`,
      [awards.map((r) => r.citizenId), awards.map((r) => r.badgeId), awards.map((r) => r.evidence)],
    );
    return rows.map((r) => ({ citizenId: r.citizen_id, badgeId: r.badge_id }));
  }

  /** The badges these citizens hold, oldest award first (ties by badge id). */
  async awardedTo(citizenIds: string[]): Promise<AwardedBadge[]> {
    const rows = await this.dataSource.query<{ citizen_id: string; badge_id: string; awarded_at: Date }[]>(
      `SELECT citizen_id, badge_id, awarded_at FROM citizen_badges WHERE citizen_id = ANY($1::uuid[])
       ORDER BY awarded_at, badge_id`,
      [citizenIds],
    );
    return rows.map((r) => ({ citizenId: r.citizen_id, badgeId: r.badge_id, awardedAt: r.awarded_at }));
  }
}
