import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { claimFromQueue } from './action-queue-claim.js';
import { actionColumnsOf, selectAction, type ActionRowOf } from './action-row.js';

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

type QuantifiedRow = ActionRowOf<(typeof CLAIMED)[number]> & { version: number; receivedAt: string };

const a = actionColumnsOf();
const aa = actionColumnsOf('a');

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
  /**
   * The partition key, as PostgreSQL's text (a Date would lose its microseconds): with the id, the
   * whole primary key the settled update finds the row by.
   */
  receivedAt: string;
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
   * Claims up to `limit` quantified actions, oldest first in the queue (migration 1765360000000),
   * skipping actions another transaction holds; with a lane, only actions of the holders in that lane
   * (the queue's `holder_hash`: a fixed hash of the citizen, or of the organisation for its own
   * actions, so one holder's actions are always settled by the lane that holds their accounts). As in
   * the quantification claim, the action rows are locked and their status asked again once locked.
   */
  async claimQuantified(
    manager: EntityManager,
    limit: number,
    lane: { lane: number; lanes: number } = { lane: 0, lanes: 1 },
  ): Promise<QuantifiedAction[]> {
    const rows = await manager.query<QuantifiedRow[]>(
      `WITH q AS MATERIALIZED (${claimFromQueue('quantified', '($3::int = 1 OR q.holder_hash % $3::int = $2::int)')})
       SELECT ${selectAction('a', ...CLAIMED)}, v.version, q.received_at::text AS "receivedAt"
       FROM q
       JOIN actions a ON ${aa.id} = q.action_id AND ${aa.receivedAt} = q.received_at
       JOIN methodology_versions v ON v.id = ${aa.methodologyVersionId}
       WHERE ${aa.status} = 'quantified'
       ORDER BY q.queued_at, q.action_id
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
      receivedAt: r.receivedAt,
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

  /**
   * Marks the actions settled by their postings (`postingIds[i]` settles `actions[i]`), each found by
   * its whole key (one month's partition). No column it sets is indexed, so on a page with room the
   * update is HOT; the statement's trigger removes the queue rows.
   */
  async markSettled(
    manager: EntityManager,
    actions: readonly Pick<QuantifiedAction, 'id' | 'receivedAt'>[],
    postingIds: readonly (string | undefined)[],
  ): Promise<void> {
    const [, updated] = await manager.query<[unknown[], number]>(
      `UPDATE actions a SET ${a.status} = 'settled', ${a.postingId} = v.posting_id, ${a.settledAt} = now(), ${a.updatedAt} = now()
       FROM unnest($1::uuid[], $2::timestamptz[], $3::bigint[]) AS v(id, received_at, posting_id)
       WHERE ${aa.id} = v.id AND ${aa.receivedAt} = v.received_at`,
      [actions.map((r) => r.id), actions.map((r) => r.receivedAt), postingIds],
    );
    // A claimed action not found by its key would stay quantified and be claimed again, forever.
    if (updated !== actions.length)
      throw new Error(`marked ${updated} of ${actions.length} claimed actions settled`);
  }
}
