import { ErrorCode, type InstantRange } from '@app/domain';
import type { AcceptedActionRecord, ActionOutcome, ReceivedAction, UsageRecord } from '@app/methodologies';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

interface ReceivedRow {
  id: string;
  holder_id: string;
  district_code: string;
  methodology_id: string;
  source: string;
  payload: unknown;
  occurred_at: Date;
  interval_start: Date | null;
  interval_end: Date | null;
  replaces: string[] | null;
}

interface AcceptedRow {
  id: string;
  holder_id: string;
  methodology_id: string;
  source: string;
  grams: string | null;
  occurred_at: Date;
  interval_start: Date | null;
  interval_end: Date | null;
  fingerprint: string | null;
  event_subject: string | null;
}

interface UsageRow {
  holder_id: string;
  methodology_id: string;
  day: string;
  self: boolean;
  grams: string;
  ids: string[];
}

/**
 * Whose caps, trips and claims an action counts against (ReceivedAction.holderId): exactly one of
 * the two is set (the actions_one_subject check), so the two kinds of id never mix.
 */
const HOLDER = `coalesce(citizen_id, organisation_id)`;

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

  /** Claims up to `limit` received actions, oldest first, skipping rows another transaction holds. */
  async claimReceived(manager: EntityManager, limit: number): Promise<ReceivedAction[]> {
    const rows = await manager.query<ReceivedRow[]>(
      `SELECT id, ${HOLDER} AS holder_id, district_code, methodology_id, source, payload, occurred_at, interval_start, interval_end, replaces
       FROM actions WHERE status = 'received' ORDER BY received_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => ({
      id: r.id,
      holderId: r.holder_id,
      districtCode: r.district_code,
      methodologyId: r.methodology_id,
      source: r.source,
      payload: r.payload,
      occurredAt: r.occurred_at,
      intervalStart: r.interval_start,
      intervalEnd: r.interval_end,
      replaces: r.replaces,
    }));
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
      `SELECT id, ${HOLDER} AS holder_id, methodology_id, source, grams, occurred_at, interval_start, interval_end, fingerprint, event_subject
       FROM actions
       WHERE status IN ('quantified', 'settled', 'review') AND superseded_by IS NULL
         AND (((citizen_id = ANY($1::uuid[]) OR organisation_id = ANY($1::uuid[])) AND $2::timestamptz IS NOT NULL AND interval_start < $3 AND interval_end > $2)
              OR event_subject = ANY($4::text[]))`,
      [holders, trips?.from ?? null, trips?.to ?? null, subjects],
    );
    return rows.map((r) => ({
      id: r.id,
      holderId: r.holder_id,
      methodologyId: r.methodology_id,
      source: r.source,
      grams: BigInt(r.grams ?? 0),
      occurredAt: r.occurred_at,
      intervalStart: r.interval_start,
      intervalEnd: r.interval_end,
      fingerprint: r.fingerprint,
      eventSubject: r.event_subject,
    }));
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
      `SELECT ${HOLDER} AS holder_id, methodology_id,
              to_char(occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day,
              source = 'self' AS self, sum(grams)::text AS grams, array_agg(id::text ORDER BY occurred_at, id) AS ids
       FROM actions
       WHERE (citizen_id = ANY($1::uuid[]) OR organisation_id = ANY($1::uuid[]))
         AND status IN ('quantified', 'settled', 'review') AND grams > 0
         AND occurred_at >= $2 AND occurred_at < $3
       GROUP BY 1, 2, 3, 4`,
      [holders, range.from, range.to],
    );
    return rows.map((r) => ({
      holderId: r.holder_id,
      methodologyId: r.methodology_id,
      day: r.day,
      self: r.self,
      grams: BigInt(r.grams),
      actionIds: r.ids,
    }));
  }

  /** Stores each action's outcome: its status, reason, amounts, claim and trace. */
  async saveOutcomes(manager: EntityManager, outcomes: readonly ActionOutcome[]): Promise<void> {
    await manager.query(
      `UPDATE actions a SET status = v.status, reason_code = v.reason, methodology_version_id = v.version_id,
              requested_grams = v.requested, grams = v.grams, points = v.points, cap_applied = v.cap,
              points_rule_version = v.rule, fingerprint = v.fingerprint, event_subject = v.subject, supersedes = v.supersedes_text::uuid[], campaign_id = v.campaign, trace = v.trace,
              quantified_at = now(), updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[],
                   $8::text[], $9::int[], $10::text[], $11::jsonb[], $12::text[], $13::uuid[], $14::text[])
            AS v(id, status, reason, version_id, requested, grams, points, cap, rule, fingerprint, trace, supersedes_text, campaign, subject)
       WHERE a.id = v.id`,
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
      `UPDATE actions a SET superseded_by = v.by, updated_at = now(),
              status = CASE WHEN a.status IN ('quantified', 'review') THEN 'rejected' ELSE a.status END,
              reason_code = CASE WHEN a.status IN ('quantified', 'review') THEN $3::text ELSE a.reason_code END,
              grams = CASE WHEN a.status IN ('quantified', 'review') THEN NULL ELSE a.grams END,
              points = CASE WHEN a.status IN ('quantified', 'review') THEN NULL ELSE a.points END
       FROM unnest($1::uuid[], $2::uuid[]) AS v(id, by) WHERE a.id = v.id`,
      [pairs.map((p) => p.replaced), pairs.map((p) => p.by), ErrorCode.Superseded],
    );
  }

  /** Whether any action waits for a worker (the actions_pending index), claimable or not. */
  async workWaiting(): Promise<boolean> {
    const [row] = await this.dataSource.query<{ waiting: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM actions WHERE status IN ('received', 'quantified')) AS waiting`,
    );
    return row.waiting;
  }

  /** Actions left in received/quantified for longer than `staleAfterMs`, the stalest first. */
  async stuckIds(staleAfterMs: number, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM actions
       WHERE status IN ('received', 'quantified') AND updated_at < now() - make_interval(secs => $1::double precision / 1000)
       ORDER BY updated_at LIMIT $2`,
      [staleAfterMs, limit],
    );
    return rows.map((r) => r.id);
  }
}
