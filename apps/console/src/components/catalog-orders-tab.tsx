import { Alert, Button, Modal, Select, Space, Table, Tag } from 'antd';
import { ScrollBox } from './scroll-box';
import { useState } from 'react';
import { formatCst } from '../cst';
import { useApiFeedback } from './api-feedback';
import { ShortOrderId, StatusFilter } from './catalog-table-parts';
import { catalogApi, ORDER_STATUS, type Order } from './catalog-api';
import { groupDigits } from './carbon-units';
import { OrLoadError } from './remote-view';
import { useRemote } from './use-remote';

/** Reason codes an admin cancels with (the API takes any UPPER_SNAKE code; these are the usual ones). */
const CANCEL_REASONS: Record<string, string> = {
  ADMIN_CANCELLED: '管理员取消',
  PARTNER_UNAVAILABLE: '合作方无法履约',
  COUPONS_EXHAUSTED: '券码已发完',
  CITIZEN_REQUEST: '市民申请取消',
};

/** Citizens' orders, filterable by status; a pending one can be cancelled, which refunds its 积分 once. */
export function CatalogOrdersTab({ writable }: { writable: boolean }) {
  const feedback = useApiFeedback();
  const [status, setStatus] = useState<string>();
  const orders = useRemote(() => catalogApi.orders(status), status ?? 'all');
  const rewards = useRemote(catalogApi.rewards, 'rewards');
  const [cancelling, setCancelling] = useState<Order>();
  const [reason, setReason] = useState('ADMIN_CANCELLED');
  const [busy, setBusy] = useState(false);
  const titles = new Map((rewards.data ?? []).map((r) => [r.rewardId, r.title]));

  const cancel = async () => {
    if (!cancelling) return;
    setBusy(true);
    try {
      await catalogApi.cancelOrder(cancelling.orderId, reason);
      feedback.success(`订单已取消，${groupDigits(cancelling.points)} 积分已退还`);
      setCancelling(undefined);
    } catch (caught) {
      feedback.error(caught, '取消订单失败');
    } finally {
      setBusy(false);
      orders.reload();
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <StatusFilter
          value={status}
          onChange={setStatus}
          statuses={ORDER_STATUS}
          testId="order-status-filter"
        />
      </Space>
      <OrLoadError remote={orders} what="订单">
        <ScrollBox label="订单列表">
          <Table<Order>
            rowKey="orderId"
            loading={orders.loading}
            dataSource={orders.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: '暂无订单' }}
            columns={[
              {
                title: '订单号',
                dataIndex: 'orderId',
                render: (id: string) => <ShortOrderId id={id} />,
              },
              { title: '商品', dataIndex: 'rewardId', render: (id: string) => titles.get(id) ?? id },
              { title: '兑换渠道', dataIndex: 'partnerId' },
              { title: '积分', dataIndex: 'points', align: 'right', render: (p: string) => groupDigits(p) },
              {
                title: '状态',
                dataIndex: 'status',
                render: (s: Order['status']) => (
                  <Tag color={ORDER_STATUS[s]?.color}>{ORDER_STATUS[s]?.label ?? s}</Tag>
                ),
              },
              {
                title: '券码 / 原因',
                key: 'outcome',
                render: (_, o) =>
                  o.couponCode ??
                  (o.failureReason ? (CANCEL_REASONS[o.failureReason] ?? o.failureReason) : '—'),
              },
              { title: '下单时间', dataIndex: 'createdAt', render: formatCst },
              { title: '完成时间', dataIndex: 'resolvedAt', render: formatCst },
              ...(writable
                ? [
                    {
                      title: '操作',
                      key: 'actions',
                      render: (_: unknown, o: Order) =>
                        o.status === 'pending' && (
                          <Button size="small" danger onClick={() => setCancelling(o)}>
                            取消并退积分
                          </Button>
                        ),
                    },
                  ]
                : []),
            ]}
          />
        </ScrollBox>
      </OrLoadError>
      <Modal
        title="取消订单并退还积分？"
        open={Boolean(cancelling)}
        okText="取消订单"
        cancelText="返回"
        okButtonProps={{ danger: true }}
        confirmLoading={busy}
        onOk={() => void cancel()}
        onCancel={() => setCancelling(undefined)}
        destroyOnHidden
      >
        {cancelling && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Alert
              type="warning"
              showIcon
              title={`将退还 ${groupDigits(cancelling.points)} 积分给市民，并恢复 1 件库存`}
              description="只有待履约的订单可以取消；取消后合作方不能再为此订单发券。此操作不可撤销。"
            />
            <span>取消原因：</span>
            <Select
              value={reason}
              onChange={setReason}
              style={{ width: '100%' }}
              options={Object.entries(CANCEL_REASONS).map(([value, label]) => ({
                value,
                label: `${label}（${value}）`,
              }))}
            />
          </Space>
        )}
      </Modal>
    </Space>
  );
}
