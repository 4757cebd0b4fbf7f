import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actionColumnsOf, selectAction, type ActionRowOf } from '../actions/action-row.js';

const a = actionColumnsOf();

/** What citizens have done lately, read from their actions, for nudges, badges and leaderboards. */
@Injectable()
export class CitizenActivityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The methodologies a citizen has at least one settled action of. */
  async settledMethodologies(citizenId: string): Promise<string[]> {
    const rows = await this.dataSource.query<ActionRowOf<'methodologyId'>[]>(
      `SELECT DISTINCT ${selectAction(null, 'methodologyId')} FROM actions
       WHERE ${a.citizenId} = $1 AND ${a.status} = 'settled'`,
      [citizenId],
    );
    return rows.map((r) => r.methodologyId);
  }

  /** The CST days (YYYY-MM-DD) with a settled action of these methodologies that occurred since `since`. */
  async settledDays(citizenId: string, methodologyIds: readonly string[], since: Date): Promise<string[]> {
    const rows = await this.dataSource.query<{ date: string }[]>(
      `SELECT DISTINCT to_char(${a.occurredAt} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS date FROM actions
       WHERE ${a.citizenId} = $1 AND ${a.status} = 'settled' AND ${a.methodologyId} = ANY($2::text[])
         AND ${a.occurredAt} >= $3`,
      [citizenId, [...methodologyIds], since],
    );
    return rows.map((r) => r.date);
  }

  /** Grams (as a decimal string) and count of a citizen's settled actions that occurred since `since`. */
  async settledSince(citizenId: string, since: Date): Promise<{ grams: string; actions: number }> {
    const [row] = await this.dataSource.query<{ grams: string; actions: number }[]>(
      `SELECT coalesce(sum(${a.grams}), 0)::text AS grams, count(*)::int AS actions FROM actions
       WHERE ${a.citizenId} = $1 AND ${a.status} = 'settled' AND ${a.occurredAt} >= $2`,
      [citizenId, since],
    );
    return { grams: row.grams, actions: row.actions };
  }

  /** The citizens who reported these actions. */
  async citizensOfActions(actionIds: string[]): Promise<string[]> {
    const rows = await this.dataSource.query<{ citizenId: string }[]>(
      `SELECT DISTINCT ${selectAction(null, 'citizenId')} FROM actions
       WHERE ${a.id} = ANY($1::uuid[]) AND ${a.citizenId} IS NOT NULL`,
      [actionIds],
    );
    return rows.map((r) => r.citizenId);
  }

  /** The citizens with an action settled at or after `since`. */
  async citizensSettledSince(since: Date): Promise<string[]> {
    const rows = await this.dataSource.query<{ citizenId: string }[]>(
      `SELECT DISTINCT ${selectAction(null, 'citizenId')} FROM actions
       WHERE ${a.status} = 'settled' AND ${a.settledAt} >= $1 AND ${a.citizenId} IS NOT NULL`,
      [since],
    );
    return rows.map((r) => r.citizenId);
  }
}
