import type { NewReward, RewardView } from '@app/contracts';
import { DomainError, ErrorCode } from '@app/domain';
import { LedgerWriter, resolveOrder, type OrderRow } from '@app/ledger';
import { JobProducer } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { toOrderView } from './order-view.js';

const rewardView = (r: Record<string, unknown>): RewardView => ({
  rewardId: r.id as string,
  partnerId: r.partner_id as string,
  title: r.title as string,
  points: String(r.points_price),
  stock: r.stock as number,
  perCitizenLimit: r.per_citizen_limit as number,
  validFrom: (r.valid_from as Date).toISOString(),
  validTo: (r.valid_to as Date).toISOString(),
  active: r.active as boolean,
});

/** The admin side of the catalog: rewards, orders (cancel = refund once), parked webhook deliveries. */
@Injectable()
export class RewardsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerWriter,
    private readonly jobs: JobProducer,
  ) {}

  async list() {
    return (
      await this.dataSource.query<Record<string, unknown>[]>(
        `SELECT * FROM rewards ORDER BY created_at DESC LIMIT 500`,
      )
    ).map(rewardView);
  }

  async create(input: NewReward) {
    const [partner] = await this.dataSource.query<{ may_redeem: boolean }[]>(
      `SELECT may_redeem FROM partners WHERE id = $1`,
      [input.partnerId],
    );
    if (!partner) throw new DomainError(ErrorCode.PartnerNotFound, `no partner ${input.partnerId}`);
    if (!partner.may_redeem)
      throw new DomainError(ErrorCode.RedemptionNotAllowed, `${input.partnerId} is not a redemption channel`);
    if (new Date(input.validTo) <= new Date(input.validFrom))
      throw new DomainError(ErrorCode.ValidationFailed, 'validTo must be after validFrom');
    const [row] = await this.dataSource.query<Record<string, unknown>[]>(
      `INSERT INTO rewards (partner_id, title, points_price, stock, per_citizen_limit, valid_from, valid_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [
        input.partnerId,
        input.title,
        input.points,
        input.stock,
        input.perCitizenLimit,
        input.validFrom,
        input.validTo,
      ],
    );
    return rewardView(row);
  }

  async update(rewardId: string, patch: { stock?: number; active?: boolean }) {
    const [rows] = await this.dataSource.query<[Record<string, unknown>[], number]>(
      `UPDATE rewards SET stock = coalesce($2, stock), active = coalesce($3, active) WHERE id = $1 RETURNING *`,
      [rewardId, patch.stock ?? null, patch.active ?? null],
    );
    if (!rows.length) throw new DomainError(ErrorCode.RewardNotFound, 'no such reward');
    return rewardView(rows[0]);
  }

  async orders(status?: string) {
    const rows = await this.dataSource.query<OrderRow[]>(
      `SELECT * FROM orders WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at DESC LIMIT 500`,
      [status ?? null],
    );
    return rows.map(toOrderView);
  }

  async cancel(orderId: string, reason: string) {
    return toOrderView(
      await this.dataSource.transaction((m) =>
        resolveOrder(m, this.ledger, orderId, { kind: 'cancel', reason }),
      ),
    );
  }

  async deliveries(status?: string) {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT id, partner_id, order_id, event_type, status, attempts, last_error, created_at, delivered_at, parked_at
       FROM webhook_deliveries WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at DESC LIMIT 500`,
      [status ?? null],
    );
    return rows.map((d) => ({
      deliveryId: d.id as string,
      partnerId: d.partner_id as string,
      orderId: (d.order_id as string | null) ?? null,
      eventType: d.event_type as string,
      status: d.status as string,
      attempts: d.attempts as number,
      lastError: (d.last_error as string | null) ?? null,
      createdAt: (d.created_at as Date).toISOString(),
      deliveredAt: d.delivered_at ? (d.delivered_at as Date).toISOString() : null,
      parkedAt: d.parked_at ? (d.parked_at as Date).toISOString() : null,
    }));
  }

  /** Sends a parked delivery again (same event id, so the partner can de-duplicate), with fresh attempts. */
  async redrive(deliveryId: string) {
    const [rows] = await this.dataSource.query<[{ id: string }[], number]>(
      `UPDATE webhook_deliveries SET status = 'pending', parked_at = NULL WHERE id = $1 AND status = 'parked' RETURNING id`,
      [deliveryId],
    );
    if (!rows.length) throw new DomainError(ErrorCode.DeliveryNotFound, 'no parked delivery with this id');
    await this.jobs.webhookDeliveries([deliveryId], Date.now());
    return { deliveryId, status: 'pending' };
  }
}
