import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { jsonbParam, type NewAction } from './action-intake.repository.js';
import { ARRIVING_FIELDS, actionColumnList, actionColumnsOf } from './action-row.js';

/** Whose action it is: a citizen's own, or an organisation's submitted by one of its members. */
export type RecordedSubject =
  | { citizenId: string; organisationId?: undefined; submittedBy?: undefined }
  | { citizenId: null; organisationId: string; submittedBy: string };

/** An action to insert together with the idempotency record that answers its key's replays. */
export type RecordedAction = Omit<NewAction, 'citizenId'> &
  RecordedSubject & {
    /** The action row's own idempotency scope (`citizen:<id>`, `organisation:<id>`). */
    scope: string;
    source: string;
    /** The scope of its record in `idempotency_records` (`<scope>:actions`). */
    recordScope: string;
  };

/** What a request answers for an action inserted with its record: 202 with the new row's id and status. */
export const RECORDED_STATUS_CODE = 202;

// The columns an arriving action is written with, in the order of the unnest below.
const ARRIVING = actionColumnList('citizenId', 'organisationId', 'submittedBy', ...ARRIVING_FIELDS);
const a = actionColumnsOf();

/**
 * The ingest hot path: many actions and their idempotency records in ONE autocommit statement, so a
 * batch of requests costs one round trip and one commit instead of four statements each (BEGIN, the
 * action, the record, COMMIT). Each action is written with its record or not at all (one statement
 * is atomic); a row whose (scope, key) exists is skipped, record included, and its request takes the
 * ordinary IdempotencyStore path, which answers the replay or the reused key.
 */
@Injectable()
export class RecordedIntakeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Answers the new rows by index into `actions`; callers must not pass one (scope, key) twice. */
  async insertWithRecords(actions: RecordedAction[]): Promise<Map<number, { id: string; status: string }>> {
    const rows = await this.dataSource.query<{ n: string; id: string; status: string }[]>(
      `WITH v AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                              $8::jsonb[], $9::jsonb[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[],
                              $13::text[], $14::uuid[], $15::uuid[])
                WITH ORDINALITY AS v(c, d, m, src, sc, k, h, p, e, o, s, f, rs, og, sb, n)
       ), inserted AS (
         INSERT INTO actions (${ARRIVING})
         SELECT c, og, sb, d, m, src, sc, k, h, p, e, o, s, f FROM v ORDER BY n
         ON CONFLICT DO NOTHING
         RETURNING ${a.id} AS id, ${a.status} AS status, ${a.idempotencyScope} AS sc, ${a.idempotencyKey} AS k
       ), recorded AS (
         INSERT INTO idempotency_records (scope, key, request_hash, status_code, response)
         SELECT v.rs, v.k, v.h, ${RECORDED_STATUS_CODE}, jsonb_build_object('id', i.id, 'status', i.status)
         FROM inserted i JOIN v ON v.sc = i.sc AND v.k = i.k
       )
       SELECT v.n, i.id, i.status FROM inserted i JOIN v ON v.sc = i.sc AND v.k = i.k`,
      [
        actions.map((a) => a.citizenId),
        actions.map((a) => a.districtCode),
        actions.map((a) => a.methodologyId),
        actions.map((a) => a.source),
        actions.map((a) => a.scope),
        actions.map((a) => a.idempotencyKey),
        actions.map((a) => a.requestHash),
        actions.map((a) => JSON.stringify(a.data)),
        actions.map((a) => jsonbParam(a.evidence)),
        actions.map((a) => a.occurredAt),
        actions.map((a) => a.interval?.start ?? null),
        actions.map((a) => a.interval?.end ?? null),
        actions.map((a) => a.recordScope),
        actions.map((a) => a.organisationId ?? null),
        actions.map((a) => a.submittedBy ?? null),
      ],
    );
    return new Map(rows.map((r) => [Number(r.n) - 1, { id: r.id, status: r.status }]));
  }
}
