/** The admin catalog routes (apps/api/src/catalog, donations) as the console calls them. */
import { get, patch, post } from '../api';
import type { NewReward, RewardView as Reward } from '../../../../libs/contracts/src/catalog';

export type { NewReward, Reward };

export interface Order {
  orderId: string;
  rewardId: string;
  partnerId: string;
  points: string;
  status: 'pending' | 'fulfilled' | 'failed' | 'cancelled';
  couponCode: string | null;
  failureReason: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

export interface WebhookDelivery {
  deliveryId: string;
  partnerId: string;
  orderId: string | null;
  eventType: string;
  status: 'pending' | 'delivered' | 'parked';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  parkedAt: string | null;
}

export const ORDER_STATUS: Record<Order['status'], { label: string; color: string }> = {
  pending: { label: '待履约', color: 'gold' },
  fulfilled: { label: '已发券', color: 'green' },
  failed: { label: '失败（已退积分）', color: 'red' },
  cancelled: { label: '已取消（已退积分）', color: 'default' },
};

export const DELIVERY_STATUS: Record<WebhookDelivery['status'], { label: string; color: string }> = {
  pending: { label: '投递中', color: 'processing' },
  delivered: { label: '已送达', color: 'green' },
  parked: { label: '已搁置', color: 'red' },
};

export const DONATION_TARGET_LABELS: Record<string, string> = {
  'tree-planting': '植树造林',
  charity: '公益慈善',
};

const query = (status?: string) => (status ? `?status=${encodeURIComponent(status)}` : '');

export const catalogApi = {
  rewards: () => get<Reward[]>('/admin/v1/rewards'),
  createReward: (body: NewReward) => post<Reward>('/admin/v1/rewards', body),
  /** Only stock and active can change; a price or limit change is a new reward. */
  updateReward: (rewardId: string, body: { stock?: number; active?: boolean }) =>
    patch<Reward>(`/admin/v1/rewards/${encodeURIComponent(rewardId)}`, body),
  orders: (status?: string) => get<Order[]>(`/admin/v1/orders${query(status)}`),
  cancelOrder: (orderId: string, reason: string) =>
    post<Order>(`/admin/v1/orders/${encodeURIComponent(orderId)}/cancel`, { reason }),
  deliveries: (status?: string) => get<WebhookDelivery[]>(`/admin/v1/webhooks${query(status)}`),
  redrive: (deliveryId: string) =>
    post<{ deliveryId: string; status: string }>(
      `/admin/v1/webhooks/${encodeURIComponent(deliveryId)}/redrive`,
    ),
  donations: () => get<{ target: string; points: string }[]>('/admin/v1/donations'),
};
