import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** What citizens have done lately, read from their actions, for nudges, badges and leaderboards. */
@Injectable()
export class CitizenActivityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The methodologies a citizen has at least one settled action of. */
  async settledMethodologies(citizenId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ methodology_id: string }[]>(
      `SELECT DISTINCT methodology_id FROM actions WHERE citizen_id = $1 AND status = 'settled'`,
      [citizenId],
    );
    return rows.map((r) => r.methodology_id);
  }

  /** The CST days (YYYY-MM-DD) with a settled action of these methodologies that occurred since `since`. */
  async settledDays(citizenId: string, methodologyIds: readonly string[], since: Date): Promise<string[]> {
    const rows = await this.dataSource.query<{ date: string }[]>(
      `SELECT DISTINCT to_char(occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS date FROM actions
       WHERE citizen_id = $1 AND status = 'settled' AND methodology_id = ANY($2::text[]) AND occurred_at >= $3`,
      [citizenId, [...methodologyIds], since],
    );
    return rows.map((r) => r.date);
  }

  /** Grams (as a decimal string) and count of a citizen's settled actions that occurred since `since`. */
  async settledSince(citizenId: string, since: Date): Promise<{ grams: string; actions: number }> {
    const [row] = await this.dataSource.query<{ grams: string; actions: number }[]>(
      `SELECT coalesce(sum(grams), 0)::text AS grams, count(*)::int AS actions FROM actions
       WHERE citizen_id = $1 AND status = 'settled' AND occurred_at >= $2`,
      [citizenId, since],
    );
    return { grams: row.grams, actions: row.actions };
  }

  /** The citizens who reported these actions. */
  async citizensOfActions(actionIds: string[]): Promise<string[]> {
    const rows = await this.dataSource.query<{ citizen_id: string }[]>(
      `SELECT DISTINCT citizen_id FROM actions WHERE id = ANY($1::uuid[]) AND citizen_id IS NOT NULL`,
      [actionIds],
    );
    return rows.map((r) => r.citizen_id);
  }

  /** The citizens with an action settled at or after `since`. */
  async citizensSettledSince(since: Date): Promise<string[]> {
    const rows = await this.dataSource.query<{ citizen_id: string }[]>(
      `SELECT DISTINCT citizen_id FROM actions WHERE status = 'settled' AND settled_at >= $1 AND citizen_id IS NOT NULL`,
      [since],
    );
    return rows.map((r) => r.citizen_id);
  }
}
