/** The admin catalog routes (apps/api/src/catalog, donations) as the console calls them. */
import { typed, unwrap, type Schema } from '../api';

export type Reward = Schema<'RewardDto'>;
export type NewReward = Schema<'CreateRewardDto'>;
export type Order = Schema<'OrderDto'>;
export type WebhookDelivery = Schema<'WebhookDeliveryDto'>;

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

const byStatus = <Status extends string>(status?: string) =>
  status ? { params: { query: { status: status as Status } } } : {};

export const catalogApi = {
  rewards: () => unwrap(typed.GET('/admin/v1/rewards')),
  createReward: (body: NewReward) => unwrap(typed.POST('/admin/v1/rewards', { body })),
  /** Only stock and active can change; a price or limit change is a new reward. */
  updateReward: (rewardId: string, body: { stock?: number; active?: boolean }) =>
    unwrap(typed.PATCH('/admin/v1/rewards/{id}', { params: { path: { id: rewardId } }, body })),
  orders: (status?: string) => unwrap(typed.GET('/admin/v1/orders', byStatus<Order['status']>(status))),
  cancelOrder: (orderId: string, reason: string) =>
    unwrap(
      typed.POST('/admin/v1/orders/{id}/cancel', { params: { path: { id: orderId } }, body: { reason } }),
    ),
  deliveries: (status?: string) =>
    unwrap(typed.GET('/admin/v1/webhooks', byStatus<WebhookDelivery['status']>(status))),
  redrive: (deliveryId: string) =>
    unwrap(typed.POST('/admin/v1/webhooks/{id}/redrive', { params: { path: { id: deliveryId } } })),
  donations: () => unwrap(typed.GET('/admin/v1/donations')),
};
