import { DomainError, ErrorCode } from '@app/domain';
import type { EntityManager } from 'typeorm';
import type { LedgerWriter } from './ledger-writer.js';
import { openLots } from './points-lots.js';
import { refundPosting } from './posting.js';

export interface OrderRow {
  id: string;
  reward_id: string;
  citizen_id: string;
  partner_id: string;
  points: string;
  status: 'pending' | 'fulfilled' | 'failed' | 'cancelled';
  coupon_code: string | null;
  failure_reason: string | null;
  created_at: Date;
  resolved_at: Date | null;
}

/**
 * Resolves a pending order once: fulfilled with the partner's coupon code, or failed / cancelled,
 * which refunds the points by a reversing posting (its own idempotency key: never twice) and gives
 * the stock back.
 */
export async function resolveOrder(
  manager: EntityManager,
  ledger: LedgerWriter,
  orderId: string,
  outcome: { kind: 'fulfil'; couponCode: string } | { kind: 'fail' | 'cancel'; reason: string },
  partnerId?: string,
): Promise<OrderRow> {
  const [order] = await manager.query<OrderRow[]>(
    `SELECT * FROM orders WHERE id = $1 AND ($2::text IS NULL OR partner_id = $2) FOR UPDATE`,
    [orderId, partnerId ?? null],
  );
  if (!order) throw new DomainError(ErrorCode.OrderNotFound, 'no such order');
  if (order.status !== 'pending')
    throw new DomainError(ErrorCode.OrderResolved, `the order is already ${order.status}`, {
      status: order.status,
    });
  if (outcome.kind === 'fulfil') {
    const [rows] = await manager.query<[OrderRow[], number]>(
      `UPDATE orders SET status = 'fulfilled', coupon_code = $2, resolved_at = now() WHERE id = $1 RETURNING *`,
      [order.id, outcome.couponCode],
    );
    return rows[0];
  }
  // The reward row before any account, as a redemption takes them, so the two never wait in a cycle.
  await manager.query(`SELECT id FROM rewards WHERE id = $1 FOR UPDATE`, [order.reward_id]);
  const points = BigInt(order.points);
  const { postingIds, writtenKeys } = await ledger.post(manager, [
    refundPosting({
      orderId: order.id,
      citizenId: order.citizen_id,
      partnerId: order.partner_id,
      points,
      why: outcome.reason,
    }),
  ]);
  const key = `order/${order.id}/refund`;
  if (writtenKeys.has(key)) {
    await openLots(manager, [
      { citizenId: order.citizen_id, postingId: postingIds.get(key)!, points, earnedAt: order.created_at },
    ]);
  }
  await manager.query(`UPDATE rewards SET stock = stock + 1 WHERE id = $1`, [order.reward_id]);
  const [rows] = await manager.query<[OrderRow[], number]>(
    `UPDATE orders SET status = $2, failure_reason = $3, resolved_at = now() WHERE id = $1 RETURNING *`,
    [order.id, outcome.kind === 'fail' ? 'failed' : 'cancelled', outcome.reason],
  );
  return rows[0];
}
