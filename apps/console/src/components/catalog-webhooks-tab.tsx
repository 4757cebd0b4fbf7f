import { Button, Space, Table, Tag } from 'antd';
import { ScrollBox } from './scroll-box';
import { useState } from 'react';
import { formatCst } from '../cst';
import { useApiFeedback } from './api-feedback';
import { ShortOrderId, StatusFilter } from './catalog-table-parts';
import { catalogApi, DELIVERY_STATUS, type WebhookDelivery } from './catalog-api';
import { OrLoadError } from './remote-view';
import { useRemote } from './use-remote';

const PARKED_ROW = { background: '#fff1f0' };

/**
 * Signed webhook deliveries to partners. One that ran out of attempts is parked (已搁置): it is
 * highlighted, and an admin can send it again once the partner's endpoint is fixed.
 */
export function CatalogWebhooksTab({ writable }: { writable: boolean }) {
  const feedback = useApiFeedback();
  const [status, setStatus] = useState<string>();
  const deliveries = useRemote(() => catalogApi.deliveries(status), status ?? 'all');
  const [redriving, setRedriving] = useState<string>();

  const redrive = async (delivery: WebhookDelivery) => {
    setRedriving(delivery.deliveryId);
    try {
      await catalogApi.redrive(delivery.deliveryId);
      feedback.success('已重新投递');
    } catch (caught) {
      feedback.error(caught, '重新投递失败');
    } finally {
      setRedriving(undefined);
      deliveries.reload();
    }
  };

  const parked = (deliveries.data ?? []).filter((d) => d.status === 'parked').length;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <StatusFilter value={status} onChange={setStatus} statuses={DELIVERY_STATUS} />
        {parked > 0 && <Tag color="red">{parked} 条已搁置，需处理</Tag>}
      </Space>
      <OrLoadError remote={deliveries} what="推送记录">
        <ScrollBox label="推送记录列表">
          <Table<WebhookDelivery>
            rowKey="deliveryId"
            loading={deliveries.loading}
            dataSource={deliveries.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: '暂无投递记录' }}
            onRow={(d) =>
              d.status === 'parked' ? { style: PARKED_ROW, 'data-testid': 'parked-delivery' } : {}
            }
            columns={[
              { title: '合作方', dataIndex: 'partnerId' },
              { title: '事件', dataIndex: 'eventType' },
              {
                title: '订单号',
                dataIndex: 'orderId',
                render: (id: string | null) => (id ? <ShortOrderId id={id} /> : '—'),
              },
              {
                title: '状态',
                dataIndex: 'status',
                render: (s: WebhookDelivery['status']) => (
                  <Tag color={DELIVERY_STATUS[s]?.color}>{DELIVERY_STATUS[s]?.label ?? s}</Tag>
                ),
              },
              { title: '尝试次数', dataIndex: 'attempts', align: 'right' },
              {
                title: '最近错误',
                dataIndex: 'lastError',
                width: 200,
                ellipsis: { showTitle: true },
                render: (error: string | null) => error ?? '—',
              },
              { title: '创建时间', dataIndex: 'createdAt', render: formatCst },
              {
                title: '送达 / 搁置时间',
                key: 'settledAt',
                render: (_, d) => formatCst(d.deliveredAt ?? d.parkedAt),
              },
              ...(writable
                ? [
                    {
                      title: '操作',
                      key: 'actions',
                      render: (_: unknown, d: WebhookDelivery) =>
                        d.status === 'parked' && (
                          <Button
                            size="small"
                            type="primary"
                            loading={redriving === d.deliveryId}
                            onClick={() => redrive(d)}
                          >
                            重新投递
                          </Button>
                        ),
                    },
                  ]
                : []),
            ]}
          />
        </ScrollBox>
      </OrLoadError>
    </Space>
  );
}
