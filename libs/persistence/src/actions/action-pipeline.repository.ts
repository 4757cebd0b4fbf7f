import { ErrorCode, type InstantRange } from '@app/domain';
import type { AcceptedActionRecord, ActionOutcome, ReceivedAction, UsageRecord } from '@app/methodologies';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { claimFromQueue } from './action-queue-claim.js';
import { actionColumnsOf, actionHolder, selectAction, type ActionRowOf } from './action-row.js';

const RECEIVED = [
  'id',
  'districtCode',
  'methodologyId',
  'source',
  'payload',
  'occurredAt',
  'intervalStart',
  'intervalEnd',
  'replaces',
] as const;

const ACCEPTED = [
  'id',
  'methodologyId',
  'source',
  'grams',
  'occurredAt',
  'intervalStart',
  'intervalEnd',
  'fingerprint',
  'eventSubject',
] as const;

type AcceptedRow = ActionRowOf<(typeof ACCEPTED)[number]> & { holderId: string };

interface UsageRow {
  holderId: string;
  methodologyId: string;
  day: string;
  self: boolean;
  grams: string;
  ids: string[];
}

const a = actionColumnsOf();
const aa = actionColumnsOf('a');
/** Whose caps, trips and claims an action counts against (ReceivedAction.holderId). */
const HOLDER = actionHolder();

/** An action replaced by a more trusted (or corrected) report of the same event. */
export interface Supersession {
  replaced: string;
  by: string;
}

/**
 * The actions inbox as the worker's quantification sees it: received → quantified | review | rejected.
 * Every write takes the batch's manager; the service owns the transaction.
 */
