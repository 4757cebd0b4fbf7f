import { View } from '@tarojs/components';
import { useState } from 'react';
import { api } from '../../api';
import { useAction, useResource } from '../../api/hooks';
import type { Schemas } from '../../api/types';
import { Btn, Card, Field, Loading, Notice, Row } from '../../components/ui';
import { Page } from '../../components/page';
import { formatCst } from '../../lib/china-time';
import { requireSession } from '../../lib/session';
import { BINDING_STATUS_ZH } from '../../lib/terms';

type BindingCode = Schemas['BindingCodeDto'];
type Binding = Schemas['BindingDto'];

function BindingRow({ binding, onRevoked }: { binding: Binding; onRevoked: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const revoke = () =>
    action.run(async () => {
      await api.post('/v1/me/bindings/{id}/revoke', { path: { id: binding.id } });
      setConfirming(false);
      onRevoked();
    });
  return (
    <View className="list-item" data-testid="binding" data-status={binding.status}>
      <Row label={binding.partnerName} value={BINDING_STATUS_ZH[binding.status] ?? binding.status} />
      <View className="small">
        {binding.activatedAt
          ? `授权于 ${formatCst(binding.activatedAt)}`
          : `创建于 ${formatCst(binding.createdAt)}`}
        {binding.revokedAt ? ` · 解除于 ${formatCst(binding.revokedAt)}` : ''}
      </View>
      {binding.status !== 'revoked' ? (
        confirming ? (
          <View className="info" role="dialog" aria-label="确认解除授权">
            解除后，{binding.partnerName}将不能再为你记录低碳行为或使用你的积分。
            <Btn
              kind="danger"
              onClick={() => void revoke()}
              disabled={action.pending}
              testId="confirm-revoke"
            >
              确认解除
            </Btn>
            <Btn kind="plain" onClick={() => setConfirming(false)}>
              取消
            </Btn>
          </View>
        ) : (
          <Btn kind="plain" onClick={() => setConfirming(true)} label={`解除授权：${binding.partnerName}`}>
            解除授权
          </Btn>
        )
      ) : null}
      <Notice error={action.error} />
    </View>
  );
}

/** 授权管理: a one-time consent code for a partner app, the bindings it made, and revoking them. */
export default function Bindings() {
  requireSession();
  const bindings = useResource(() => api.get('/v1/me/bindings'));
  const [partnerId, setPartnerId] = useState('');
  const [code, setCode] = useState<BindingCode>();
  const action = useAction();
  const createCode = () =>
    action.run(async () => {
      setCode(await api.post('/v1/me/bindings', { body: { partnerId: partnerId.trim().toLowerCase() } }));
      await bindings.reload();
    });
  return (
    <Page title="授权管理" back>
      <Card title="授权合作方">
        <View className="muted">
          合作方（如共享单车、公交、电网等应用）要为你记录减排或使用积分时，需要你给出一次性授权码。授权码 10
          分钟内有效，只能用一次。
        </View>
        <Field
          id="partner-id"
          label="合作方编号"
          value={partnerId}
          onInput={setPartnerId}
          hint="合作方应用里会显示，例如 hellobike"
          maxlength={64}
        />
        <Notice error={action.error} />
        <Btn
          onClick={() => void createCode()}
          disabled={action.pending || !/^[a-z][a-z0-9-]{1,63}$/i.test(partnerId.trim())}
          testId="create-binding-code"
        >
          生成授权码
        </Btn>
        {code ? (
          <View className="info" data-testid="binding-code-box">
            <View className="code" data-testid="binding-code">
              {code.code}
            </View>
            <View className="small">请在合作方应用中输入此授权码，{formatCst(code.expiresAt)} 前有效。</View>
          </View>
        ) : null}
      </Card>
      <Card title="已授权的合作方" testId="bindings">
        <Loading
          loading={bindings.loading && !bindings.data}
          error={bindings.error}
          empty={bindings.data?.length === 0}
          emptyText="还没有授权任何合作方。"
        />
        {bindings.data?.map((binding) => (
          <BindingRow key={binding.id} binding={binding} onRevoked={() => void bindings.reload()} />
        ))}
      </Card>
    </Page>
  );
}
