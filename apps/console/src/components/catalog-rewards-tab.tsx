import { Button, Space, Table, Tag, Typography } from 'antd';
import { ScrollBox } from './scroll-box';
import { useState } from 'react';
import { formatCst } from '../cst';
import { catalogApi, type Reward } from './catalog-api';
import { CatalogRewardEditModal } from './catalog-reward-edit-modal';
import { CatalogRewardFormModal } from './catalog-reward-form-modal';
import { groupDigits } from './carbon-units';
import { OrLoadError } from './remote-view';
import { useRemote } from './use-remote';

function availability(reward: Reward, now = Date.now()): { label: string; color?: string } {
  if (!reward.active) return { label: '已下架' };
  if (now < Date.parse(reward.validFrom)) return { label: '未开始', color: 'blue' };
  if (now >= Date.parse(reward.validTo)) return { label: '已过期' };
  return reward.stock > 0 ? { label: '可兑换', color: 'green' } : { label: '无库存', color: 'orange' };
}

/** Rewards partners offer for 积分: list, create, and change stock or take off sale. */
export function CatalogRewardsTab({ writable }: { writable: boolean }) {
  const rewards = useRemote(catalogApi.rewards, 'rewards');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Reward>();

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {writable && (
        <Button type="primary" onClick={() => setCreating(true)} data-testid="create-reward">
          新建商品
        </Button>
      )}
      <OrLoadError remote={rewards} what="商品">
        <ScrollBox label="商品列表">
          <Table<Reward>
            rowKey="rewardId"
            loading={rewards.loading}
            dataSource={rewards.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: '暂无商品' }}
            columns={[
              { title: '商品', dataIndex: 'title' },
              { title: '兑换渠道', dataIndex: 'partnerId' },
              {
                title: '价格',
                dataIndex: 'points',
                align: 'right',
                render: (points: string) => `${groupDigits(points)} 积分`,
              },
              {
                title: '库存',
                dataIndex: 'stock',
                align: 'right',
                render: (stock: number) => groupDigits(stock),
              },
              { title: '每人限兑', dataIndex: 'perCitizenLimit', align: 'right' },
              {
                title: '有效期',
                key: 'validity',
                render: (_, r) => (
                  <Typography.Text>
                    {formatCst(r.validFrom)}
                    <br />至 {formatCst(r.validTo)}
                  </Typography.Text>
                ),
              },
              {
                title: '状态',
                key: 'availability',
                render: (_, r) => {
                  const state = availability(r);
                  return <Tag color={state.color}>{state.label}</Tag>;
                },
              },
              ...(writable
                ? [
                    {
                      title: '操作',
                      key: 'actions',
                      render: (_: unknown, r: Reward) => (
                        <Button size="small" onClick={() => setEditing(r)}>
                          编辑库存/上下架
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </ScrollBox>
      </OrLoadError>
      {writable && (
        <>
          <CatalogRewardFormModal
            open={creating}
            onClose={() => setCreating(false)}
            onCreated={() => {
              setCreating(false);
              rewards.reload();
            }}
          />
          <CatalogRewardEditModal
            reward={editing}
            onClose={() => setEditing(undefined)}
            onSaved={() => {
              setEditing(undefined);
              rewards.reload();
            }}
          />
        </>
      )}
    </Space>
  );
}
