import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface InventoryLineRecord {
  lineNo: number;
  scope: 1 | 2 | 3;
  source: string;
  activity: string;
  activityUnit: string;
  factor: string;
  factorSource: string;
  grams: bigint;
}

export interface InventoryRecord {
  id: string;
  organisationId: string;
  year: number;
  /** 1 as first recorded; each correction adds one. */
  revision: number;
  /** Why it was corrected (null for revision 1). */
  correctionNote: string | null;
  totalGrams: bigint;
  recordedAt: Date;
  lines: InventoryLineRecord[];
}

/** One revision of a year's inventory, as the history lists it. */
export interface InventoryRevisionRecord {
  revision: number;
  totalGrams: bigint;
  correctionNote: string | null;
  recordedAt: Date;
}

export interface LinkedRetirementRecord {
  id: string;
  serial: string;
  region: string;
  grams: bigint;
  purpose: string;
  beneficiary: string | null;
  retiredAt: Date;
}

/** Public institutions' annual inventories and the retirements made against them. */
@Injectable()
export class EmissionInventoriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records a year's inventory and its lines: revision 1, or (with a correction note) the revision
   * after `correcting`. Undefined when that revision exists already (the year recorded, or corrected
   * by someone else meanwhile).
   */
  async insert(
    manager: EntityManager,
    inventory: { organisationId: string; year: number; totalGrams: bigint; recordedBy: string },
    lines: Omit<InventoryLineRecord, 'lineNo'>[],
    correction?: { correcting: number; note: string },
  ): Promise<string | undefined> {
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO emission_inventories (organisation_id, year, total_grams, recorded_by, revision, correction_note)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (organisation_id, year, revision) DO NOTHING RETURNING id`,
      [
        inventory.organisationId,
        inventory.year,
        inventory.totalGrams.toString(),
        inventory.recordedBy,
        correction ? correction.correcting + 1 : 1,
        correction?.note ?? null,
      ],
    );
    if (!row) return undefined;
    await manager.query(
      `INSERT INTO emission_inventory_lines (inventory_id, line_no, scope, source, activity, activity_unit, factor, factor_source, grams)
       SELECT $1, n, s, src, a, au, f, fs, g
       FROM unnest($2::int[], $3::smallint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bigint[])
         AS v(n, s, src, a, au, f, fs, g)`,
      [
        row.id,
        lines.map((_, i) => i + 1),
        lines.map((l) => l.scope),
        lines.map((l) => l.source),
        lines.map((l) => l.activity),
        lines.map((l) => l.activityUnit),
        lines.map((l) => l.factor),
        lines.map((l) => l.factorSource),
        lines.map((l) => l.grams.toString()),
      ],
    );
    return row.id;
  }

  /** The revisions of a year, first to latest. */
  async revisions(organisationId: string, year: number): Promise<InventoryRevisionRecord[]> {
    const rows = await this.dataSource.query<
      { revision: number; total_grams: string; correction_note: string | null; recorded_at: Date }[]
    >(
      `SELECT revision, total_grams::text, correction_note, recorded_at FROM emission_inventories
       WHERE organisation_id = $1 AND year = $2 ORDER BY revision`,
      [organisationId, year],
    );
    return rows.map((r) => ({
      revision: r.revision,
      totalGrams: BigInt(r.total_grams),
      correctionNote: r.correction_note,
      recordedAt: r.recorded_at,
    }));
  }

  /** The latest revision of a year's inventory. */
  async find(organisationId: string, year: number): Promise<InventoryRecord | undefined> {
    const [row] = await this.dataSource.query<
      {
        id: string;
        organisation_id: string;
        year: number;
        revision: number;
        correction_note: string | null;
        total_grams: string;
        recorded_at: Date;
      }[]
    >(
      `SELECT id, organisation_id, year, revision, correction_note, total_grams::text, recorded_at
       FROM emission_inventories WHERE organisation_id = $1 AND year = $2 ORDER BY revision DESC LIMIT 1`,
      [organisationId, year],
    );
    if (!row) return undefined;
    const lines = await this.dataSource.query<
      {
        line_no: number;
        scope: number;
        source: string;
        activity: string;
        activity_unit: string;
        factor: string;
        factor_source: string;
        grams: string;
      }[]
    >(
      `SELECT line_no, scope, source, activity, activity_unit, factor, factor_source, grams::text
       FROM emission_inventory_lines WHERE inventory_id = $1 ORDER BY line_no`,
      [row.id],
    );
    return {
      id: row.id,
      organisationId: row.organisation_id,
      year: row.year,
      revision: row.revision,
      correctionNote: row.correction_note,
      totalGrams: BigInt(row.total_grams),
      recordedAt: row.recorded_at,
      lines: lines.map((l) => ({
        lineNo: l.line_no,
        scope: l.scope as 1 | 2 | 3,
        source: l.source,
        activity: l.activity,
        activityUnit: l.activity_unit,
        factor: l.factor,
        factorSource: l.factor_source,
        grams: BigInt(l.grams),
      })),
    };
  }

  /** The inventory years an organisation has recorded, newest first. */
  async years(organisationId: string): Promise<number[]> {
    const rows = await this.dataSource.query<{ year: number }[]>(
      `SELECT DISTINCT year FROM emission_inventories WHERE organisation_id = $1 ORDER BY year DESC`,
      [organisationId],
    );
    return rows.map((r) => r.year);
  }

  /** The retirements linked to any revision of a year's inventory, oldest first. */
  async retirements(organisationId: string, year: number): Promise<LinkedRetirementRecord[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        serial: string;
        region: string;
        grams: string;
        purpose: string;
        beneficiary: string | null;
        created_at: Date;
      }[]
    >(
      `SELECT r.id, r.serial, r.region, r.grams::text, r.purpose, r.beneficiary, r.created_at
       FROM inventory_retirements l JOIN retirements r ON r.id = l.retirement_id
       JOIN emission_inventories i ON i.id = l.inventory_id
       WHERE i.organisation_id = $1 AND i.year = $2 ORDER BY r.created_at, r.serial`,
      [organisationId, year],
    );
    return rows.map((r) => ({
      id: r.id,
      serial: r.serial,
      region: r.region.trim(),
      grams: BigInt(r.grams),
      purpose: r.purpose,
      beneficiary: r.beneficiary,
      retiredAt: r.created_at,
    }));
  }

  /** Whether a retirement exists under this Idempotency-Key already (a replay needs no room left). */
  async retirementKeyUsed(key: string): Promise<boolean> {
    return (
      (await this.dataSource.query<unknown[]>(`SELECT 1 FROM retirements WHERE idempotency_key = $1`, [key]))
        .length > 0
    );
  }

  /** Links a retirement to the inventory it neutralises (a replay links nothing new). */
  async link(retirementId: string, inventoryId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO inventory_retirements (retirement_id, inventory_id) VALUES ($1, $2) ON CONFLICT (retirement_id) DO NOTHING`,
      [retirementId, inventoryId],
    );
  }

  /**
   * Runs `work` holding the year's advisory lock on a connection of its own, so two retirements
   * against one year never both pass the room check, and a correction never lands between a
   * retirement's check and its link (the retirement runs in its own transaction, which this lock spans).
   */
  async whileLocked<T>(organisationId: string, year: number, work: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const lock = `hashtextextended('inventory:' || $1 || '/' || $2, 0)`;
    const params = [organisationId, String(year)];
    try {
      await runner.query(`SELECT pg_advisory_lock(${lock})`, params);
      return await work();
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(${lock})`, params).catch(() => undefined);
      await runner.release();
    }
  }
}
