import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actionColumnsOf, actionHolder, selectAction, type ActionRowOf } from './action-row.js';

const CLAIMED = [
  'id',
  'citizenId',
  'districtCode',
  'methodologyId',
  'grams',
  'points',
  'supersedes',
  'organisationId',
] as const;

type QuantifiedRow = ActionRowOf<(typeof CLAIMED)[number]> & { version: number };

const a = actionColumnsOf();
const aa = actionColumnsOf('a');
// A lane holds a fixed hash-share of the account holders: the citizen, or the organisation (whose
// actions have no citizen).
const HOLDER = actionHolder('a');

/** The advisory-lock class of settlement lanes (the lane number is the second key). */
const SETTLEMENT_LANE_LOCK = 1_400_014;

/** A quantified action claimed for settlement, with the methodology version it was quantified by. */
export interface QuantifiedAction {
  id: string;
  /** Null exactly when organisationId is set (an action has one subject). */
  citizenId: string | null;
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
      `SELECT ${selectAction('a', ...CLAIMED)}, v.version
       FROM actions a JOIN methodology_versions v ON v.id = ${aa.methodologyVersionId}
       WHERE ${aa.status} = 'quantified'
         AND ($3::int = 1 OR (hashtext(${HOLDER}::text) & 2147483647) % $3::int = $2::int)
       ORDER BY ${aa.quantifiedAt}, ${aa.id} LIMIT $1
       FOR UPDATE OF a SKIP LOCKED`,
      [limit, lane.lane, lane.lanes],
    );
    return rows.map((r) => ({
      id: r.id,
      citizenId: r.citizenId,
      districtCode: r.districtCode,
      methodologyId: r.methodologyId,
      methodologyVersion: r.version,
      // A quantified action always has both (the table's check says so).
      grams: BigInt(r.grams!),
      points: BigInt(r.points!),
      supersedes: r.supersedes,
      organisationId: r.organisationId,
    }));
  }

  /** Organisations that earn no points (issue 15): their actions' rows say 0 points. */
  async clearPoints(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length)
      await manager.query(`UPDATE actions SET ${a.points} = 0 WHERE ${a.id} = ANY($1::uuid[])`, [ids]);
  }

  /** Which of `ids` are settled, with what they were credited and the action that replaces each. */
  async settledAmong(manager: EntityManager, ids: string[]): Promise<SettledReplacement[]> {
    const rows = await manager.query<ActionRowOf<'id' | 'grams' | 'points' | 'supersededBy'>[]>(
      `SELECT ${selectAction(null, 'id', 'grams', 'points', 'supersededBy')}
       FROM actions WHERE ${a.id} = ANY($1::uuid[]) AND ${a.status} = 'settled'`,
      [ids],
    );
    // Settled rows have both amounts, and these are asked for because a later report replaced them.
    return rows.map((r) => ({
      id: r.id,
      grams: BigInt(r.grams!),
      points: BigInt(r.points!),
      supersededBy: r.supersededBy!,
    }));
  }

  /** Marks the actions settled by their postings (`postingIds[i]` settles `ids[i]`). */
  async markSettled(
    manager: EntityManager,
    ids: readonly string[],
    postingIds: readonly (string | undefined)[],
  ): Promise<void> {
    await manager.query(
      `UPDATE actions a SET ${a.status} = 'settled', ${a.postingId} = v.posting_id, ${a.settledAt} = now(), ${a.updatedAt} = now()
       FROM unnest($1::uuid[], $2::bigint[]) AS v(id, posting_id) WHERE ${aa.id} = v.id`,
      [ids, postingIds],
    );
  }
}
