import type { OrderRow } from '@app/ledger';

export interface OrderView {
  orderId: string;
  rewardId: string;
  partnerId: string;
  points: string;
  status: string;
  couponCode: string | null;
  failureReason: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

export const toOrderView = (o: OrderRow): OrderView => ({
  orderId: o.id,
  rewardId: o.reward_id,
  partnerId: o.partner_id,
  points: String(o.points),
  status: o.status,
  couponCode: o.coupon_code,
  failureReason: o.failure_reason,
  createdAt: o.created_at.toISOString(),
  resolvedAt: o.resolved_at?.toISOString() ?? null,
});
