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
  /** Set while the member is removed (re-adding clears it). */
  removedAt: Date | null;
}

/** One change to an organisation's members, as the append-only history keeps it. */
export interface MemberEventRecord {
  citizenId: string;
  event: string;
  role: string;
  adminId: string;
  at: Date;
}

interface MemberRow {
  organisation_id: string;
  citizen_id: string;
  role: string;
  added_at: Date;
  removed_at: Date | null;
}

const toMember = (r: MemberRow): OrganisationMemberRecord => ({
  organisationId: r.organisation_id,
  citizenId: r.citizen_id,
  role: r.role,
  addedAt: r.added_at,
  removedAt: r.removed_at,
});

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
  (SELECT count(*) FROM organisation_members m WHERE m.organisation_id = o.id AND m.removed_at IS NULL)::text AS members`;

const MEMBER_COLUMNS = `organisation_id, citizen_id, role, added_at, removed_at`;

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
    // An UPDATE answers [rows, count].
    const [, disabled] = await this.dataSource.query<[{ id: string }[], number]>(
      `UPDATE organisations SET disabled_at = now(), disabled_by = $2 WHERE id = $1 AND disabled_at IS NULL RETURNING id`,
      [id, adminId],
    );
    return disabled > 0;
  }

  async citizenExists(citizenId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM citizens WHERE id = $1 AND deleted_at IS NULL`,
      [citizenId],
    );
    return rows.length > 0;
  }

  /**
   * Adds a member, re-adds a removed one, or changes a member's role, with an entry in the member
   * history for each change (setting the role a member has already changes nothing and records nothing).
   */
  async upsertMember(m: {
    organisationId: string;
    citizenId: string;
    role: string;
    addedBy: string;
  }): Promise<OrganisationMemberRecord> {
    return this.dataSource.transaction(async (manager) => {
      const [before] = await manager.query<MemberRow[]>(
        `SELECT ${MEMBER_COLUMNS} FROM organisation_members WHERE organisation_id = $1 AND citizen_id = $2 FOR UPDATE`,
        [m.organisationId, m.citizenId],
      );
      const event = !before
        ? 'added'
        : before.removed_at
          ? 're-added'
          : before.role !== m.role
            ? 'role-changed'
            : undefined;
      const [row] = await manager.query<MemberRow[]>(
        `INSERT INTO organisation_members (organisation_id, citizen_id, role, added_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (organisation_id, citizen_id) DO UPDATE SET role = EXCLUDED.role,
           added_at = CASE WHEN organisation_members.removed_at IS NULL THEN organisation_members.added_at ELSE now() END,
           added_by = CASE WHEN organisation_members.removed_at IS NULL THEN organisation_members.added_by ELSE EXCLUDED.added_by END,
           removed_at = NULL, removed_by = NULL
         RETURNING ${MEMBER_COLUMNS}`,
        [m.organisationId, m.citizenId, m.role, m.addedBy],
      );
      if (event) await this.recordEvent(manager, m.organisationId, m.citizenId, event, m.role, m.addedBy);
      return toMember(row);
    });
  }

  /** Removes an active member; undefined when the citizen is not one (never added, or removed already). */
  async removeMember(
    organisationId: string,
    citizenId: string,
    adminId: string,
  ): Promise<OrganisationMemberRecord | undefined> {
    return this.dataSource.transaction(async (manager) => {
      // An UPDATE answers [rows, count].
      const [[row]] = await manager.query<[MemberRow[], number]>(
        `UPDATE organisation_members SET removed_at = now(), removed_by = $3
         WHERE organisation_id = $1 AND citizen_id = $2 AND removed_at IS NULL
         RETURNING ${MEMBER_COLUMNS}`,
        [organisationId, citizenId, adminId],
      );
      if (!row) return undefined;
      await this.recordEvent(manager, organisationId, citizenId, 'removed', row.role, adminId);
      return toMember(row);
    });
  }

  /** Members, current and removed, in the order they were added. */
  async members(organisationId: string): Promise<OrganisationMemberRecord[]> {
    const rows = await this.dataSource.query<MemberRow[]>(
      `SELECT ${MEMBER_COLUMNS} FROM organisation_members
       WHERE organisation_id = $1 ORDER BY added_at, citizen_id`,
      [organisationId],
    );
    return rows.map(toMember);
  }

  /** The member history, oldest first. */
  async memberEvents(organisationId: string): Promise<MemberEventRecord[]> {
    const rows = await this.dataSource.query<
      { citizen_id: string; event: string; role: string; admin_id: string; at: Date }[]
    >(
      `SELECT citizen_id, event, role, admin_id, at FROM organisation_member_events
       WHERE organisation_id = $1 ORDER BY id`,
      [organisationId],
    );
    return rows.map((r) => ({
      citizenId: r.citizen_id,
      event: r.event,
      role: r.role,
      adminId: r.admin_id,
      at: r.at,
    }));
  }

  /** A citizen's standing in an organisation: their role and whether they were removed; undefined if never a member. */
  async membershipOf(
    organisationId: string,
    citizenId: string,
  ): Promise<{ role: string; removed: boolean } | undefined> {
    const [row] = await this.dataSource.query<{ role: string; removed: boolean }[]>(
      `SELECT role, removed_at IS NOT NULL AS removed FROM organisation_members WHERE organisation_id = $1 AND citizen_id = $2`,
      [organisationId, citizenId],
    );
    return row;
  }

  private async recordEvent(
    manager: EntityManager,
    organisationId: string,
    citizenId: string,
    event: string,
    role: string,
    adminId: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO organisation_member_events (organisation_id, citizen_id, event, role, admin_id) VALUES ($1, $2, $3, $4, $5)`,
      [organisationId, citizenId, event, role, adminId],
    );
  }

  async membershipsOf(citizenId: string): Promise<MembershipRecord[]> {
    const rows = await this.dataSource.query<(OrganisationRow & { role: string })[]>(
      `SELECT ${ORGANISATION_COLUMNS}, m.role FROM organisation_members m
       JOIN organisations o ON o.id = m.organisation_id
       WHERE m.citizen_id = $1 AND m.removed_at IS NULL ORDER BY o.name, o.id`,
      [citizenId],
    );
    return rows.map((r) => ({ organisation: toOrganisation(r), role: r.role }));
  }
}
