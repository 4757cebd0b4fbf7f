import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

interface CampaignRow {
  id: string;
  name: string;
  region_scope: string[] | null;
  methodologies: string[] | null;
  starts_at: Date;
  ends_at: Date;
  multiplier: string;
  cancelled_at: Date | null;
}

export interface CampaignRecord {
  id: string;
  name: string;
  /** null: everywhere */
  regionScope: string[] | null;
  /** null: every methodology */
  methodologies: string[] | null;
  startsAt: Date;
  endsAt: Date;
  /** decimal string */
  multiplier: string;
  cancelledAt: Date | null;
}

export type NewCampaignRecord = Omit<CampaignRecord, 'id' | 'cancelledAt'> & { createdBy: string };

const toRecord = (r: CampaignRow): CampaignRecord => ({
  id: r.id,
  name: r.name,
  regionScope: r.region_scope ?? null,
  methodologies: r.methodologies ?? null,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  multiplier: r.multiplier,
  cancelledAt: r.cancelled_at ?? null,
});

/** The admin's campaigns (points multipliers): list, create, cancel. */
@Injectable()
export class CampaignRegistryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest start first, at most `limit`. */
  async list(limit: number): Promise<CampaignRecord[]> {
    const rows = await this.dataSource.query<CampaignRow[]>(
      `SELECT * FROM campaigns ORDER BY starts_at DESC LIMIT $1`,
      [limit],
    );
    return rows.map(toRecord);
  }

  async insert(campaign: NewCampaignRecord): Promise<CampaignRecord> {
    const [row] = await this.dataSource.query<CampaignRow[]>(
      `INSERT INTO campaigns (name, region_scope, methodologies, starts_at, ends_at, multiplier, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [
        campaign.name,
        campaign.regionScope,
        campaign.methodologies,
        campaign.startsAt,
        campaign.endsAt,
        campaign.multiplier,
        campaign.createdBy,
      ],
    );
    return toRecord(row);
  }

  /** Cancels (once: a second cancel keeps the first instant); null when there is no such campaign. */
  async cancel(id: string): Promise<CampaignRecord | null> {
    // An UPDATE answers [rows, affected count].
    const [rows] = await this.dataSource.query<[CampaignRow[], number]>(
      `UPDATE campaigns SET cancelled_at = coalesce(cancelled_at, now()) WHERE id = $1 RETURNING *`,
      [id],
    );
    return rows.length ? toRecord(rows[0]) : null;
  }
}
