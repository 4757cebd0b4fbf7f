import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actionColumnsOf, selectAction, type ActionRecord, type ActionRowOf } from './action-row.js';

const AUDITED = [
  'id',
  'citizenId',
  'districtCode',
  'methodologyId',
  'source',
  'status',
  'reasonCode',
  'occurredAt',
  'receivedAt',
  'quantifiedAt',
  'settledAt',
  'reviewDecision',
  'reviewNote',
  'reviewedBy',
  'reviewedAt',
  'payload',
  'evidence',
  'trace',
  'requestedGrams',
  'grams',
  'capApplied',
  'points',
  'pointsRuleVersion',
] as const;

type AuditRow = ActionRowOf<(typeof AUDITED)[number]> & {
  version: number | null;
  module_version: number | null;
  version_status: string | null;
  params: unknown;
  effective_from: Date | null;
  effective_to: Date | null;
  region_scope: string[] | null;
  version_source: string | null;
  points_per_gram: string | null;
  reviewer_name: string | null;
};

const a = actionColumnsOf('a');

/** An action with its methodology version, points rule and reviewer: what an audit shows. */
export type ActionAuditRecord = Pick<
  ActionRecord,
  | 'id'
  | 'citizenId'
  | 'districtCode'
  | 'methodologyId'
  | 'source'
  | 'status'
  | 'reasonCode'
  | 'occurredAt'
  | 'receivedAt'
  | 'quantifiedAt'
  | 'settledAt'
  | 'payload'
  | 'evidence'
  | 'trace'
  | 'requestedGrams'
  | 'grams'
  | 'capApplied'
  | 'points'
> & {
  review: {
    decision: string | null;
    note: string | null;
    by: string | null;
    byName: string | null;
    at: Date | null;
  };
  pointsRule: { version: number | null; pointsPerGram: string | null };
  /** null when the action has no methodology version (not quantified). */
  methodologyVersion: {
    version: number;
    moduleVersion: number;
    status: string;
    params: unknown;
    effectiveFrom: Date;
    effectiveTo: Date | null;
    regionScope: string[] | null;
    source: string;
  } | null;
};

/** One ledger entry of a posting an action caused; bigints as decimal strings. */
export interface ActionPostingEntry {
  id: string;
  kind: string;
  owner: string;
  asset: string;
  amount: string;
  balanceAfter: string;
  accountVersion: string;
  idempotencyKey: string;
}

/** The reads behind an action's audit: the action as it was decided, and the ledger entries it caused. */
@Injectable()
export class ActionAuditRepository {
  async find(manager: EntityManager, actionId: string): Promise<ActionAuditRecord | null> {
    const [row] = await manager.query<AuditRow[]>(
      `SELECT ${selectAction('a', ...AUDITED)},
              v.version, v.module_version, v.status AS version_status, v.params, v.effective_from, v.effective_to,
              v.region_scope, v.source AS version_source, r.points_per_gram, ad.username AS reviewer_name
       FROM actions a
       LEFT JOIN methodology_versions v ON v.id = ${a.methodologyVersionId}
       LEFT JOIN points_rules r ON r.version = ${a.pointsRuleVersion}
       LEFT JOIN admins ad ON ad.id = ${a.reviewedBy}
       WHERE ${a.id} = $1`,
      [actionId],
    );
    if (!row) return null;
    return {
      id: row.id,
      citizenId: row.citizenId,
      districtCode: row.districtCode,
      methodologyId: row.methodologyId,
      source: row.source,
      status: row.status,
      reasonCode: row.reasonCode,
      occurredAt: row.occurredAt,
      receivedAt: row.receivedAt,
      quantifiedAt: row.quantifiedAt,
      settledAt: row.settledAt,
      review: {
        decision: row.reviewDecision,
        note: row.reviewNote,
        by: row.reviewedBy,
        byName: row.reviewer_name ?? null,
        at: row.reviewedAt,
      },
      payload: row.payload,
      evidence: row.evidence,
      trace: row.trace,
      requestedGrams: row.requestedGrams,
      grams: row.grams,
      capApplied: row.capApplied,
      points: row.points,
      pointsRule: { version: row.pointsRuleVersion, pointsPerGram: row.points_per_gram },
      methodologyVersion:
        row.version === null
          ? null
          : {
              version: row.version,
              moduleVersion: row.module_version!,
              status: row.version_status!,
              params: row.params,
              effectiveFrom: row.effective_from!,
              effectiveTo: row.effective_to,
              regionScope: row.region_scope,
              source: row.version_source!,
            },
    };
  }

  /**
   * The month ('YYYY-MM') of the action's settlement posting when that ledger month is archived (its
   * entries are out of the database until it is restored); null otherwise.
   */
  async archivedPostingMonth(manager: EntityManager, actionId: string): Promise<string | null> {
    const [row] = await manager.query<{ month: string }[]>(
      `SELECT to_char(m.month, 'YYYY-MM') AS month
         FROM actions a
         JOIN ledger_posting_keys k ON k.id = ${a.postingId}
         JOIN ledger_archived_months m ON k.created_at >= m.starts_at AND k.created_at < m.ends_at
        WHERE ${a.id} = $1`,
      [actionId],
    );
    return row?.month ?? null;
  }

  /** The ledger entries of the postings the action caused, in entry order. */
  postings(manager: EntityManager, actionId: string): Promise<ActionPostingEntry[]> {
    return manager.query<ActionPostingEntry[]>(
      `SELECT e.id::text AS id, a.kind, a.owner, e.asset, e.amount::text AS amount, e.balance_after::text AS "balanceAfter",
              e.account_version::text AS "accountVersion", p.idempotency_key AS "idempotencyKey"
       FROM ledger_postings p JOIN ledger_entries e ON e.posting_id = p.id JOIN accounts a ON a.id = e.account_id
       WHERE p.cause_type = 'action' AND p.cause_id = $1 ORDER BY e.id`,
      [actionId],
    );
  }
}