@Injectable()
export class ActionPipelineRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Claims up to `limit` received actions, oldest first in the queue (migration 1765360000000),
   * skipping actions another transaction holds. The action rows are locked, as every other writer of
   * a status locks them before the queue row its statement's trigger then writes: one lock order, no
   * deadlock. The status is asked again of the locked row, so an action another transaction moved on
   * since this statement's snapshot is skipped, not claimed twice.
   */
  claimReceived(manager: EntityManager, limit: number): Promise<ReceivedAction[]> {
    return manager.query<ReceivedAction[]>(
      `WITH q AS MATERIALIZED (${claimFromQueue('received')})
       SELECT ${selectAction('a', ...RECEIVED)}, ${actionHolder('a')} AS "holderId"
       FROM q JOIN actions a ON ${aa.id} = q.action_id AND ${aa.receivedAt} = q.received_at
       WHERE ${aa.status} = 'received'
       ORDER BY q.queued_at, q.action_id FOR UPDATE OF a SKIP LOCKED`,
      [limit],
    );
  }

  /**
   * Serialises the batches that share a citizen (overlap and caps) or an event subject (the same device
   * or receipt claimed by two citizens in two batches at once). One sorted pass, so batches never deadlock.
   */
  async lockCitizensAndEvents(manager: EntityManager, citizens: string[], subjects: string[]): Promise<void> {
    await manager.query(
      `SELECT pg_advisory_xact_lock(k)
       FROM (SELECT hashtextextended(c, 0) AS k FROM unnest($1::text[]) c
             UNION SELECT hashtextextended('event:' || s, 0) FROM unnest($2::text[]) s ORDER BY 1) keys`,
      [citizens, subjects],
    );
  }

  /**
   * Accepted actions (quantified, settled or in review, not superseded) a batch must not repeat: the
   * citizens' trips within `trips` (the batch's trip window, null when it has no trip), and every
   * claim, by anyone, of the event subjects the batch reports.
   */
  async acceptedEvents(
    manager: EntityManager,
    holders: string[],
    trips: { from: Date; to: Date } | null,
    subjects: string[],
  ): Promise<AcceptedActionRecord[]> {
    const rows = await manager.query<AcceptedRow[]>(
      `SELECT ${selectAction(null, ...ACCEPTED)}, ${HOLDER} AS "holderId"
       FROM actions
       WHERE ${a.status} IN ('quantified', 'settled', 'review') AND ${a.supersededBy} IS NULL
         AND (((${a.citizenId} = ANY($1::uuid[]) OR ${a.organisationId} = ANY($1::uuid[]))
               AND $2::timestamptz IS NOT NULL AND ${a.intervalStart} < $3 AND ${a.intervalEnd} > $2)
              OR ${a.eventSubject} = ANY($4::text[]))`,
      [holders, trips?.from ?? null, trips?.to ?? null, subjects],
    );
    return rows.map((r) => ({ ...r, grams: BigInt(r.grams ?? 0) }));
  }

  /**
   * Grams credited or held for review to the citizens, per methodology, CST day and source kind, for
   * the actions that happened in `range`, with the actions that make them up.
   */
  async creditedUsage(
    manager: EntityManager,
    holders: string[],
    range: InstantRange,
  ): Promise<UsageRecord[]> {
    const rows = await manager.query<UsageRow[]>(
      `SELECT ${HOLDER} AS "holderId", ${selectAction(null, 'methodologyId')},
              to_char(${a.occurredAt} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day,
              ${a.source} = 'self' AS self, sum(${a.grams})::text AS grams,
              array_agg(${a.id}::text ORDER BY ${a.occurredAt}, ${a.id}) AS ids
       FROM actions
       WHERE (${a.citizenId} = ANY($1::uuid[]) OR ${a.organisationId} = ANY($1::uuid[]))
         AND ${a.status} IN ('quantified', 'settled', 'review') AND ${a.grams} > 0
         AND ${a.occurredAt} >= $2 AND ${a.occurredAt} < $3
       GROUP BY 1, 2, 3, 4`,
      [holders, range.from, range.to],
    );
    return rows.map((r) => ({
      holderId: r.holderId,
      methodologyId: r.methodologyId,
      day: r.day,
      self: r.self,
      grams: BigInt(r.grams),
      actionIds: r.ids,
    }));
  }

  /**
   * Stores each action's outcome: its status, reason, amounts, claim and trace. The claimed actions'
   * queue rows give their partition key, so each row is found in its month's partition only.
   */
  async saveOutcomes(manager: EntityManager, outcomes: readonly ActionOutcome[]): Promise<void> {
    await manager.query(
      `UPDATE actions a SET ${a.status} = v.status, ${a.reasonCode} = v.reason, ${a.methodologyVersionId} = v.version_id,
              ${a.requestedGrams} = v.requested, ${a.grams} = v.grams, ${a.points} = v.points, ${a.capApplied} = v.cap,
              ${a.pointsRuleVersion} = v.rule, ${a.fingerprint} = v.fingerprint, ${a.eventSubject} = v.subject,
              ${a.supersedes} = v.supersedes_text::uuid[], ${a.campaignId} = v.campaign, ${a.trace} = v.trace,
              ${a.quantifiedAt} = now(), ${a.updatedAt} = now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[],
                   $8::text[], $9::int[], $10::text[], $11::jsonb[], $12::text[], $13::uuid[], $14::text[])
            AS v(id, status, reason, version_id, requested, grams, points, cap, rule, fingerprint, trace, supersedes_text, campaign, subject)
            JOIN action_queue q ON q.action_id = v.id
       WHERE ${aa.id} = v.id AND ${aa.receivedAt} = q.received_at`,
      [
        outcomes.map((o) => o.id),
        outcomes.map((o) => o.status),
        outcomes.map((o) => o.reason),
        outcomes.map((o) => o.versionId),
        outcomes.map((o) => o.requested),
        outcomes.map((o) => o.grams),
        outcomes.map((o) => o.points),
        outcomes.map((o) => o.cap),
        outcomes.map((o) => o.rule),
        outcomes.map((o) => o.fingerprint),
        outcomes.map((o) => JSON.stringify(o.trace ?? null)),
        outcomes.map((o) => (o.supersedes ? `{${o.supersedes.join(',')}}` : null)),
        outcomes.map((o) => o.campaignId),
        outcomes.map((o) => o.subject),
      ],
    );
  }

  /**
   * Marks what a more trusted report replaces. Not yet settled: rejected as SUPERSEDED, keeping no
   * credited grams or points. Already settled: left settled (the new action posts the difference).
   */
  async supersede(manager: EntityManager, pairs: readonly Supersession[]): Promise<void> {
    await manager.query(
      `UPDATE actions a SET ${a.supersededBy} = v.by, ${a.updatedAt} = now(),
              ${a.status} = CASE WHEN ${aa.status} IN ('quantified', 'review') THEN 'rejected' ELSE ${aa.status} END,
              ${a.reasonCode} = CASE WHEN ${aa.status} IN ('quantified', 'review') THEN $3::text ELSE ${aa.reasonCode} END,
              ${a.grams} = CASE WHEN ${aa.status} IN ('quantified', 'review') THEN NULL ELSE ${aa.grams} END,
              ${a.points} = CASE WHEN ${aa.status} IN ('quantified', 'review') THEN NULL ELSE ${aa.points} END
       FROM unnest($1::uuid[], $2::uuid[]) AS v(id, by) WHERE ${aa.id} = v.id`,
      [pairs.map((p) => p.replaced), pairs.map((p) => p.by), ErrorCode.Superseded],
    );
  }

  /** Whether any action waits for a worker (in the queue's received or quantified stage), claimable or not. */
  async workWaiting(): Promise<boolean> {
    const [row] = await this.dataSource.query<{ waiting: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM action_queue WHERE stage = 'received')
           OR EXISTS (SELECT 1 FROM action_queue WHERE stage = 'quantified') AS waiting`,
    );
    return row.waiting;
  }

  /**
   * Actions left in received/quantified for longer than `staleAfterMs` (since they entered that
   * stage: the queue's `queued_at` is the action's `updated_at` at the move), the stalest first.
   */
  async stuckIds(staleAfterMs: number, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT action_id AS id FROM (
         (SELECT action_id, queued_at FROM action_queue
           WHERE stage = 'received' AND queued_at < now() - make_interval(secs => $1::double precision / 1000)
           ORDER BY queued_at LIMIT $2)
         UNION ALL
         (SELECT action_id, queued_at FROM action_queue
           WHERE stage = 'quantified' AND queued_at < now() - make_interval(secs => $1::double precision / 1000)
           ORDER BY queued_at LIMIT $2)) stuck
       ORDER BY queued_at LIMIT $2`,
      [staleAfterMs, limit],
    );
    return rows.map((r) => r.id);
  }
}
