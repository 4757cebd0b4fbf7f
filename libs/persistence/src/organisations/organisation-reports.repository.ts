import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actionColumnsOf } from '../actions/action-row.js';

const a = actionColumnsOf('a');

export interface ParticipantRow {
  /** 'citizen', or the organisation's kind. */
  participant: string;
  districtCode: string;
  /** Distinct citizens or organisations with a settled action. */
  participants: number;
  actions: number;
  grams: bigint;
  points: bigint;
}

/** Settled reductions by who earned them: citizens beside small businesses and public institutions. */
@Injectable()
export class OrganisationReportsRepository {
  /**
   * Settled actions that occurred in [from, to), by participant kind and district, or by kind alone
   * (`districtCode` is then 'all', and participants are counted once across districts).
   */
  async byParticipant(
    manager: EntityManager,
    from: Date,
    to: Date,
    byDistrict: boolean,
  ): Promise<ParticipantRow[]> {
    const district = byDistrict ? a.districtCode : `'all'`;
    const rows = await manager.query<
      {
        participant: string;
        district_code: string;
        participants: string;
        actions: string;
        grams: string;
        points: string;
      }[]
    >(
      `SELECT coalesce(o.kind, 'citizen') AS participant, ${district} AS district_code,
              count(DISTINCT coalesce(${a.organisationId}, ${a.citizenId}))::text AS participants,
              count(*)::text AS actions, coalesce(sum(${a.grams}), 0)::text AS grams,
              coalesce(sum(${a.points}), 0)::text AS points
       FROM actions a LEFT JOIN organisations o ON o.id = ${a.organisationId}
       WHERE ${a.status} = 'settled' AND ${a.occurredAt} >= $1 AND ${a.occurredAt} < $2
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [from, to],
    );
    return rows.map((r) => ({
      participant: r.participant,
      districtCode: r.district_code.trim(),
      participants: Number(r.participants),
      actions: Number(r.actions),
      grams: BigInt(r.grams),
      points: BigInt(r.points),
    }));
  }
}
