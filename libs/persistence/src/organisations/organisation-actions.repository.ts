import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ARRIVING_FIELDS,
  actionColumnList,
  actionColumnsOf,
  selectAction,
  type ActionRowOf,
} from '../actions/action-row.js';

const column = actionColumnsOf();
const a = actionColumnsOf('a');
const ORGANISATION_ACTION_COLUMNS = actionColumnList('organisationId', 'submittedBy', ...ARRIVING_FIELDS);

export interface NewOrganisationAction {
  organisationId: string;
  /** The member who submitted it; null when a partner pushed it. The organisation is its subject. */
  submittedBy: string | null;
  districtCode: string;
  methodologyId: string;
  source: string;
  idempotencyScope: string;
  idempotencyKey: string;
  requestHash: string;
  payload: Record<string, unknown>;
  evidence: Record<string, unknown> | null;
  occurredAt: Date;
  intervalStart: Date | null;
  intervalEnd: Date | null;
}

const LISTED = [
  'id',
  'methodologyId',
  'status',
  'reasonCode',
  'grams',
  'points',
  'source',
  'occurredAt',
  'receivedAt',
  'settledAt',
  'submittedBy',
] as const;

/** submittedBy: the member who submitted it; null when a partner pushed it. */
export type OrganisationActionRecord = ActionRowOf<(typeof LISTED)[number]> & {
  methodologyVersion: number | null;
};

export interface OrganisationEntryRecord {
  postingId: string;
  reason: string;
  causeId: string;
  amount: string;
  balanceAfter: string;
  at: Date;
}

/** An organisation's actions (ordinary rows of `actions` marked with it) and its ledger record. */
@Injectable()
export class OrganisationActionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records a new action; undefined when the (scope, key) is taken already. */
  async insert(
    manager: EntityManager,
    a: NewOrganisationAction,
  ): Promise<{ id: string; status: string } | undefined> {
    const [row] = await manager.query<{ id: string; status: string }[]>(
      `INSERT INTO actions (${ORGANISATION_ACTION_COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT DO NOTHING
       RETURNING ${selectAction(null, 'id', 'status')}`,
      [
        a.organisationId,
        a.submittedBy,
        a.districtCode,
        a.methodologyId,
        a.source,
        a.idempotencyScope,
        a.idempotencyKey,
        a.requestHash,
        JSON.stringify(a.payload),
        a.evidence ? JSON.stringify(a.evidence) : null,
        a.occurredAt,
        a.intervalStart,
        a.intervalEnd,
      ],
    );
    return row;
  }

  async byKey(
    manager: EntityManager,
    scope: string,
    key: string,
  ): Promise<{ id: string; status: string; requestHash: string } | undefined> {
    const [row] = await manager.query<ActionRowOf<'id' | 'status' | 'requestHash'>[]>(
      `SELECT ${selectAction(null, 'id', 'status', 'requestHash')}
       FROM actions WHERE ${column.idempotencyScope} = $1 AND ${column.idempotencyKey} = $2`,
      [scope, key],
    );
    return row;
  }

  /** The organisation's actions, newest received first. */
  async list(organisationId: string, limit: number): Promise<OrganisationActionRecord[]> {
    return this.dataSource.query<OrganisationActionRecord[]>(
      `SELECT ${selectAction('a', ...LISTED)}, v.version AS "methodologyVersion"
       FROM actions a LEFT JOIN methodology_versions v ON v.id = ${a.methodologyVersionId}
       WHERE ${a.organisationId} = $1 ORDER BY ${a.receivedAt} DESC, ${a.id} DESC LIMIT $2`,
      [organisationId, limit],
    );
  }

  /** The balance of one of the organisation's ledger accounts (0 before its first entry). */
  async balance(kind: string, organisationId: string): Promise<bigint> {
    const [row] = await this.dataSource.query<{ balance: string }[]>(
      `SELECT balance::text FROM accounts WHERE kind = $1 AND owner = $2`,
      [kind, organisationId],
    );
    return row ? BigInt(row.balance) : 0n;
  }

  /** The latest entries of one of its accounts, newest first. */
  async entries(kind: string, organisationId: string, limit: number): Promise<OrganisationEntryRecord[]> {
    const rows = await this.dataSource.query<
      {
        posting_id: string;
        reason: string;
        cause_id: string;
        amount: string;
        balance_after: string;
        created_at: Date;
      }[]
    >(
      `SELECT e.posting_id::text, p.reason, p.cause_id, e.amount::text, e.balance_after::text, e.created_at
       FROM accounts acc JOIN ledger_entries e ON e.account_id = acc.id JOIN ledger_postings p ON p.id = e.posting_id
       WHERE acc.kind = $1 AND acc.owner = $2 ORDER BY e.id DESC LIMIT $3`,
      [kind, organisationId, limit],
    );
    return rows.map((r) => ({
      postingId: r.posting_id,
      reason: r.reason,
      causeId: r.cause_id,
      amount: r.amount,
      balanceAfter: r.balance_after,
      at: r.created_at,
    }));
  }
}
