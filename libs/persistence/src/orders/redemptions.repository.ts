import type { OrderRow } from '@app/ledger';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** A catalog reward, as a redemption reads it. */
export interface RedeemableReward {
  id: string;
  partnerId: string;
  title: string;
  pointsPrice: string;
  stock: number;
  perCitizenLimit: number;
  validFrom: Date;
  validTo: Date;
  active: boolean;
}

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

const toReward = (r: RewardRow): RedeemableReward => ({
  id: r.id,
  partnerId: r.partner_id,
  title: r.title,
  pointsPrice: String(r.points_price),
  stock: r.stock,
  perCitizenLimit: r.per_citizen_limit,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  active: r.active,
});

/** The redemption use case's rows: rewards (stock), orders, and the order's webhook delivery. */
@Injectable()
export class RedemptionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Rewards available now from partners not disabled, cheapest first, at most 200. */
  async availableRewards(): Promise<RedeemableReward[]> {
    const rows = await this.dataSource.query<RewardRow[]>(
      `SELECT * FROM rewards WHERE active AND stock > 0 AND valid_from <= now() AND valid_to > now()
         AND partner_id NOT IN (SELECT id FROM partners WHERE disabled_at IS NOT NULL)
       ORDER BY points_price, title LIMIT 200`,
    );
    return rows.map(toReward);
  }

  /** Locks the reward's row (its stock) until the transaction ends. */
  async lockReward(manager: EntityManager, rewardId: string): Promise<RedeemableReward | undefined> {
    const [row] = await manager.query<RewardRow[]>(`SELECT * FROM rewards WHERE id = $1 FOR UPDATE`, [
      rewardId,
    ]);
    return row ? toReward(row) : undefined;
  }

  async partnerState(
    manager: EntityManager,
    partnerId: string,
  ): Promise<{ disabled: boolean; webhookUrl: string | null }> {
    const [row] = await manager.query<{ disabled_at: Date | null; webhook_url: string | null }[]>(
      `SELECT disabled_at, webhook_url FROM partners WHERE id = $1`,
      [partnerId],
    );
    return { disabled: row.disabled_at !== null, webhookUrl: row.webhook_url };
  }

  /** The citizen's orders of this reward that count toward its limit (pending or fulfilled). */
  async countTaken(manager: EntityManager, rewardId: string, citizenId: string): Promise<number> {
    const [{ taken }] = await manager.query<{ taken: number }[]>(
      `SELECT count(*)::int AS taken FROM orders WHERE reward_id = $1 AND citizen_id = $2 AND status IN ('pending', 'fulfilled')`,
      [rewardId, citizenId],
    );
    return taken;
  }

  async takeOneFromStock(manager: EntityManager, rewardId: string): Promise<void> {
    await manager.query(`UPDATE rewards SET stock = stock - 1 WHERE id = $1`, [rewardId]);
  }

  /** A pending order; its (citizen, key) is unique, the last line of defence against a second one. */
  async insertPendingOrder(
    manager: EntityManager,
    order: {
      rewardId: string;
      citizenId: string;
      partnerId: string;
      points: bigint;
      key: string;
      requestHash: string;
    },
  ): Promise<OrderRow> {
    const [row] = await manager.query<OrderRow[]>(
      `INSERT INTO orders (reward_id, citizen_id, partner_id, points, status, idempotency_key, request_hash)
       VALUES ($1, $2, $3, $4, 'pending', $5, $6) RETURNING *`,
      [
        order.rewardId,
        order.citizenId,
        order.partnerId,
        order.points.toString(),
        order.key,
        order.requestHash,
      ],
    );
    return row;
  }

  /** The citizen's partner-scoped id under an active binding with the partner, or null. */
  async partnerCitizenId(
    manager: EntityManager,
    citizenId: string,
    partnerId: string,
  ): Promise<string | null> {
    const [row] = await manager.query<{ partner_citizen_id: string }[]>(
      `SELECT partner_citizen_id FROM bindings WHERE citizen_id = $1 AND partner_id = $2 AND status = 'active'`,
      [citizenId, partnerId],
    );
    return row?.partner_citizen_id ?? null;
  }

  /** Queues the order.created event for the partner's webhook; answers the delivery's id. */
  async insertOrderCreatedDelivery(
    manager: EntityManager,
    partnerId: string,
    orderId: string,
    payload: Record<string, unknown>,
  ): Promise<string> {
    const [delivery] = await manager.query<{ id: string }[]>(
      `INSERT INTO webhook_deliveries (partner_id, order_id, event_type, payload, status) VALUES ($1, $2, 'order.created', $3, 'pending') RETURNING id`,
      [partnerId, orderId, JSON.stringify(payload)],
    );
    return delivery.id;
  }

  /** The citizen's newest 100 orders. */
  async ordersOfCitizen(citizenId: string): Promise<OrderRow[]> {
    return this.dataSource.query<OrderRow[]>(
      `SELECT * FROM orders WHERE citizen_id = $1 ORDER BY created_at DESC LIMIT 100`,
      [citizenId],
    );
  }

  async orderOfCitizen(citizenId: string, orderId: string): Promise<OrderRow | undefined> {
    const [row] = await this.dataSource.query<OrderRow[]>(
      `SELECT * FROM orders WHERE id = $1 AND citizen_id = $2`,
      [orderId, citizenId],
    );
    return row;
  }
}
