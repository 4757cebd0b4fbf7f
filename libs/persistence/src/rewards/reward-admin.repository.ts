import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** A reward of the catalog as the admin manages it. */
export interface StoredReward {
  id: string;
  partnerId: string;
  title: string;
  /** Price in points, a bigint as a decimal string. */
  pointsPrice: string;
  stock: number;
  perCitizenLimit: number;
  validFrom: Date;
  validTo: Date;
  active: boolean;
}

/** A reward to add: active from the start. */
export type NewStoredReward = Omit<StoredReward, 'id' | 'active'>;

interface RewardRow {
  id: string;
  partner_id: string;
  title: string;
  points_price: string;
  stock: number;
  per_citizen_limit: number;
  valid_from: Date;
  valid_to: Date;
  active: boolean;
}

const COLUMNS = `id, partner_id, title, points_price::text AS points_price, stock, per_citizen_limit,
                 valid_from, valid_to, active`;

const toReward = (row: RewardRow): StoredReward => ({
  id: row.id,
  partnerId: row.partner_id,
  title: row.title,
  pointsPrice: row.points_price,
  stock: row.stock,
  perCitizenLimit: row.per_citizen_limit,
  validFrom: row.valid_from,
  validTo: row.valid_to,
  active: row.active,
});

/** The rewards table, for the admin catalog: every reward, active or not. */
@Injectable()
export class RewardAdminRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first, at most `limit`. */
  async list(limit: number): Promise<StoredReward[]> {
    const rows = await this.dataSource.query<RewardRow[]>(
      `SELECT ${COLUMNS} FROM rewards ORDER BY created_at DESC LIMIT $1`,
      [limit],
    );
    return rows.map(toReward);
  }

  async insert(reward: NewStoredReward): Promise<StoredReward> {
    const [row] = await this.dataSource.query<RewardRow[]>(
      `INSERT INTO rewards (partner_id, title, points_price, stock, per_citizen_limit, valid_from, valid_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [
        reward.partnerId,
        reward.title,
        reward.pointsPrice,
        reward.stock,
        reward.perCitizenLimit,
        reward.validFrom,
        reward.validTo,
      ],
    );
    return toReward(row);
  }

  /** Sets what the patch gives and keeps the rest; null when there is no such reward. */
  async update(rewardId: string, patch: { stock?: number; active?: boolean }): Promise<StoredReward | null> {
    const [rows] = await this.dataSource.query<[RewardRow[], number]>(
      `UPDATE rewards SET stock = coalesce($2, stock), active = coalesce($3, active) WHERE id = $1
       RETURNING ${COLUMNS}`,
      [rewardId, patch.stock ?? null, patch.active ?? null],
    );
    return rows.length ? toReward(rows[0]) : null;
  }
}
