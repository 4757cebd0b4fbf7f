import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

interface AuditRow {
  id: string;
  citizen_id: string | null;
  district_code: string;
  methodology_id: string;
  source: string;
  status: string;
  reason_code: string | null;
  occurred_at: Date;
  received_at: Date;
  quantified_at: Date | null;
  settled_at: Date | null;
  review_decision: string | null;
  review_note: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  reviewer_name: string | null;
  payload: unknown;
  evidence: unknown;
  trace: unknown;
  requested_grams: string | null;
  grams: string | null;
  cap_applied: string | null;
  points: string | null;
  points_rule_version: number | null;
  points_per_gram: string | null;
  version: number | null;
  module_version: number | null;
  version_status: string | null;
  params: unknown;
  effective_from: Date | null;
  effective_to: Date | null;
  region_scope: string[] | null;
  version_source: string | null;
}

/** An action with its methodology version, points rule and reviewer: what an audit shows. */
export interface ActionAuditRecord {
  id: string;
  /** Null for an organisation's action. */
  citizenId: string | null;
  districtCode: string;
  methodologyId: string;
  source: string;
  status: string;
  reasonCode: string | null;
  occurredAt: Date;
  receivedAt: Date;
  quantifiedAt: Date | null;
  settledAt: Date | null;
  review: {
    decision: string | null;
    note: string | null;
    by: string | null;
    byName: string | null;
    at: Date | null;
  };
  payload: unknown;
  evidence: unknown;
  trace: unknown;
  /** bigints as decimal strings */
  requestedGrams: string | null;
  grams: string | null;
  capApplied: string | null;
  points: string | null;
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
}

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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(actionId: string): Promise<ActionAuditRecord | null> {
    const [row] = await this.dataSource.query<AuditRow[]>(
      `SELECT a.id, a.citizen_id, a.district_code, a.methodology_id, a.source, a.status, a.reason_code,
              a.occurred_at, a.received_at, a.quantified_at, a.settled_at,
              a.review_decision, a.review_note, a.reviewed_by, a.reviewed_at,
              a.payload, a.evidence, a.trace, a.requested_grams, a.grams, a.cap_applied, a.points,
              a.points_rule_version,
              v.version, v.module_version, v.status AS version_status, v.params, v.effective_from, v.effective_to,
              v.region_scope, v.source AS version_source, r.points_per_gram, ad.username AS reviewer_name
       FROM actions a
       LEFT JOIN methodology_versions v ON v.id = a.methodology_version_id
       LEFT JOIN points_rules r ON r.version = a.points_rule_version
       LEFT JOIN admins ad ON ad.id = a.reviewed_by
       WHERE a.id = $1`,
      [actionId],
    );
    if (!row) return null;
    return {
      id: row.id,
      citizenId: row.citizen_id,
      districtCode: row.district_code,
      methodologyId: row.methodology_id,
      source: row.source,
      status: row.status,
      reasonCode: row.reason_code,
      occurredAt: row.occurred_at,
      receivedAt: row.received_at,
      quantifiedAt: row.quantified_at,
      settledAt: row.settled_at,
      review: {
        decision: row.review_decision,
        note: row.review_note,
        by: row.reviewed_by,
        byName: row.reviewer_name ?? null,
        at: row.reviewed_at,
      },
      payload: row.payload,
      evidence: row.evidence,
      trace: row.trace,
      requestedGrams: row.requested_grams,
      grams: row.grams,
      capApplied: row.cap_applied,
      points: row.points,
      pointsRule: { version: row.points_rule_version, pointsPerGram: row.points_per_gram },
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

  /** The ledger entries of the postings the action caused, in entry order. */
  postings(actionId: string): Promise<ActionPostingEntry[]> {
    return this.dataSource.query<ActionPostingEntry[]>(
      `SELECT e.id::text AS id, a.kind, a.owner, e.asset, e.amount::text AS amount, e.balance_after::text AS "balanceAfter",
              e.account_version::text AS "accountVersion", p.idempotency_key AS "idempotencyKey"
       FROM ledger_postings p JOIN ledger_entries e ON e.posting_id = p.id JOIN accounts a ON a.id = e.account_id
       WHERE p.cause_type = 'action' AND p.cause_id = $1 ORDER BY e.id`,
      [actionId],
    );
  }
}
