import { View } from '@tarojs/components';
import { api } from '../../api';
import { useResource } from '../../api/hooks';
import { Card, Loading, Row } from '../../components/ui';
import { formatCst } from '../../lib/china-time';
import { formatPoints } from '../../lib/format';
import { sentenceForCode } from '../../../../../libs/contracts/src/messages-zh';
import { ORDER_STATUS_ZH } from '../../lib/terms';

export function Orders({ version }: { version: number }) {
  const orders = useResource(async () => {
    const [list, rewards] = await Promise.all([api.get('/v1/me/orders'), api.get('/v1/rewards')]);
    const titles = new Map(rewards.map((reward) => [reward.rewardId, reward.title]));
    return list.map((order) => ({ ...order, title: titles.get(order.rewardId) ?? '积分兑换' }));
  }, [version]);
  return (
    <Card title="我的订单" testId="orders">
      <Loading
        loading={orders.loading && !orders.data}
        error={orders.error}
        empty={orders.data?.length === 0}
        emptyText="还没有兑换记录。"
      />
      {orders.data?.map((order) => (
        <View key={order.orderId} className="list-item" data-testid="order" data-status={order.status}>
          <Row label={order.title} value={formatPoints(order.points)} />
          <View className="small">
            {ORDER_STATUS_ZH[order.status] ?? order.status} · {formatCst(order.createdAt)}
          </View>
          {order.couponCode ? (
            <View>
              券码：<View className="code">{order.couponCode}</View>
            </View>
          ) : null}
          {order.failureReason ? <View className="small">{sentenceForCode(order.failureReason)}</View> : null}
        </View>
      ))}
    </Card>
  );
}
