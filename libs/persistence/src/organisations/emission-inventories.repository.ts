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
  totalGrams: bigint;
  recordedAt: Date;
  lines: InventoryLineRecord[];
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

  /** Records an inventory and its lines; undefined when the organisation has that year already. */
  async insert(
    manager: EntityManager,
    inventory: { organisationId: string; year: number; totalGrams: bigint; recordedBy: string },
    lines: Omit<InventoryLineRecord, 'lineNo'>[],
  ): Promise<string | undefined> {
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO emission_inventories (organisation_id, year, total_grams, recorded_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organisation_id, year) DO NOTHING RETURNING id`,
      [inventory.organisationId, inventory.year, inventory.totalGrams.toString(), inventory.recordedBy],
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

  async find(organisationId: string, year: number): Promise<InventoryRecord | undefined> {
    const [row] = await this.dataSource.query<
      { id: string; organisation_id: string; year: number; total_grams: string; recorded_at: Date }[]
    >(
      `SELECT id, organisation_id, year, total_grams::text, recorded_at FROM emission_inventories
       WHERE organisation_id = $1 AND year = $2`,
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
      `SELECT year FROM emission_inventories WHERE organisation_id = $1 ORDER BY year DESC`,
      [organisationId],
    );
    return rows.map((r) => r.year);
  }

  /** The retirements linked to an inventory, oldest first. */
  async retirements(inventoryId: string): Promise<LinkedRetirementRecord[]> {
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
       WHERE l.inventory_id = $1 ORDER BY r.created_at, r.serial`,
      [inventoryId],
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
   * Runs `work` holding the inventory's advisory lock on a connection of its own, so two retirements
   * against one inventory never both pass the room check (the retirement itself runs in its own
   * transaction, which this lock spans).
   */
  async whileLocked<T>(inventoryId: string, work: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const lock = `hashtextextended('inventory:' || $1, 0)`;
    try {
      await runner.query(`SELECT pg_advisory_lock(${lock})`, [inventoryId]);
      return await work();
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(${lock})`, [inventoryId]).catch(() => undefined);
      await runner.release();
    }
  }
}
