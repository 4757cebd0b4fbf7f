import { Button, Card, Popconfirm, Table, Tag, Typography } from 'antd';
import { ScrollBox } from '../components/scroll-box';
import { useState } from 'react';
import { get, post } from '../api';
import { useApiFeedback } from '../components/api-feedback';
import { CampaignFormModal, type Campaign } from '../components/campaign-form-modal';
import { OrLoadError } from '../components/remote-view';
import { PageTitle } from '../components/page-title';
import { useRemote } from '../components/use-remote';
import { districtLabel } from '../districts';
import { methodologyLabel } from '../labels';
import { canWrite } from '../session';
import { formatCst } from '../cst';
import type { PageProps } from './index';

type Phase = 'cancelled' | 'upcoming' | 'running' | 'ended';

const PHASE_TAGS: Record<Phase, { label: string; color?: string }> = {
  cancelled: { label: '已取消' },
  upcoming: { label: '未开始', color: 'blue' },
  running: { label: '进行中', color: 'green' },
  ended: { label: '已结束', color: 'default' },
};

function phaseOf(campaign: Campaign, now = Date.now()): Phase {
  if (campaign.cancelledAt) return 'cancelled';
  if (now < Date.parse(campaign.startsAt)) return 'upcoming';
  return now < Date.parse(campaign.endsAt) ? 'running' : 'ended';
}

const listCampaigns = () => get<Campaign[]>('/admin/v1/campaigns');

/** Points multipliers (e.g. 全国低碳日 ×2) by region, methodologies and dates; the best one applies. */
export function CampaignsPage(_props: PageProps) {
  const writable = canWrite();
  const feedback = useApiFeedback();
  const campaigns = useRemote(listCampaigns, 'campaigns');
  const [creating, setCreating] = useState(false);
  const [cancelling, setCancelling] = useState<string>();

  const cancel = async (campaign: Campaign) => {
    setCancelling(campaign.id);
    try {
      await post<Campaign>(`/admin/v1/campaigns/${encodeURIComponent(campaign.id)}/cancel`);
      feedback.success(`已取消活动 ${campaign.name}`);
    } catch (caught) {
      feedback.error(caught, '取消活动失败');
    } finally {
      setCancelling(undefined);
      campaigns.reload();
    }
  };

  const scopeTags = (ids: string[] | null, label: (id: string) => string, everything: string) =>
    ids?.length ? ids.map((id) => <Tag key={id}>{label(id)}</Tag>) : <Tag color="cyan">{everything}</Tag>;

  return (
    <>
      <PageTitle
        extra={
          writable && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="create-campaign">
              新建活动
            </Button>
          )
        }
      >
        活动
      </PageTitle>
      <Card>
        <Typography.Paragraph type="secondary">
          活动在指定地区、方法学和时间范围内按倍数发放积分；同一行为只适用倍数最高的一个活动，不叠加。取消后，之后核算的行为不再享受该活动。
        </Typography.Paragraph>
        <OrLoadError remote={campaigns} what="活动">
          <ScrollBox label="活动列表">
            <Table<Campaign>
              rowKey="id"
              loading={campaigns.loading}
              dataSource={campaigns.data ?? []}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: '暂无活动' }}
              columns={[
                { title: '活动名称', dataIndex: 'name' },
                {
                  title: '适用地区',
                  dataIndex: 'regionScope',
                  render: (scope: string[] | null) => scopeTags(scope, districtLabel, '全省'),
                },
                {
                  title: '适用方法学',
                  dataIndex: 'methodologies',
                  render: (ids: string[] | null) => scopeTags(ids, methodologyLabel, '全部方法学'),
                },
                { title: '开始时间', dataIndex: 'startsAt', render: formatCst },
                { title: '结束时间', dataIndex: 'endsAt', render: formatCst },
                {
                  title: '积分倍数',
                  dataIndex: 'multiplier',
                  render: (multiplier: string) => (
                    <Typography.Text strong>×{Number(multiplier)}</Typography.Text>
                  ),
                },
                {
                  title: '状态',
                  key: 'phase',
                  render: (_, campaign) => {
                    const tag = PHASE_TAGS[phaseOf(campaign)];
                    return (
                      <Tag
                        color={tag.color}
                        title={campaign.cancelledAt ? `取消于 ${formatCst(campaign.cancelledAt)}` : undefined}
                      >
                        {tag.label}
                      </Tag>
                    );
                  },
                },
                ...(writable
                  ? [
                      {
                        title: '操作',
                        key: 'actions',
                        render: (_: unknown, campaign: Campaign) =>
                          campaign.cancelledAt ? null : (
                            <Popconfirm
                              title={`取消活动「${campaign.name}」？`}
                              description="取消后，之后核算的行为不再享受该倍数（已发放的积分不变）。此操作不可恢复。"
                              okText="取消活动"
                              cancelText="返回"
                              okButtonProps={{ danger: true }}
                              onConfirm={() => cancel(campaign)}
                            >
                              <Button size="small" danger loading={cancelling === campaign.id}>
                                取消活动
                              </Button>
                            </Popconfirm>
                          ),
                      },
                    ]
                  : []),
              ]}
            />
          </ScrollBox>
        </OrLoadError>
        <CampaignFormModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            campaigns.reload();
          }}
        />
      </Card>
    </>
  );
}
