import { Button, Card, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { ScrollBox } from '../components/scroll-box';
import { useState } from 'react';
import { useApiFeedback } from '../components/api-feedback';
import {
  activeKeys,
  MAX_ACTIVE_KEYS,
  PARTNER_KIND_LABELS,
  partnersApi,
  type IssuedKey,
  type Partner,
} from '../components/partner-api';
import { PartnerFormModal } from '../components/partner-form-modal';
import { PartnerKeySecretModal } from '../components/partner-key-secret-modal';
import { PartnerKeysTable } from '../components/partner-keys-table';
import { OrLoadError } from '../components/remote-view';
import { PageTitle } from '../components/page-title';
import { useRemote } from '../components/use-remote';
import { methodologyLabel } from '../labels';
import { canWrite } from '../session';
import { formatCst } from '../cst';
import type { PageProps } from './index';

/** Partners (data providers, redemption channels) and their API keys: issue, rotate, revoke. */
export function PartnersPage(_props: PageProps) {
  const writable = canWrite();
  const feedback = useApiFeedback();
  const partners = useRemote(partnersApi.list, 'partners');
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<{ key: IssuedKey; rotatingFrom?: string }>();
  const [busyPartner, setBusyPartner] = useState<string>();
  const [revokingKeyId, setRevokingKeyId] = useState<string>();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());

  const issueKey = async (partner: Partner, rotatingFrom?: string) => {
    setBusyPartner(partner.id);
    try {
      setIssued({ key: await partnersApi.issueKey(partner.id), rotatingFrom });
      partners.reload();
    } catch (caught) {
      feedback.error(caught, '签发密钥失败');
    } finally {
      setBusyPartner(undefined);
    }
  };

  const revokeKey = async (partnerId: string, keyId: string): Promise<boolean> => {
    setRevokingKeyId(keyId);
    try {
      await partnersApi.revokeKey(partnerId, keyId);
      feedback.success(`已吊销密钥 ${keyId}`);
      return true;
    } catch (caught) {
      feedback.error(caught, '吊销密钥失败');
      return false;
    } finally {
      setRevokingKeyId(undefined);
      partners.reload();
    }
  };

  const finishRotation = async () => {
    if (!issued?.rotatingFrom) return;
    if (await revokeKey(issued.key.partnerId, issued.rotatingFrom)) setIssued(undefined);
  };

  const keyActions = (partner: Partner) => {
    const active = activeKeys(partner);
    const full = active.length >= MAX_ACTIVE_KEYS;
    return (
      <Space>
        <Tooltip title={full ? `最多 ${MAX_ACTIVE_KEYS} 个有效密钥：请先吊销一个` : undefined}>
          <Button
            size="small"
            disabled={full}
            loading={busyPartner === partner.id}
            onClick={() => issueKey(partner)}
          >
            新建密钥
          </Button>
        </Tooltip>
        <Tooltip
          title={
            active.length === 1 ? undefined : full ? '已有两个有效密钥：请先吊销旧密钥' : '没有有效密钥可轮换'
          }
        >
          <Popconfirm
            title="轮换密钥？"
            description={`将签发一个新密钥，与旧密钥 ${active[0]?.keyId ?? ''} 同时有效；保存新密钥后再确认吊销旧密钥。`}
            okText="签发新密钥"
            cancelText="取消"
            disabled={active.length !== 1}
            onConfirm={() => issueKey(partner, active[0].keyId)}
          >
            <Button size="small" disabled={active.length !== 1}>
              轮换密钥
            </Button>
          </Popconfirm>
        </Tooltip>
      </Space>
    );
  };

  const rows = partners.data ?? [];
  return (
    <>
      <PageTitle
        extra={
          writable && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="create-partner">
              新建合作方
            </Button>
          )
        }
      >
        合作方与密钥
      </PageTitle>
      <Card>
        <OrLoadError remote={partners} what="合作方">
          <ScrollBox label="合作方列表">
            <Table<Partner>
              rowKey="id"
              loading={partners.loading}
              dataSource={rows}
              pagination={false}
              expandable={{
                expandedRowKeys: rows.map((p) => p.id).filter((id) => !collapsed.has(id)),
                onExpand: (expanded, partner) => {
                  const next = new Set(collapsed);
                  if (expanded) next.delete(partner.id);
                  else next.add(partner.id);
                  setCollapsed(next);
                },
                expandedRowRender: (partner) => (
                  <PartnerKeysTable
                    partner={partner}
                    writable={writable}
                    revokingKeyId={revokingKeyId}
                    onRevoke={(keyId) => void revokeKey(partner.id, keyId)}
                  />
                ),
              }}
              columns={[
                {
                  title: '合作方',
                  key: 'name',
                  render: (_, p) => (
                    <Space orientation="vertical" size={0}>
                      <Typography.Text strong>{p.displayName}</Typography.Text>
                      <Typography.Text type="secondary" translate="no">
                        {p.id}
                      </Typography.Text>
                      {p.disabledAt && <Tag color="red">已停用</Tag>}
                    </Space>
                  ),
                },
                {
                  title: '类型',
                  dataIndex: 'kinds',
                  render: (kinds: string[]) =>
                    kinds.map((k) => <Tag key={k}>{PARTNER_KIND_LABELS[k] ?? k}</Tag>),
                },
                {
                  title: '可推送方法学',
                  dataIndex: 'methodologies',
                  render: (ids: string[]) =>
                    ids.length ? (
                      ids.map((id) => <Tag key={id}>{methodologyLabel(id)}</Tag>)
                    ) : (
                      <Typography.Text type="secondary">无</Typography.Text>
                    ),
                },
                {
                  title: '积分兑换',
                  dataIndex: 'mayRedeem',
                  width: 90,
                  render: (may: boolean) => (may ? <Tag color="green">允许</Tag> : <Tag>不允许</Tag>),
                },
                {
                  title: '推送地址',
                  dataIndex: 'webhookUrl',
                  width: 200,
                  ellipsis: { showTitle: true },
                  render: (url: string | null) =>
                    url ? (
                      <span translate="no">{url}</span>
                    ) : (
                      <Typography.Text type="secondary">未设置</Typography.Text>
                    ),
                },
                {
                  title: '有效 / 全部密钥',
                  key: 'keys',
                  width: 120,
                  render: (_, p) => `${activeKeys(p).length} / ${p.keys.length}`,
                },
                { title: '创建时间', dataIndex: 'createdAt', width: 110, render: formatCst },
                ...(writable
                  ? [
                      {
                        title: '密钥操作',
                        key: 'actions',
                        width: 200,
                        render: (_: unknown, p: Partner) => keyActions(p),
                      },
                    ]
                  : []),
              ]}
            />
          </ScrollBox>
        </OrLoadError>
        <PartnerFormModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            partners.reload();
          }}
        />
        <PartnerKeySecretModal
          issued={issued?.key}
          rotatingFrom={issued?.rotatingFrom}
          revoking={Boolean(issued?.rotatingFrom && revokingKeyId === issued.rotatingFrom)}
          onRevokeOld={() => void finishRotation()}
          onClose={() => setIssued(undefined)}
        />
      </Card>
    </>
  );
}
