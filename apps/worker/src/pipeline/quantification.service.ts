import { APP_CONFIG, type AppConfig } from '@app/config';
import { MethodologyCatalog } from '@app/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AcceptedEvents } from './accepted-events.js';
import { assessReceived, decideAction, type ReceivedAction } from './decide-action.js';
import { UsageLedger } from './usage-ledger.js';

/**
 * received → quantified | review | rejected, a batch per transaction. Rows are claimed with SKIP
 * LOCKED so workers never take the same action; citizens and event subjects are serialised with
 * advisory locks (taken in one order) so overlap, duplicate and cap checks see every earlier action
 * of the same citizen, and every earlier claim of the same device, receipt or unit.
 */
@Injectable()
export class QuantificationService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: MethodologyCatalog,
  ) {}

  /** Returns how many actions it moved. */
  async quantifyBatch(): Promise<number> {
    const snapshot = await this.catalog.get(0);
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<ReceivedAction[]>(
        `SELECT id, citizen_id, district_code, methodology_id, source, payload, occurred_at, interval_start, interval_end, replaces
         FROM actions WHERE status = 'received' ORDER BY received_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.config.worker.batchSize],
      );
      if (!rows.length) return 0;
      const context = { versions: snapshot.versions, factors: snapshot.factors };
      const assessed = rows.map((row) => assessReceived(row, context));
      const citizens = [...new Set(rows.map((r) => r.citizen_id))];
      const subjects = [...new Set(assessed.flatMap((a) => (a.subject ? [a.subject] : [])))];
      await lockCitizensAndEvents(manager, citizens, subjects);
      const events = await AcceptedEvents.load(manager, citizens, rows, subjects);
      const usage = await UsageLedger.load(
        manager,
        citizens,
        rows.map((r) => r.occurred_at),
      );
      const outcomes = rows.map((row, i) =>
        decideAction(row, assessed[i], snapshot.pointsRules, snapshot.campaigns, events, usage),
      );
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
      // After the batch's own update: an action superseded within the same batch is quantified by now.
      await this.supersede(manager, outcomes);
      return rows.length;
    });
  }

  /**
   * Marks what a more trusted report replaces. Not yet settled: rejected as superseded (it will never
   * be credited, so it keeps no credited grams or points). Already settled: left settled, and the new action's settlement posts only the
   * difference. A row being settled right now is waited for, then seen as settled.
   */
  private async supersede(
    manager: EntityManager,
    outcomes: { id: string; supersedes: string[] | null }[],
  ): Promise<void> {
    const pairs = outcomes.flatMap((o) => (o.supersedes ?? []).map((replaced) => [replaced, o.id] as const));
    if (!pairs.length) return;
    await manager.query(
      `UPDATE actions a SET superseded_by = v.by, updated_at = now(),
              status = CASE WHEN a.status IN ('quantified', 'review') THEN 'rejected' ELSE a.status END,
              reason_code = CASE WHEN a.status IN ('quantified', 'review') THEN 'SUPERSEDED' ELSE a.reason_code END,
              grams = CASE WHEN a.status IN ('quantified', 'review') THEN NULL ELSE a.grams END,
              points = CASE WHEN a.status IN ('quantified', 'review') THEN NULL ELSE a.points END
       FROM unnest($1::uuid[], $2::uuid[]) AS v(id, by) WHERE a.id = v.id`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
  }
}

/**
 * Serialises the batches that share a citizen (overlap and caps) or an event subject (the same device
 * or receipt claimed by two citizens in two batches at once). One sorted pass, so batches never deadlock.
 */
async function lockCitizensAndEvents(
  manager: EntityManager,
  citizens: string[],
  subjects: string[],
): Promise<void> {
  await manager.query(
    `SELECT pg_advisory_xact_lock(k)
     FROM (SELECT hashtextextended(c, 0) AS k FROM unnest($1::text[]) c
           UNION SELECT hashtextextended('event:' || s, 0) FROM unnest($2::text[]) s ORDER BY 1) keys`,
    [citizens, subjects],
  );
}
