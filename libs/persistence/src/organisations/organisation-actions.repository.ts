import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

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

export interface OrganisationActionRecord {
  id: string;
  methodologyId: string;
  methodologyVersion: number | null;
  status: string;
  reasonCode: string | null;
  grams: string | null;
  points: string | null;
  /** The member who submitted it; null when a partner pushed it. */
  submittedBy: string | null;
  source: string;
  occurredAt: Date;
  receivedAt: Date;
  settledAt: Date | null;
}

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
      `INSERT INTO actions (organisation_id, submitted_by, district_code, methodology_id, source, idempotency_scope,
                            idempotency_key, request_hash, payload, evidence, occurred_at, interval_start, interval_end)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (idempotency_scope, idempotency_key) DO NOTHING
       RETURNING id, status`,
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
    const [row] = await manager.query<{ id: string; status: string; request_hash: string }[]>(
      `SELECT id, status, request_hash FROM actions WHERE idempotency_scope = $1 AND idempotency_key = $2`,
      [scope, key],
    );
    return row ? { id: row.id, status: row.status, requestHash: row.request_hash } : undefined;
  }

  /** The organisation's actions, newest received first. */
  async list(organisationId: string, limit: number): Promise<OrganisationActionRecord[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        methodology_id: string;
        version: number | null;
        status: string;
        reason_code: string | null;
        grams: string | null;
        points: string | null;
        submitted_by: string | null;
        source: string;
        occurred_at: Date;
        received_at: Date;
        settled_at: Date | null;
      }[]
    >(
      `SELECT a.id, a.methodology_id, v.version, a.status, a.reason_code, a.grams::text, a.points::text, a.submitted_by,
              a.source, a.occurred_at, a.received_at, a.settled_at
       FROM actions a LEFT JOIN methodology_versions v ON v.id = a.methodology_version_id
       WHERE a.organisation_id = $1 ORDER BY a.received_at DESC, a.id DESC LIMIT $2`,
      [organisationId, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      methodologyId: r.methodology_id,
      methodologyVersion: r.version,
      status: r.status,
      reasonCode: r.reason_code,
      grams: r.grams,
      points: r.points,
      submittedBy: r.submitted_by,
      source: r.source,
      occurredAt: r.occurred_at,
      receivedAt: r.received_at,
      settledAt: r.settled_at,
    }));
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
