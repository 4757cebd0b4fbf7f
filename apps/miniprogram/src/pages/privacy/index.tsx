import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { api } from '../../api';
import { useAction } from '../../api/hooks';
import type { Schemas } from '../../api/types';
import { Btn, Card, Field, Notice, Row } from '../../components/ui';
import { Page } from '../../components/page';
import { formatCst } from '../../lib/china-time';
import { requireSession, signOut } from '../../lib/session';

type Export = Schemas['PrivacyExportDto'];

const SECTIONS: { key: Exclude<keyof Export, 'exportedAt' | 'profile'>; label: string }[] = [
  { key: 'accounts', label: '账户' },
  { key: 'actions', label: '低碳行为记录' },
  { key: 'ledgerEntries', label: '账目' },
  { key: 'lots', label: '积分批次' },
  { key: 'orders', label: '兑换订单' },
  { key: 'bindings', label: '合作方授权' },
  { key: 'holds', label: '积分冻结' },
  { key: 'donations', label: '捐赠' },
  { key: 'friends', label: '好友' },
  { key: 'teams', label: '团队' },
  { key: 'badges', label: '徽章' },
];

const CONFIRM_WORD = '注销';

/** What deletion keeps (the API lists the same three in English, for support). */
const KEPT_ZH = [
  '账户余额和账目：以匿名编号保存（账目只增不改，借贷必须平衡）',
  '已计入的减排核算：方法学版本、克数、计算过程和时间，不含你填写的内容和凭证',
  '积分批次、兑换订单、积分冻结和捐赠：作为财务记录保存',
];

/** 隐私: what the platform holds about me, and deleting my account behind a clear confirmation. */
export default function Privacy() {
  requireSession();
  const [held, setHeld] = useState<Export>();
  const [confirm, setConfirm] = useState('');
  const [deleted, setDeleted] = useState(false);
  const exporting = useAction();
  const deleting = useAction();
  const load = () => exporting.run(async () => setHeld(await api.get('/v1/me/export')));
  const copy = () => held && void Taro.setClipboardData({ data: JSON.stringify(held, null, 2) });
  const remove = () =>
    deleting.run(async () => {
      const result = await api.post('/v1/me/delete');
      setDeleted(result.deleted);
    });
  if (deleted)
    return (
      <Page title="账户已注销">
        <Card title="账户已注销" testId="deleted">
          <View>你的个人信息已删除。为保证账目可核查，以下内容以匿名编号保留：</View>
          {KEPT_ZH.map((line) => (
            <View key={line} className="small">
              · {line}
            </View>
          ))}
          <Btn onClick={signOut}>返回登录页</Btn>
        </Card>
      </Page>
    );
  return (
    <Page title="隐私" back>
      <Card title="平台保存了我的哪些信息">
        <View className="muted">
          我们不保存你的微信号，只保存一个无法反推的编号。你可以随时查看并复制全部数据。
        </View>
        <Notice error={exporting.error} />
        <Btn kind="plain" onClick={() => void load()} disabled={exporting.pending} testId="export">
          查看我的数据
        </Btn>
        {held ? (
          <View data-testid="export-summary">
            <View className="small">导出时间：{formatCst(held.exportedAt)}</View>
            {SECTIONS.map((section) => (
              <Row key={section.key} label={section.label} value={`${held[section.key].length} 条`} />
            ))}
            <Btn kind="plain" onClick={copy}>
              复制全部数据（JSON）
            </Btn>
          </View>
        ) : null}
      </Card>
      <Card title="注销账户">
        <View className="notice notice-error">
          注销后无法恢复：积分作废，好友、团队、授权和个人资料全部删除。已经产生的减排量和账目会以匿名编号保留，用于核查。
        </View>
        <Field
          id="confirm-delete"
          label={`请输入“${CONFIRM_WORD}”以确认`}
          value={confirm}
          onInput={setConfirm}
        />
        <Notice error={deleting.error} />
        <Btn
          kind="danger"
          onClick={() => void remove()}
          disabled={deleting.pending || confirm.trim() !== CONFIRM_WORD}
          testId="delete-account"
        >
          永久注销我的账户
        </Btn>
      </Card>
    </Page>
  );
}
