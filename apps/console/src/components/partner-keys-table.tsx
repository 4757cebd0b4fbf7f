import { Button, Popconfirm, Table, Tag, Typography } from 'antd';
import { ScrollBox } from './scroll-box';
import { formatCst } from '../cst';
import { activeKeys, type Partner, type PartnerKey } from './partner-api';

/** One partner's keys, newest first; admins can revoke an active one (after confirming). */
export function PartnerKeysTable({
  partner,
  writable,
  revokingKeyId,
  onRevoke,
}: {
  partner: Partner;
  writable: boolean;
  revokingKeyId?: string;
  onRevoke: (keyId: string) => void;
}) {
  const lastActive = activeKeys(partner).length === 1;
  const keys = [...partner.keys].reverse();
  return (
    <ScrollBox label="密钥列表">
      <Table<PartnerKey>
        size="small"
        rowKey="keyId"
        dataSource={keys}
        pagination={false}
        locale={{ emptyText: '尚未签发密钥' }}
        columns={[
          {
            title: '密钥 ID',
            dataIndex: 'keyId',
            render: (keyId: string) => (
              <Typography.Text copyable translate="no">
                {keyId}
              </Typography.Text>
            ),
          },
          {
            title: '状态',
            key: 'status',
            render: (_, key) => (key.revokedAt ? <Tag>已吊销</Tag> : <Tag color="green">有效</Tag>),
          },
          { title: '签发时间', dataIndex: 'createdAt', render: formatCst },
          { title: '吊销时间', dataIndex: 'revokedAt', render: formatCst },
          ...(writable
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  render: (_: unknown, key: PartnerKey) =>
                    key.revokedAt ? null : (
                      <Popconfirm
                        title={`吊销密钥 ${key.keyId}？`}
                        description={
                          lastActive
                            ? '这是该合作方唯一有效的密钥：吊销后它的所有请求都将被拒绝，直到签发新密钥。此操作不可恢复。'
                            : '用此密钥签名的请求将立即被拒绝。此操作不可恢复。'
                        }
                        okText="吊销"
                        cancelText="取消"
                        okButtonProps={{ danger: true }}
                        onConfirm={() => onRevoke(key.keyId)}
                      >
                        <Button size="small" danger loading={revokingKeyId === key.keyId}>
                          吊销
                        </Button>
                      </Popconfirm>
                    ),
                },
              ]
            : []),
        ]}
      />
    </ScrollBox>
  );
}
