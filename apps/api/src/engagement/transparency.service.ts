import { cstYearBounds, equivalentsOf } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import { explainPosting, type TimelineFacts } from './timeline-explain.js';

interface PostingRow {
  id: string;
  reason: string;
  cause_type: string;
  cause_id: string;
  details: Record<string, unknown> | null;
  created_at: Date;
  grams: string;
  points: string;
  held: string;
}

interface ActionRow {
  id: string;
  methodology_id: string;
  version: number;
  occurred_at: Date;
  trace: NonNullable<TimelineFacts['action']>['trace'];
  requested_grams: string | null;
  grams: string;
  cap_applied: string | null;
  campaign_name: string | null;
  multiplier: string | null;
  points_rule_version: number | null;
}

const EXPIRING_WINDOW_DAYS = 30;

/** The transparent account: every change explained, points about to expire, the year in numbers. */
@Injectable()
export class TransparencyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One item per posting that changed my grams, points or reserved points; newest first. */
  async timeline(citizen: CitizenPrincipal, limit = 20, cursor?: string) {
    const postings = await this.dataSource.query<PostingRow[]>(
      `SELECT p.id, p.reason, p.cause_type, p.cause_id, p.details, p.created_at,
              coalesce(sum(e.amount) FILTER (WHERE a.kind = 'citizen_carbon'), 0)::text AS grams,
              coalesce(sum(e.amount) FILTER (WHERE a.kind = 'citizen_points'), 0)::text AS points,
              coalesce(sum(e.amount) FILTER (WHERE a.kind = 'points_held'), 0)::text AS held
       FROM accounts a
       JOIN ledger_entries e ON e.account_id = a.id
       JOIN ledger_postings p ON p.id = e.posting_id
       WHERE a.owner = $1 AND a.kind IN ('citizen_carbon', 'citizen_points', 'points_held')
         AND ($2::bigint IS NULL OR p.id < $2::bigint)
       GROUP BY p.id ORDER BY p.id DESC LIMIT $3`,
      [citizen.citizenId, cursor ?? null, limit + 1],
    );
    const page = postings.slice(0, limit);
    const actionIds = page.filter((p) => p.cause_type === 'action').map((p) => p.cause_id);
    const lotIds = page.filter((p) => p.reason === 'POINTS_EXPIRED').map((p) => String(p.details?.lot));
    const [actions, lots] = await Promise.all([
      actionIds.length
        ? this.dataSource.query<ActionRow[]>(
            `SELECT a.id, a.methodology_id, v.version, a.occurred_at, a.trace, a.requested_grams::text, a.grams::text,
                    a.cap_applied, c.name AS campaign_name, c.multiplier::text, a.points_rule_version
             FROM actions a JOIN methodology_versions v ON v.id = a.methodology_version_id
             LEFT JOIN campaigns c ON c.id = a.campaign_id
             WHERE a.id = ANY($1::uuid[]) AND a.citizen_id = $2`,
            [actionIds, citizen.citizenId],
          )
        : [],
      lotIds.length
        ? this.dataSource.query<{ id: string; earned_at: Date; expires_at: Date }[]>(
            `SELECT id::text, earned_at, expires_at FROM points_lots WHERE id = ANY($1::bigint[]) AND citizen_id = $2`,
            [lotIds, citizen.citizenId],
          )
        : [],
    ]);
    return {
      items: page.map((p) => {
        const action = p.cause_type === 'action' ? actions.find((a) => a.id === p.cause_id) : undefined;
        const lot = lots.find((l) => l.id === String(p.details?.lot));
        const facts: TimelineFacts = {
          reason: p.reason,
          grams: BigInt(p.grams),
          points: BigInt(p.points),
          held: BigInt(p.held),
          details: p.details,
          ...(action
            ? {
                action: {
                  methodology: action.methodology_id,
                  version: action.version,
                  occurredAt: action.occurred_at,
                  trace: action.trace,
                  requestedGrams: action.requested_grams,
                  creditedGrams: action.grams,
                  capApplied: action.cap_applied,
                  campaign: action.campaign_name
                    ? { name: action.campaign_name, multiplier: action.multiplier! }
                    : null,
                  pointsRuleVersion: action.points_rule_version,
                },
              }
            : {}),
          ...(lot ? { lot: { earnedAt: lot.earned_at, expiresAt: lot.expires_at } } : {}),
        };
        return {
          postingId: String(p.id),
          at: p.created_at.toISOString(),
          reason: p.reason,
          cause: { type: p.cause_type, id: p.cause_id },
          grams: p.grams,
          points: p.points,
          heldPoints: p.held,
          explanation: explainPosting(facts),
          ...(action
            ? {
                action: {
                  id: action.id,
                  methodology: action.methodology_id,
                  methodologyVersion: action.version,
                  occurredAt: action.occurred_at.toISOString(),
                  requestedGrams: action.requested_grams,
                  creditedGrams: action.grams,
                  capApplied: action.cap_applied,
                  campaign: facts.action!.campaign,
                  trace: action.trace,
                },
              }
            : {}),
          ...(lot
            ? {
                lot: {
                  id: lot.id,
                  earnedAt: lot.earned_at.toISOString(),
                  expiresAt: lot.expires_at.toISOString(),
                },
              }
            : {}),
        };
      }),
      nextCursor: postings.length > limit ? String(page[page.length - 1].id) : null,
    };
  }

  /** Points that expire within the next 30 days, soonest first. */
  async expiring(citizen: CitizenPrincipal) {
    const lots = await this.dataSource.query<
      { id: string; remaining: string; earned_at: Date; expires_at: Date }[]
    >(
      `SELECT id::text, remaining::text, earned_at, expires_at FROM points_lots
       WHERE citizen_id = $1 AND remaining > 0 AND expires_at > now() AND expires_at <= now() + make_interval(days => $2)
       ORDER BY expires_at, id`,
      [citizen.citizenId, EXPIRING_WINDOW_DAYS],
    );
    return {
      withinDays: EXPIRING_WINDOW_DAYS,
      points: lots.reduce((sum, l) => sum + BigInt(l.remaining), 0n).toString(),
      lots: lots.map((l) => ({
        id: l.id,
        points: l.remaining,
        earnedAt: l.earned_at.toISOString(),
        expiresAt: l.expires_at.toISOString(),
      })),
    };
  }

  /** A calendar year (CST) of reductions, by methodology, with everyday equivalents and their sources. */
  async yearSummary(citizen: CitizenPrincipal, year: number) {
    const { from, to } = cstYearBounds(year);
    const rows = await this.dataSource.query<
      { methodology: string; actions: number; grams: string; points: string }[]
    >(
      `SELECT act.methodology_id AS methodology, count(DISTINCT act.id)::int AS actions,
              coalesce(sum(e.amount) FILTER (WHERE a.kind = 'citizen_carbon'), 0)::text AS grams,
              coalesce(sum(e.amount) FILTER (WHERE a.kind = 'citizen_points'), 0)::text AS points
       FROM accounts a
       JOIN ledger_entries e ON e.account_id = a.id
       JOIN ledger_postings p ON p.id = e.posting_id AND p.cause_type = 'action'
       JOIN actions act ON act.id::text = p.cause_id
       WHERE a.owner = $1 AND a.kind IN ('citizen_carbon', 'citizen_points')
         AND act.occurred_at >= $2 AND act.occurred_at < $3
       GROUP BY 1 ORDER BY 1`,
      [citizen.citizenId, from, to],
    );
    const grams = rows.reduce((sum, r) => sum + BigInt(r.grams), 0n);
    return {
      year,
      grams: grams.toString(),
      points: rows.reduce((sum, r) => sum + BigInt(r.points), 0n).toString(),
      actions: rows.reduce((sum, r) => sum + r.actions, 0),
      byMethodology: rows,
      equivalents: equivalentsOf(grams),
    };
  }
}
