import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

interface QuantifiedRow {
  id: string;
  citizen_id: string;
  district_code: string;
  methodology_id: string;
  version: number;
  grams: string;
  points: string;
  supersedes: string[] | null;
  organisation_id: string | null;
}

/** The advisory-lock class of settlement lanes (the lane number is the second key). */
const SETTLEMENT_LANE_LOCK = 1_400_014;

/** A quantified action claimed for settlement, with the methodology version it was quantified by. */
export interface QuantifiedAction {
  id: string;
  citizenId: string;
  districtCode: string;
  methodologyId: string;
  methodologyVersion: number;
  grams: bigint;
  points: bigint;
  /** Less trusted reports of the same event this action replaces. */
  supersedes: string[] | null;
  /** Set when a member acted for an organisation (issue 15): its record is credited, not the member's. */
  organisationId: string | null;
}

/** A settled action that a later report replaces: what it was credited. */
export interface SettledReplacement {
  id: string;
  grams: bigint;
  points: bigint;
  supersededBy: string;
}

/** The actions inbox as settlement sees it: quantified → settled. Every method runs in the batch's transaction. */
@Injectable()
export class ActionSettlementRepository {
  /**
   * Takes settlement lane `lane` for this transaction unless another transaction has it (answers
   * false then, without waiting). Released at commit or rollback.
   */
  async tryLane(manager: EntityManager, lane: number): Promise<boolean> {
    const [row] = await manager.query<{ taken: boolean }[]>(
      `SELECT pg_try_advisory_xact_lock($1::int, $2::int) AS taken`,
      [SETTLEMENT_LANE_LOCK, lane],
    );
    return row.taken;
  }

  /**
   * Claims up to `limit` quantified actions, oldest first, skipping rows another transaction holds;
   * with a lane, only actions of the citizens in that lane (a fixed hash of the citizen, so one
   * citizen's actions are always settled by the lane that holds their accounts).
   */
  async claimQuantified(
    manager: EntityManager,
    limit: number,
    lane: { lane: number; lanes: number } = { lane: 0, lanes: 1 },
  ): Promise<QuantifiedAction[]> {
    const rows = await manager.query<QuantifiedRow[]>(
      `SELECT a.id, a.citizen_id, a.district_code, a.methodology_id, v.version, a.grams, a.points, a.supersedes, a.organisation_id
       FROM actions a JOIN methodology_versions v ON v.id = a.methodology_version_id
       WHERE a.status = 'quantified' AND ($3::int = 1 OR (hashtext(a.citizen_id::text) & 2147483647) % $3::int = $2::int)
       ORDER BY a.quantified_at, a.id LIMIT $1
       FOR UPDATE OF a SKIP LOCKED`,
      [limit, lane.lane, lane.lanes],
    );
    return rows.map((r) => ({
      id: r.id,
      citizenId: r.citizen_id,
      districtCode: r.district_code,
      methodologyId: r.methodology_id,
      methodologyVersion: r.version,
      grams: BigInt(r.grams),
      points: BigInt(r.points),
      supersedes: r.supersedes,
      organisationId: r.organisation_id,
    }));
  }

  /** Organisations that earn no points (issue 15): their actions' rows say 0 points. */
  async clearPoints(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length) await manager.query(`UPDATE actions SET points = 0 WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Which of `ids` are settled, with what they were credited and the action that replaces each. */
  async settledAmong(manager: EntityManager, ids: string[]): Promise<SettledReplacement[]> {
    const rows = await manager.query<{ id: string; grams: string; points: string; superseded_by: string }[]>(
      `SELECT id, grams, points, superseded_by FROM actions WHERE id = ANY($1::uuid[]) AND status = 'settled'`,
      [ids],
    );
    return rows.map((r) => ({
      id: r.id,
      grams: BigInt(r.grams),
      points: BigInt(r.points),
      supersededBy: r.superseded_by,
    }));
  }

  /** Marks the actions settled by their postings (`postingIds[i]` settles `ids[i]`). */
  async markSettled(
    manager: EntityManager,
    ids: readonly string[],
    postingIds: readonly (string | undefined)[],
  ): Promise<void> {
    await manager.query(
      `UPDATE actions a SET status = 'settled', posting_id = v.posting_id, settled_at = now(), updated_at = now()
       FROM unnest($1::uuid[], $2::bigint[]) AS v(id, posting_id) WHERE a.id = v.id`,
      [ids, postingIds],
    );
  }
}
