import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actionColumnsOf, selectAction, type ActionRowOf } from '../actions/action-row.js';

/** A posting that changed a citizen's grams, points or held points, with the net change of each. */
export interface CitizenPosting {
  id: string;
  reason: string;
  causeType: string;
  causeId: string;
  details: Record<string, unknown> | null;
  createdAt: Date;
  /** Net changes, as decimal strings. */
  grams: string;
  points: string;
  held: string;
}

/** One line of a quantification trace, as stored with the action. */
export interface StoredTraceStep {
  step: string;
  value: string;
  unit?: string;
  source?: string;
  note?: string;
}

const POSTED = [
  'id',
  'methodologyId',
  'occurredAt',
  'trace',
  'requestedGrams',
  'grams',
  'capApplied',
  'pointsRuleVersion',
] as const;

const a = actionColumnsOf('a');
const act = actionColumnsOf('act');

/** What a citizen's timeline says about the action behind a posting. */
export type PostedAction = Omit<ActionRowOf<(typeof POSTED)[number]>, 'trace' | 'grams'> & {
  version: number;
  trace: StoredTraceStep[] | null;
  grams: string;
  campaignName: string | null;
  multiplier: string | null;
};

export interface PointsLotDates {
  id: string;
  earnedAt: Date;
  expiresAt: Date;
}

export interface ExpiringLot extends PointsLotDates {
  /** Points left in the lot, as a decimal string. */
  remaining: string;
}

/** One methodology's share of a citizen's year. */
export interface MethodologyYear {
  methodology: string;
  actions: number;
  grams: string;
  points: string;
}

/** A citizen's own ledger, read for the transparent account. */
@Injectable()
export class TransparencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Up to `limit` postings on the citizen's carbon, points and held-points accounts, newest first, below `before`. */
  async postings(citizenId: string, limit: number, before?: string): Promise<CitizenPosting[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        reason: string;
        cause_type: string;
        cause_id: string;
        details: Record<string, unknown> | null;
        created_at: Date;
        grams: string;
        points: string;
        held: string;
      }[]
    >(
      `SELECT p.id, p.reason, p.cause_type, p.cause_id, p.details, p.created_at,
              coalesce(sum(e.amount) FILTER (WHERE a.kind = 'citizen_carbon'), 0)::text AS grams,
              coalesce(sum(e.amount) FILTER (WHERE a.kind = 'citizen_points'), 0)::text AS points,
              coalesce(sum(e.amount) FILTER (WHERE a.kind = 'points_held'), 0)::text AS held
       FROM accounts a
       JOIN ledger_entries e ON e.account_id = a.id
       JOIN ledger_postings p ON p.id = e.posting_id
       WHERE a.owner = $1 AND a.kind IN ('citizen_carbon', 'citizen_points', 'points_held')
         AND ($2::bigint IS NULL OR p.id < $2::bigint)
       -- The whole primary key: postings are partitioned by month, so it is (id, created_at).
       GROUP BY p.id, p.created_at ORDER BY p.id DESC LIMIT $3`,
      [citizenId, before ?? null, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      reason: r.reason,
      causeType: r.cause_type,
      causeId: r.cause_id,
      details: r.details,
      createdAt: r.created_at,
      grams: r.grams,
      points: r.points,
      held: r.held,
    }));
  }

  /** The citizen's actions among these ids, with their methodology version and campaign. */
  async actions(citizenId: string, actionIds: string[]): Promise<PostedAction[]> {
    if (!actionIds.length) return [];
    // Posted actions are settled, so their version and grams are never null.
    return this.dataSource.query<PostedAction[]>(
      `SELECT ${selectAction('a', ...POSTED)}, v.version, c.name AS "campaignName", c.multiplier::text
       FROM actions a JOIN methodology_versions v ON v.id = ${a.methodologyVersionId}
       LEFT JOIN campaigns c ON c.id = ${a.campaignId}
       WHERE ${a.id} = ANY($1::uuid[]) AND ${a.citizenId} = $2`,
      [actionIds, citizenId],
    );
  }

  /** The citizen's points lots among these ids. */
  async lots(citizenId: string, lotIds: string[]): Promise<PointsLotDates[]> {
    if (!lotIds.length) return [];
    const rows = await this.dataSource.query<{ id: string; earned_at: Date; expires_at: Date }[]>(
      `SELECT id::text, earned_at, expires_at FROM points_lots WHERE id = ANY($1::bigint[]) AND citizen_id = $2`,
      [lotIds, citizenId],
    );
    return rows.map((r) => ({ id: r.id, earnedAt: r.earned_at, expiresAt: r.expires_at }));
  }

  /** Lots with points left that expire within `days` days from now, soonest first. */
  async expiringLots(citizenId: string, days: number): Promise<ExpiringLot[]> {
    const rows = await this.dataSource.query<
      { id: string; remaining: string; earned_at: Date; expires_at: Date }[]
    >(
      `SELECT id::text, remaining::text, earned_at, expires_at FROM points_lots
       WHERE citizen_id = $1 AND remaining > 0 AND expires_at > now() AND expires_at <= now() + make_interval(days => $2)
       ORDER BY expires_at, id`,
      [citizenId, days],
    );
    return rows.map((r) => ({
      id: r.id,
      remaining: r.remaining,
      earnedAt: r.earned_at,
      expiresAt: r.expires_at,
    }));
  }

  /** Grams and points credited for the citizen's actions that occurred in [from, to), by methodology. */
  async creditedByMethodology(citizenId: string, from: Date, to: Date): Promise<MethodologyYear[]> {
    return this.dataSource.query<MethodologyYear[]>(
      `SELECT ${act.methodologyId} AS methodology, count(DISTINCT ${act.id})::int AS actions,
              coalesce(sum(e.amount) FILTER (WHERE a.kind = 'citizen_carbon'), 0)::text AS grams,
              coalesce(sum(e.amount) FILTER (WHERE a.kind = 'citizen_points'), 0)::text AS points
       FROM accounts a
       JOIN ledger_entries e ON e.account_id = a.id
       JOIN ledger_postings p ON p.id = e.posting_id AND p.cause_type = 'action'
       JOIN actions act ON ${act.id} = p.action_id
       WHERE a.owner = $1 AND a.kind IN ('citizen_carbon', 'citizen_points')
         AND ${act.occurredAt} >= $2 AND ${act.occurredAt} < $3
       GROUP BY 1 ORDER BY 1`,
      [citizenId, from, to],
    );
  }
}
