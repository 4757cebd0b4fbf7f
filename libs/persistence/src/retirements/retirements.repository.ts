import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** A retirement (注销) record, as stored. */
export interface RetirementRecord {
  id: string;
  serial: string;
  region: string;
  grams: string;
  purpose: string;
  beneficiary: string | null;
  createdBy: string;
  createdAt: Date;
  postingId: string;
}

/** A retirement to insert: its record but the time, with its grams as a bigint and its idempotency. */
export interface NewRetirement extends Omit<RetirementRecord, 'grams' | 'createdAt'> {
  grams: bigint;
  idempotencyKey: string;
  requestHash: string;
}

/** A region's pool: grams available (the pool's balance, negated) and grams retired from it. */
export interface PoolTotals {
  region: string;
  available: string;
  retired: string;
}

interface RetirementRow {
  id: string;
  serial: string;
  region: string;
  grams: string;
  purpose: string;
  beneficiary: string | null;
  created_by: string;
  created_at: Date;
  posting_id: string;
}

const toRecord = (r: RetirementRow): RetirementRecord => ({
  id: r.id,
  serial: r.serial,
  region: r.region.trim(),
  grams: String(r.grams),
  purpose: r.purpose,
  beneficiary: r.beneficiary ?? null,
  createdBy: r.created_by,
  createdAt: r.created_at,
  postingId: String(r.posting_id),
});

/** Regional reduction pools (account balances) and the retirements drawn from them. */
@Injectable()
export class RetirementsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Read through `manager` when given (a report may read the standby), else the primary. */
  async poolTotals(poolKind: string, retiredKind: string, manager?: EntityManager): Promise<PoolTotals[]> {
    return (manager ?? this.dataSource.manager).query<PoolTotals[]>(
      `SELECT owner AS region,
              coalesce(-sum(balance) FILTER (WHERE kind = $1), 0)::text AS available,
              coalesce(-sum(balance) FILTER (WHERE kind = $2), 0)::text AS retired
       FROM accounts WHERE kind IN ($1, $2) GROUP BY owner ORDER BY owner`,
      [poolKind, retiredKind],
    );
  }

  /**
   * Locks every shard of the region's pool account (in id order, as LedgerWriter locks) and answers
   * the grams available in each (none if the region has no pool yet).
   */
  async lockPool(
    manager: EntityManager,
    poolKind: string,
    region: string,
  ): Promise<{ shard: number; grams: bigint }[]> {
    const shards = await manager.query<{ shard: number; balance: string }[]>(
      `SELECT shard, balance FROM accounts WHERE kind = $1 AND owner = $2 ORDER BY id FOR UPDATE`,
      [poolKind, region],
    );
    return shards.map((s) => ({ shard: s.shard, grams: -BigInt(s.balance) }));
  }

  /** A new retirement's id and its serial, SD-<region>-<year in China>-<6 digits>, from the sequence. */
  async nextIdAndSerial(manager: EntityManager, region: string): Promise<{ id: string; serial: string }> {
    const [row] = await manager.query<{ id: string; serial: string }[]>(
      `SELECT gen_random_uuid() AS id,
              'SD-' || $1 || '-' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY') || '-' || lpad(nextval('retirement_serial')::text, 6, '0') AS serial`,
      [region],
    );
    return row;
  }

  async insert(manager: EntityManager, r: NewRetirement): Promise<RetirementRecord> {
    const [row] = await manager.query<RetirementRow[]>(
      `INSERT INTO retirements (id, serial, region, grams, purpose, beneficiary, idempotency_key, request_hash, posting_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [
        r.id,
        r.serial,
        r.region,
        r.grams.toString(),
        r.purpose,
        r.beneficiary,
        r.idempotencyKey,
        r.requestHash,
        r.postingId,
        r.createdBy,
      ],
    );
    return toRecord(row);
  }

  async findBySerial(serial: string): Promise<RetirementRecord | undefined> {
    const [row] = await this.dataSource.query<RetirementRow[]>(
      `SELECT * FROM retirements WHERE serial = $1`,
      [serial],
    );
    return row ? toRecord(row) : undefined;
  }

  /** The newest 500, of one region or all. */
  async list(region?: string): Promise<RetirementRecord[]> {
    const rows = await this.dataSource.query<RetirementRow[]>(
      `SELECT * FROM retirements WHERE ($1::text IS NULL OR region = $1) ORDER BY created_at DESC LIMIT 500`,
      [region ?? null],
    );
    return rows.map(toRecord);
  }
}
