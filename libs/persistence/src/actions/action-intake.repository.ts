import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** An action as received, before the worker quantifies it. */
export interface NewAction {
  citizenId: string;
  districtCode: string;
  methodologyId: string;
  idempotencyKey: string;
  requestHash: string;
  data: unknown;
  evidence: unknown;
  occurredAt: Date;
  interval: { start: Date; end: Date } | null;
}

/** An action's place under its idempotency key. */
export interface KeyedAction {
  id: string;
  status: string;
  idempotencyKey: string;
  requestHash: string;
}

/** One of a citizen's actions, as the citizen sees it. */
export interface CitizenActionDetailRow {
  id: string;
  methodologyId: string;
  version: number | null;
  status: string;
  reasonCode: string | null;
  requestedGrams: string | null;
  grams: string | null;
  capApplied: string | null;
  points: string | null;
  occurredAt: Date;
  receivedAt: Date;
  settledAt: Date | null;
  payload: Record<string, unknown>;
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** The intake side of `actions`: rows written when an action arrives, under its idempotency key. */
@Injectable()
export class ActionIntakeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts the action unless its (scope, key) exists; answers the new row, or undefined. */
  async insertUnlessKeyed(
    manager: EntityManager,
    scope: string,
    source: string,
    action: NewAction,
  ): Promise<{ id: string; status: string } | undefined> {
    const [row] = await manager.query<{ id: string; status: string }[]>(
      `INSERT INTO actions (citizen_id, district_code, methodology_id, source, idempotency_scope, idempotency_key,
                            request_hash, payload, evidence, occurred_at, interval_start, interval_end)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT DO NOTHING
       RETURNING id, status`,
      [
        action.citizenId,
        action.districtCode,
        action.methodologyId,
        source,
        scope,
        action.idempotencyKey,
        action.requestHash,
        JSON.stringify(action.data),
        json(action.evidence),
        action.occurredAt,
        action.interval?.start ?? null,
        action.interval?.end ?? null,
      ],
    );
    return row;
  }

  /**
   * A partner's batch: each action's key is its event id (also its partner_event_id) and its scope
   * and source are the partner's. Rows whose key exists are skipped; answers the new rows' ids by key.
   */
  async insertPushed(
    manager: EntityManager,
    scope: string,
    actions: NewAction[],
  ): Promise<Map<string, string>> {
    const inserted = await manager.query<{ id: string; idempotency_key: string }[]>(
      `INSERT INTO actions (citizen_id, district_code, methodology_id, source, idempotency_scope, idempotency_key,
                            request_hash, payload, evidence, occurred_at, interval_start, interval_end, partner_event_id)
       SELECT c, d, m, $1, $1, k, h, p, e, o, s, f, k
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[],
                   $9::timestamptz[], $10::timestamptz[], $11::timestamptz[]) AS v(c, d, m, k, h, p, e, o, s, f)
       ON CONFLICT DO NOTHING
       RETURNING id, idempotency_key`,
      [
        scope,
        actions.map((a) => a.citizenId),
        actions.map((a) => a.districtCode),
        actions.map((a) => a.methodologyId),
        actions.map((a) => a.idempotencyKey),
        actions.map((a) => a.requestHash),
        actions.map((a) => JSON.stringify(a.data)),
        actions.map((a) => json(a.evidence)),
        actions.map((a) => a.occurredAt),
        actions.map((a) => a.interval?.start ?? null),
        actions.map((a) => a.interval?.end ?? null),
      ],
    );
    return new Map(inserted.map((r) => [r.idempotency_key, r.id]));
  }

  async findByKeys(manager: EntityManager, scope: string, keys: string[]): Promise<Map<string, KeyedAction>> {
    const rows = await manager.query<
      { id: string; status: string; idempotency_key: string; request_hash: string }[]
    >(
      `SELECT id, status, idempotency_key, request_hash FROM actions WHERE idempotency_scope = $1 AND idempotency_key = ANY($2::text[])`,
      [scope, keys],
    );
    return new Map(
      rows.map((r) => [
        r.idempotency_key,
        { id: r.id, status: r.status, idempotencyKey: r.idempotency_key, requestHash: r.request_hash },
      ]),
    );
  }

  async findOfCitizen(citizenId: string, id: string): Promise<CitizenActionDetailRow | undefined> {
    const [row] = await this.dataSource.query<
      {
        id: string;
        methodology_id: string;
        version: number | null;
        status: string;
        reason_code: string | null;
        requested_grams: string | null;
        grams: string | null;
        points: string | null;
        cap_applied: string | null;
        occurred_at: Date;
        received_at: Date;
        settled_at: Date | null;
        payload: Record<string, unknown>;
      }[]
    >(
      `SELECT a.id, a.methodology_id, v.version, a.status, a.reason_code, a.requested_grams, a.grams, a.points, a.cap_applied,
              a.occurred_at, a.received_at, a.settled_at, a.payload
       FROM actions a LEFT JOIN methodology_versions v ON v.id = a.methodology_version_id
       WHERE a.id = $1 AND a.citizen_id = $2`,
      [id, citizenId],
    );
    if (!row) return undefined;
    return {
      id: row.id,
      methodologyId: row.methodology_id,
      version: row.version ?? null,
      status: row.status,
      reasonCode: row.reason_code ?? null,
      requestedGrams: row.requested_grams ?? null,
      grams: row.grams ?? null,
      capApplied: row.cap_applied ?? null,
      points: row.points ?? null,
      occurredAt: row.occurred_at,
      receivedAt: row.received_at,
      settledAt: row.settled_at,
      payload: row.payload,
    };
  }
}
