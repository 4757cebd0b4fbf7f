import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ARRIVING_FIELDS,
  actionColumnList,
  actionColumnsOf,
  selectAction,
  type ActionRowOf,
} from './action-row.js';

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
export type KeyedAction = ActionRowOf<'id' | 'status' | 'idempotencyKey' | 'requestHash'>;

const DETAILED = [
  'id',
  'methodologyId',
  'status',
  'reasonCode',
  'requestedGrams',
  'grams',
  'capApplied',
  'points',
  'occurredAt',
  'receivedAt',
  'settledAt',
  'payload',
] as const;

/** One of a citizen's actions, as the citizen sees it. */
export type CitizenActionDetailRow = ActionRowOf<(typeof DETAILED)[number]> & {
  version: number | null;
  payload: Record<string, unknown>;
};

// The columns an arriving action is written with, in the order of the statements' values.
const ARRIVING = actionColumnList('citizenId', ...ARRIVING_FIELDS);
const a = actionColumnsOf();
const aa = actionColumnsOf('a');

/** A jsonb parameter: null stays SQL NULL rather than the JSON text 'null'. */
export const jsonbParam = (value: unknown) =>
  value === null || value === undefined ? null : JSON.stringify(value);

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
  ): Promise<ActionRowOf<'id' | 'status'> | undefined> {
    const [row] = await manager.query<ActionRowOf<'id' | 'status'>[]>(
      `INSERT INTO actions (${ARRIVING})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT DO NOTHING
       RETURNING ${selectAction(null, 'id', 'status')}`,
      [
        action.citizenId,
        action.districtCode,
        action.methodologyId,
        source,
        scope,
        action.idempotencyKey,
        action.requestHash,
        JSON.stringify(action.data),
        jsonbParam(action.evidence),
        action.occurredAt,
        action.interval?.start ?? null,
        action.interval?.end ?? null,
      ],
    );
    return row;
  }

  /**
   * A partner's batch: each action's key is its event id (also its partnerEventId) and its scope
   * and source are the partner's. Rows whose key exists are skipped; answers the new rows' ids by key.
   */
  async insertPushed(
    manager: EntityManager,
    scope: string,
    actions: NewAction[],
  ): Promise<Map<string, string>> {
    const inserted = await manager.query<ActionRowOf<'id' | 'idempotencyKey'>[]>(
      `INSERT INTO actions (${ARRIVING}, ${a.partnerEventId})
       SELECT c, d, m, $1, $1, k, h, p, e, o, s, f, k
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[],
                   $9::timestamptz[], $10::timestamptz[], $11::timestamptz[]) AS v(c, d, m, k, h, p, e, o, s, f)
       ON CONFLICT DO NOTHING
       RETURNING ${selectAction(null, 'id', 'idempotencyKey')}`,
      [
        scope,
        actions.map((a) => a.citizenId),
        actions.map((a) => a.districtCode),
        actions.map((a) => a.methodologyId),
        actions.map((a) => a.idempotencyKey),
        actions.map((a) => a.requestHash),
        actions.map((a) => JSON.stringify(a.data)),
        actions.map((a) => jsonbParam(a.evidence)),
        actions.map((a) => a.occurredAt),
        actions.map((a) => a.interval?.start ?? null),
        actions.map((a) => a.interval?.end ?? null),
      ],
    );
    return new Map(inserted.map((r) => [r.idempotencyKey, r.id]));
  }

  async findByKeys(manager: EntityManager, scope: string, keys: string[]): Promise<Map<string, KeyedAction>> {
    const rows = await manager.query<KeyedAction[]>(
      `SELECT ${selectAction(null, 'id', 'status', 'idempotencyKey', 'requestHash')}
       FROM actions WHERE ${a.idempotencyScope} = $1 AND ${a.idempotencyKey} = ANY($2::text[])`,
      [scope, keys],
    );
    return new Map(rows.map((r) => [r.idempotencyKey, r]));
  }

  async findOfCitizen(citizenId: string, id: string): Promise<CitizenActionDetailRow | undefined> {
    const [row] = await this.dataSource.query<CitizenActionDetailRow[]>(
      `SELECT ${selectAction('a', ...DETAILED)}, v.version
       FROM actions a LEFT JOIN methodology_versions v ON v.id = ${aa.methodologyVersionId}
       WHERE ${aa.id} = $1 AND ${aa.citizenId} = $2`,
      [id, citizenId],
    );
    return row;
  }
}
