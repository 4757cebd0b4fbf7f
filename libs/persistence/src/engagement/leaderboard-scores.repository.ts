import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actionColumnsOf } from '../actions/action-row.js';

const act = actionColumnsOf('act');

/** A citizen's score on the all-time boards (week null) or on the boards of one CST week. */
export interface LeaderboardScore {
  citizenId: string;
  districtCode: string;
  /** The week's Monday (YYYY-MM-DD, CST), or null for all time. */
  week: string | null;
  grams: bigint;
}

export interface LeaderboardCitizen {
  id: string;
  districtCode: string;
  deleted: boolean;
}

/**
 * The ledger side of the leaderboards (the Redis side is `LeaderboardStore` in libs/queues, which
 * takes this repository as its source of scores).
 */
@Injectable()
export class LeaderboardScoresRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource | EntityManager) {}

  /** The same reads over another connection (a rebuild reads the read replica's, see ReadReplica). */
  on(manager: EntityManager): LeaderboardScoresRepository {
    return new LeaderboardScoresRepository(manager);
  }

  /**
   * Grams credited to the carbon accounts of citizens not deleted (all of them, or those ids): the
   * balance for all time, and per CST week the grams of settled actions that occurred since `since`.
   */
  async scores(citizenIds: string[] | undefined, since: Date): Promise<LeaderboardScore[]> {
    const rows = await this.dataSource.query<
      { citizen_id: string; district_code: string; week: string | null; grams: string }[]
    >(
      `SELECT c.id AS citizen_id, c.district_code, NULL AS week, acc.balance::text AS grams
       FROM accounts acc JOIN citizens c ON c.id = acc.citizen_id AND c.deleted_at IS NULL
       WHERE acc.kind = 'citizen_carbon' AND ($1::uuid[] IS NULL OR c.id = ANY($1::uuid[]))
       UNION ALL
       SELECT c.id, c.district_code,
              to_char(date_trunc('week', ${act.occurredAt} AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD'),
              sum(e.amount)::text
       FROM ledger_entries e
       JOIN accounts acc ON acc.id = e.account_id AND acc.kind = 'citizen_carbon'
       JOIN citizens c ON c.id = acc.citizen_id AND c.deleted_at IS NULL
       JOIN ledger_postings p ON p.id = e.posting_id AND p.cause_type = 'action'
       JOIN actions act ON ${act.id} = p.action_id
       WHERE ${act.occurredAt} >= $2 AND ($1::uuid[] IS NULL OR c.id = ANY($1::uuid[]))
       GROUP BY 1, 2, 3`,
      [citizenIds ?? null, since],
    );
    return rows.map((r) => ({
      citizenId: r.citizen_id,
      districtCode: r.district_code,
      week: r.week,
      grams: BigInt(r.grams),
    }));
  }

  /** These citizens' districts, and whether each is deleted (unknown ids are absent). */
  async citizens(citizenIds: string[]): Promise<LeaderboardCitizen[]> {
    const rows = await this.dataSource.query<{ id: string; district_code: string; deleted: boolean }[]>(
      `SELECT id, district_code, deleted_at IS NOT NULL AS deleted FROM citizens WHERE id = ANY($1::uuid[])`,
      [citizenIds],
    );
    return rows.map((r) => ({ id: r.id, districtCode: r.district_code, deleted: r.deleted }));
  }
}
