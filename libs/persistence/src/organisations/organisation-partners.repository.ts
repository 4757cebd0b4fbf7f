import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { NewOrganisationAction } from './organisation-actions.repository.js';
import {
  ARRIVING_FIELDS,
  actionColumnList,
  actionColumnsOf,
  selectAction,
  type ActionRowOf,
} from '../actions/action-row.js';

const a = actionColumnsOf();
// In the order of the INSERT's SELECT list below.
const PUSHED_COLUMNS = actionColumnList('organisationId', ...ARRIVING_FIELDS, 'partnerEventId');

/** An organisation as a partner's push sees it, found by its 统一社会信用代码. */
export interface PushTarget {
  creditCode: string;
  organisationId: string;
  districtCode: string;
  disabled: boolean;
  /** Whether the bureau let this partner push the organisation's data. */
  authorised: boolean;
}

/** A pushed action: the partner's event id is its idempotency key, under the partner's scope. */
export type PushedOrganisationRow = Omit<
  NewOrganisationAction,
  'source' | 'idempotencyScope' | 'idempotencyKey' | 'submittedBy'
> & {
  eventId: string;
};

/** Which partners may push an organisation's data, and what they push. */
@Injectable()
export class OrganisationPartnersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async partnerExists(partnerId: string): Promise<boolean> {
    return (
      (await this.dataSource.query<unknown[]>(`SELECT 1 FROM partners WHERE id = $1`, [partnerId])).length > 0
    );
  }

  /** Grants a partner the right to push the organisation's data (granting twice keeps the first grant). */
  async grant(organisationId: string, partnerId: string, adminId: string): Promise<{ grantedAt: Date }> {
    await this.dataSource.query(
      `INSERT INTO organisation_partners (organisation_id, partner_id, granted_by) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [organisationId, partnerId, adminId],
    );
    const [row] = await this.dataSource.query<{ granted_at: Date }[]>(
      `SELECT granted_at FROM organisation_partners WHERE organisation_id = $1 AND partner_id = $2`,
      [organisationId, partnerId],
    );
    return { grantedAt: row.granted_at };
  }

  async partnersOf(organisationId: string): Promise<{ partnerId: string; grantedAt: Date }[]> {
    const rows = await this.dataSource.query<{ partner_id: string; granted_at: Date }[]>(
      `SELECT partner_id, granted_at FROM organisation_partners WHERE organisation_id = $1 ORDER BY partner_id`,
      [organisationId],
    );
    return rows.map((r) => ({ partnerId: r.partner_id, grantedAt: r.granted_at }));
  }

  async targets(manager: EntityManager, partnerId: string, creditCodes: string[]): Promise<PushTarget[]> {
    const rows = await manager.query<
      {
        credit_code: string;
        id: string;
        district_code: string;
        disabled: boolean;
        authorised: boolean;
      }[]
    >(
      `SELECT o.credit_code, o.id, o.district_code, o.disabled_at IS NOT NULL AS disabled,
              EXISTS (SELECT 1 FROM organisation_partners g WHERE g.organisation_id = o.id AND g.partner_id = $1) AS authorised
       FROM organisations o WHERE o.credit_code = ANY($2::text[])`,
      [partnerId, creditCodes],
    );
    return rows.map((r) => ({
      creditCode: r.credit_code,
      organisationId: r.id,
      districtCode: r.district_code.trim(),
      disabled: r.disabled,
      authorised: r.authorised,
    }));
  }

  /** Inserts pushed actions under the partner's scope; returns event id → action id for the new ones. */
  async insertPushed(
    manager: EntityManager,
    scope: string,
    rows: PushedOrganisationRow[],
  ): Promise<Map<string, string>> {
    if (!rows.length) return new Map();
    const inserted = await manager.query<ActionRowOf<'id' | 'idempotencyKey'>[]>(
      `INSERT INTO actions (${PUSHED_COLUMNS})
       SELECT g, d, m, $1, $1, k, h, p, e, o, s, f, k
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[],
                   $9::timestamptz[], $10::timestamptz[], $11::timestamptz[]) AS v(g, d, m, k, h, p, e, o, s, f)
       ON CONFLICT DO NOTHING
       RETURNING ${selectAction(null, 'id', 'idempotencyKey')}`,
      [
        scope,
        rows.map((r) => r.organisationId),
        rows.map((r) => r.districtCode),
        rows.map((r) => r.methodologyId),
        rows.map((r) => r.eventId),
        rows.map((r) => r.requestHash),
        rows.map((r) => JSON.stringify(r.payload)),
        rows.map((r) => (r.evidence ? JSON.stringify(r.evidence) : null)),
        rows.map((r) => r.occurredAt),
        rows.map((r) => r.intervalStart),
        rows.map((r) => r.intervalEnd),
      ],
    );
    return new Map(inserted.map((r) => [r.idempotencyKey, r.id]));
  }

  /** Actions pushed earlier under these event ids: their id and request hash. */
  async earlier(
    manager: EntityManager,
    scope: string,
    eventIds: string[],
  ): Promise<Map<string, { id: string; requestHash: string }>> {
    if (!eventIds.length) return new Map();
    const rows = await manager.query<ActionRowOf<'id' | 'idempotencyKey' | 'requestHash'>[]>(
      `SELECT ${selectAction(null, 'id', 'idempotencyKey', 'requestHash')}
       FROM actions WHERE ${a.idempotencyScope} = $1 AND ${a.idempotencyKey} = ANY($2::text[])`,
      [scope, eventIds],
    );
    return new Map(rows.map((r) => [r.idempotencyKey, { id: r.id, requestHash: r.requestHash }]));
  }
}
