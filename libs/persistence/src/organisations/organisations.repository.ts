import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface OrganisationRecord {
  id: string;
  name: string;
  creditCode: string;
  districtCode: string;
  kind: string;
  createdAt: Date;
  disabledAt: Date | null;
  members: number;
}

export interface OrganisationMemberRecord {
  organisationId: string;
  citizenId: string;
  role: string;
  addedAt: Date;
}

export interface MembershipRecord {
  organisation: OrganisationRecord;
  role: string;
}

interface OrganisationRow {
  id: string;
  name: string;
  credit_code: string;
  district_code: string;
  kind: string;
  created_at: Date;
  disabled_at: Date | null;
  members: string;
}

const ORGANISATION_COLUMNS = `o.id, o.name, o.credit_code, o.district_code, o.kind, o.created_at, o.disabled_at,
  (SELECT count(*) FROM organisation_members m WHERE m.organisation_id = o.id)::text AS members`;

const toOrganisation = (r: OrganisationRow): OrganisationRecord => ({
  id: r.id,
  name: r.name,
  creditCode: r.credit_code,
  districtCode: r.district_code.trim(),
  kind: r.kind,
  createdAt: r.created_at,
  disabledAt: r.disabled_at,
  members: Number(r.members),
});

/** Organisations (issue 15) and the citizens who act for them. */
@Injectable()
export class OrganisationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts an organisation; undefined when its credit code is registered already. */
  async insert(o: {
    name: string;
    creditCode: string;
    districtCode: string;
    kind: string;
    createdBy: string;
  }): Promise<OrganisationRecord | undefined> {
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO organisations (name, credit_code, district_code, kind, created_by)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (credit_code) DO NOTHING RETURNING id`,
      [o.name, o.creditCode, o.districtCode, o.kind, o.createdBy],
    );
    return row ? this.find(row.id) : undefined;
  }

  async find(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrganisationRecord | undefined> {
    const [row] = await manager.query<OrganisationRow[]>(
      `SELECT ${ORGANISATION_COLUMNS} FROM organisations o WHERE o.id = $1`,
      [id],
    );
    return row ? toOrganisation(row) : undefined;
  }

  async findByCreditCode(creditCode: string): Promise<OrganisationRecord | undefined> {
    const [row] = await this.dataSource.query<OrganisationRow[]>(
      `SELECT ${ORGANISATION_COLUMNS} FROM organisations o WHERE o.credit_code = $1`,
      [creditCode],
    );
    return row ? toOrganisation(row) : undefined;
  }

  async list(filter: {
    kind?: string;
    districtCode?: string;
    active?: boolean;
  }): Promise<OrganisationRecord[]> {
    const rows = await this.dataSource.query<OrganisationRow[]>(
      `SELECT ${ORGANISATION_COLUMNS} FROM organisations o
       WHERE ($1::text IS NULL OR o.kind = $1)
         AND ($2::text IS NULL OR o.district_code = $2)
         AND ($3::boolean IS NULL OR (o.disabled_at IS NULL) = $3)
       ORDER BY o.created_at DESC, o.id DESC LIMIT 500`,
      [filter.kind ?? null, filter.districtCode ?? null, filter.active ?? null],
    );
    return rows.map(toOrganisation);
  }

  /** Disables an active organisation; false when it was disabled already (the first disabling stands). */
  async disable(id: string, adminId: string): Promise<boolean> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `UPDATE organisations SET disabled_at = now(), disabled_by = $2 WHERE id = $1 AND disabled_at IS NULL RETURNING id`,
      [id, adminId],
    );
    return rows.length > 0;
  }

  async citizenExists(citizenId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM citizens WHERE id = $1 AND deleted_at IS NULL`,
      [citizenId],
    );
    return rows.length > 0;
  }

  /** Adds a member, or changes the role of one already there. */
  async upsertMember(m: {
    organisationId: string;
    citizenId: string;
    role: string;
    addedBy: string;
  }): Promise<OrganisationMemberRecord> {
    const [row] = await this.dataSource.query<
      { organisation_id: string; citizen_id: string; role: string; added_at: Date }[]
    >(
      `INSERT INTO organisation_members (organisation_id, citizen_id, role, added_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organisation_id, citizen_id) DO UPDATE SET role = EXCLUDED.role
       RETURNING organisation_id, citizen_id, role, added_at`,
      [m.organisationId, m.citizenId, m.role, m.addedBy],
    );
    return {
      organisationId: row.organisation_id,
      citizenId: row.citizen_id,
      role: row.role,
      addedAt: row.added_at,
    };
  }

  async members(organisationId: string): Promise<OrganisationMemberRecord[]> {
    const rows = await this.dataSource.query<
      { organisation_id: string; citizen_id: string; role: string; added_at: Date }[]
    >(
      `SELECT organisation_id, citizen_id, role, added_at FROM organisation_members
       WHERE organisation_id = $1 ORDER BY added_at, citizen_id`,
      [organisationId],
    );
    return rows.map((r) => ({
      organisationId: r.organisation_id,
      citizenId: r.citizen_id,
      role: r.role,
      addedAt: r.added_at,
    }));
  }

  /** A citizen's role in an organisation, or undefined when they are not a member. */
  async roleOf(organisationId: string, citizenId: string): Promise<string | undefined> {
    const [row] = await this.dataSource.query<{ role: string }[]>(
      `SELECT role FROM organisation_members WHERE organisation_id = $1 AND citizen_id = $2`,
      [organisationId, citizenId],
    );
    return row?.role;
  }

  async membershipsOf(citizenId: string): Promise<MembershipRecord[]> {
    const rows = await this.dataSource.query<(OrganisationRow & { role: string })[]>(
      `SELECT ${ORGANISATION_COLUMNS}, m.role FROM organisation_members m
       JOIN organisations o ON o.id = m.organisation_id
       WHERE m.citizen_id = $1 ORDER BY o.name, o.id`,
      [citizenId],
    );
    return rows.map((r) => ({ organisation: toOrganisation(r), role: r.role }));
  }
}
