import { Alert, Button, Descriptions, Modal, Popconfirm, Space, Typography } from 'antd';
import type { IssuedKey } from './partner-api';

/**
 * Shows a new key's secret, the one time it exists outside the database's ciphertext. The modal
 * only closes through its buttons, so nobody dismisses it by a stray click before copying. During a
 * rotation it also offers to revoke the old key once the partner has the new one.
 */
export function PartnerKeySecretModal({
  issued,
  rotatingFrom,
  revoking,
  onRevokeOld,
  onClose,
}: {
  issued: IssuedKey | undefined;
  /** The key being replaced, when this key was issued by a rotation. */
  rotatingFrom?: string;
  revoking: boolean;
  onRevokeOld: () => void;
  onClose: () => void;
}) {
  const footer = rotatingFrom ? (
    <Space>
      <Button onClick={onClose}>稍后吊销（两个密钥暂时同时有效）</Button>
      <Popconfirm
        title="吊销旧密钥？"
        description={`吊销 ${rotatingFrom} 后，用它签名的请求将立即被拒绝，且不可恢复。请确认合作方已改用新密钥。`}
        okText="吊销"
        cancelText="取消"
        okButtonProps={{ danger: true }}
        onConfirm={onRevokeOld}
      >
        <Button danger type="primary" loading={revoking} data-testid="revoke-old-key">
          已保存新密钥，吊销旧密钥
        </Button>
      </Popconfirm>
    </Space>
  ) : (
    <Button type="primary" onClick={onClose} data-testid="secret-saved">
      我已保存，关闭
    </Button>
  );

  return (
    <Modal
      title={rotatingFrom ? '轮换密钥：新密钥已签发' : '新密钥已签发'}
      open={Boolean(issued)}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={footer}
      width={640}
    >
      {issued && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Alert
            type="warning"
            showIcon
            title="密钥只显示一次"
            description="关闭此窗口后将无法再次查看该密钥（系统只保存加密后的密文）。请立即复制，并通过安全渠道交给合作方。如果遗失，只能签发新密钥并吊销此密钥。"
          />
          <Descriptions
            column={1}
            bordered
            size="small"
            items={[
              { key: 'partner', label: '合作方', children: issued.partnerId },
              {
                key: 'keyId',
                label: '密钥 ID',
                children: <Typography.Text copyable={{ text: issued.keyId }}>{issued.keyId}</Typography.Text>,
              },
              {
                key: 'secret',
                label: '密钥（secret）',
                children: (
                  <Typography.Text
                    code
                    data-testid="issued-secret"
                    copyable={{ text: issued.secret, tooltips: ['复制密钥', '已复制'] }}
                    style={{ wordBreak: 'break-all' }}
                  >
                    {issued.secret}
                  </Typography.Text>
                ),
              },
            ]}
          />
          {rotatingFrom && (
            <Alert
              type="info"
              showIcon
              title={`旧密钥 ${rotatingFrom} 仍然有效`}
              description="新旧两个密钥目前同时有效。合作方切换到新密钥后，请吊销旧密钥；也可以稍后在密钥列表中吊销。"
            />
          )}
        </Space>
      )}
    </Modal>
  );
}
