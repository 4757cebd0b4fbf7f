import { View } from '@tarojs/components';
import { useState } from 'react';
import { api } from '../../api';
import { useAction, useResource } from '../../api/hooks';
import { Btn, Card, Field, Notice, Row, pressable } from '../../components/ui';
import { Page, go } from '../../components/page';
import { DISTRICT_OPTIONS, districtName } from '../../lib/districts';
import { formatGrams } from '../../lib/format';
import { loginCode, requireSession, savedDistrict, signIn, signOut } from '../../lib/session';

const LINKS = [
  { url: '/pages/timeline/index', title: '明细' },
  { url: '/pages/werun/index', title: '微信运动' },
  { url: '/pages/bindings/index', title: '授权管理' },
  { url: '/pages/privacy/index', title: '隐私与注销' },
];

/** 我的: nickname, district, and the way to the other pages. */
export default function Me() {
  requireSession();
  const profile = useResource(() => api.get('/v1/me/profile'));
  const [nickname, setNickname] = useState<string>();
  const [district, setDistrict] = useState(savedDistrict());
  const [done, setDone] = useState<string>();
  const action = useAction();
  const save = () =>
    action.run(async () => {
      await api.patch('/v1/me/profile', { body: { nickname: nickname?.trim() || null } });
      setDone('昵称已保存');
      await profile.reload();
    });
  const move = (code: string) =>
    action.run(async () => {
      // A district change is a login naming the new district, with a fresh login code.
      await signIn(await loginCode(), code);
      setDistrict(code);
      setDone(`所在区县已改为${districtName(code)}`);
    });
  return (
    <Page title="我的" tab="/pages/me/index">
      <Card title="个人资料">
        {profile.data ? <Row label="累计减排" value={formatGrams(profile.data.grams)} /> : null}
        <Field
          id="nickname"
          label="昵称（排行榜上显示，不填则为匿名用户）"
          value={nickname ?? (profile.data?.anonymous ? '' : (profile.data?.displayName ?? ''))}
          onInput={setNickname}
          maxlength={24}
        />
        <Btn kind="plain" onClick={() => void save()} disabled={action.pending}>
          保存昵称
        </Btn>
        <Row label="所在区县" value={districtName(district)} />
        <View className="small">点选下方区县即可修改：</View>
        <View className="choice-row" role="radiogroup" aria-label="修改所在区县">
          {DISTRICT_OPTIONS.map((option) => (
            <View
              key={option.code}
              className={`choice${option.code === district ? ' choice-selected' : ''}`}
              aria-checked={option.code === district ? 'true' : 'false'}
              onClick={() => void move(option.code)}
              {...pressable(() => void move(option.code), 'radio')}
            >
              {option.name}
            </View>
          ))}
        </View>
        <Notice error={action.error} success={done} />
      </Card>
      <Card>
        {LINKS.map((link) => (
          <View
            key={link.url}
            className="list-item row"
            onClick={() => go(link.url)}
            {...pressable(() => go(link.url), 'link')}
          >
            <View>{link.title}</View>
            <View className="muted">›</View>
          </View>
        ))}
      </Card>
      <Btn kind="plain" onClick={signOut}>
        退出登录
      </Btn>
    </Page>
  );
}
