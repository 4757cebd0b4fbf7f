import type { Campaign } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** A points campaign (the worker's Campaign) with its name, as a citizen sees it. */
export interface CampaignInForce extends Campaign {
  name: string;
}

interface CampaignRow {
  id: string;
  name: string;
  multiplier: string;
  region_scope: string[] | null;
  methodologies: string[] | null;
  starts_at: Date;
  ends_at: Date;
}

/** The campaigns that are not cancelled, by when they run. */
@Injectable()
export class CampaignsInForceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every campaign not cancelled that is in force at some instant of [from, to], ending soonest first. */
  async overlapping(from: Date, to: Date): Promise<CampaignInForce[]> {
    const rows = await this.dataSource.query<CampaignRow[]>(
      `SELECT id, name, trim_scale(multiplier)::text AS multiplier, region_scope, methodologies, starts_at, ends_at
       FROM campaigns
       WHERE cancelled_at IS NULL AND starts_at <= $2 AND ends_at > $1
       ORDER BY ends_at, id`,
      [from, to],
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      multiplier: row.multiplier,
      regionScope: row.region_scope,
      methodologies: row.methodologies,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
    }));
  }
}
