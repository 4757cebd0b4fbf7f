import { DomainError, ErrorCode } from '@app/domain';
import {
  LedgerWriter,
  accountKey,
  accountOf,
  consumeLots,
  redemptionPosting,
  type OrderRow,
} from '@app/ledger';
import { JobProducer } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import { canonicalJson, sha256Hex } from '../common/canonical-hash.js';
import { toOrderView, type OrderView } from './order-view.js';

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

/**
 * A citizen redeems a catalog reward: stock, the per-citizen limit and the points are checked under
 * locks (reward row, then the accounts in id order), the points move to the partner's clearing
 * account, and a signed fulfilment event is queued for the partner's webhook.
 */
@Injectable()
export class RedemptionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerWriter,
    private readonly jobs: JobProducer,
  ) {}

  async available() {
    const rows = await this.dataSource.query<RewardRow[]>(
      `SELECT * FROM rewards WHERE active AND stock > 0 AND valid_from <= now() AND valid_to > now() ORDER BY points_price, title LIMIT 200`,
    );
    return rows.map((r) => ({
      rewardId: r.id,
      partnerId: r.partner_id,
      title: r.title,
      points: String(r.points_price),
      stock: r.stock,
      validTo: r.valid_to.toISOString(),
    }));
  }

  async redeem(
    citizen: CitizenPrincipal,
    key: string,
    rewardId: string,
  ): Promise<{ order: OrderView; replayed: boolean }> {
    const requestHash = sha256Hex(canonicalJson({ rewardId }));
    const previous = await this.byKey(citizen.citizenId, key);
    if (previous) return this.replay(previous, requestHash);
    let deliveryId = '';
    try {
      const order = await this.dataSource.transaction(async (m) => {
        const [reward] = await m.query<RewardRow[]>(`SELECT * FROM rewards WHERE id = $1 FOR UPDATE`, [
          rewardId,
        ]);
        if (!reward) throw new DomainError(ErrorCode.RewardNotFound, 'no such reward');
        const now = Date.now();
        if (!reward.active || reward.valid_from.getTime() > now || reward.valid_to.getTime() <= now) {
          throw new DomainError(ErrorCode.RewardUnavailable, 'this reward is not available now');
        }
        if (reward.stock <= 0) throw new DomainError(ErrorCode.OutOfStock, 'this reward is out of stock');
        const [{ taken }] = await m.query<{ taken: number }[]>(
          `SELECT count(*)::int AS taken FROM orders WHERE reward_id = $1 AND citizen_id = $2 AND status IN ('pending', 'fulfilled')`,
          [reward.id, citizen.citizenId],
        );
        if (taken >= reward.per_citizen_limit) {
          throw new DomainError(ErrorCode.LimitReached, `at most ${reward.per_citizen_limit} per citizen`, {
            limit: reward.per_citizen_limit,
          });
        }
        const price = BigInt(reward.points_price);
        const spending = accountOf.citizenPoints(citizen.citizenId);
        const balances = await this.ledger.lockForSpending(m, [
          spending,
          accountOf.partnerClearing(reward.partner_id),
        ]);
        const available = balances.get(accountKey(spending)) ?? 0n;
        if (available < price) {
          throw new DomainError(
            ErrorCode.InsufficientPoints,
            `${available} points available, ${price} needed`,
            { available: available.toString() },
          );
        }
        await m.query(`UPDATE rewards SET stock = stock - 1 WHERE id = $1`, [reward.id]);
        const [order] = await m.query<OrderRow[]>(
          `INSERT INTO orders (reward_id, citizen_id, partner_id, points, status, idempotency_key, request_hash)
           VALUES ($1, $2, $3, $4, 'pending', $5, $6) RETURNING *`,
          [reward.id, citizen.citizenId, reward.partner_id, price.toString(), key, requestHash],
        );
        await this.ledger.post(m, [
          redemptionPosting({
            orderId: order.id,
            citizenId: citizen.citizenId,
            partnerId: reward.partner_id,
            points: price,
          }),
        ]);
        await consumeLots(m, citizen.citizenId, price);
        const [binding] = await m.query<{ partner_citizen_id: string }[]>(
          `SELECT partner_citizen_id FROM bindings WHERE citizen_id = $1 AND partner_id = $2 AND status = 'active'`,
          [citizen.citizenId, reward.partner_id],
        );
        const [delivery] = await m.query<{ id: string }[]>(
          `INSERT INTO webhook_deliveries (partner_id, order_id, event_type, payload, status) VALUES ($1, $2, 'order.created', $3, 'pending') RETURNING id`,
          [
            reward.partner_id,
            order.id,
            JSON.stringify({
              orderId: order.id,
              rewardId: reward.id,
              title: reward.title,
              points: price.toString(),
              partnerCitizenId: binding?.partner_citizen_id ?? null,
              createdAt: order.created_at.toISOString(),
            }),
          ],
        );
        deliveryId = delivery.id;
        return order;
      });
      await this.jobs.webhookDeliveries([deliveryId]);
      return { order: toOrderView(order), replayed: false };
    } catch (error) {
      const winner =
        (error as { code?: string }).code === '23505' ? await this.byKey(citizen.citizenId, key) : undefined;
      if (winner) return this.replay(winner, requestHash);
      throw error;
    }
  }

  async mine(citizen: CitizenPrincipal): Promise<OrderView[]> {
    const rows = await this.dataSource.query<OrderRow[]>(
      `SELECT * FROM orders WHERE citizen_id = $1 ORDER BY created_at DESC LIMIT 100`,
      [citizen.citizenId],
    );
    return rows.map(toOrderView);
  }

  async one(citizen: CitizenPrincipal, orderId: string): Promise<OrderView> {
    const [row] = await this.dataSource.query<OrderRow[]>(
      `SELECT * FROM orders WHERE id = $1 AND citizen_id = $2`,
      [orderId, citizen.citizenId],
    );
    if (!row) throw new DomainError(ErrorCode.OrderNotFound, 'no such order');
    return toOrderView(row);
  }

  private async byKey(
    citizenId: string,
    key: string,
  ): Promise<(OrderRow & { request_hash: string }) | undefined> {
    const [row] = await this.dataSource.query<(OrderRow & { request_hash: string })[]>(
      `SELECT * FROM orders WHERE citizen_id = $1 AND idempotency_key = $2`,
      [citizenId, key],
    );
    return row;
  }

  private replay(previous: OrderRow & { request_hash: string }, requestHash: string) {
    if (previous.request_hash !== requestHash)
      throw new DomainError(
        ErrorCode.IdempotencyKeyReused,
        'this Idempotency-Key was used for another redemption',
      );
    return { order: toOrderView(previous), replayed: true };
  }
}
