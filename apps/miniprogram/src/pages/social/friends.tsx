import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { api } from '../../api';
import { useAction, useResource } from '../../api/hooks';
import type { Schemas } from '../../api/types';
import { Btn, Card, Field, Loading, Notice, Row } from '../../components/ui';
import { formatCst } from '../../lib/china-time';
import { formatGrams } from '../../lib/format';

type Invite = Schemas['FriendInviteDto'];

export function Friends(props: { received?: string; onInvite: (code: string) => void }) {
  const friends = useResource(() => api.get('/v1/me/friends'));
  const [invite, setInvite] = useState<Invite>();
  const [code, setCode] = useState(props.received ?? '');
  const [done, setDone] = useState<string>();
  const action = useAction();
  const createInvite = () =>
    action.run(async () => {
      const created = await api.post('/v1/me/friends/invites');
      setInvite(created);
      props.onInvite(created.code);
      if (process.env.TARO_ENV === 'weapp') void Taro.showShareMenu({ withShareTicket: false });
    });
  const addFriend = () =>
    action.run(async () => {
      setDone(undefined);
      const friend = await api.post('/v1/me/friends', { body: { code: code.trim().toUpperCase() } });
      setDone(`已添加好友：${friend.displayName}`);
      setCode('');
      await friends.reload();
    });
  return (
    <Card title="好友" testId="friends">
      <Btn kind="plain" onClick={() => void createInvite()} disabled={action.pending}>
        生成邀请码
      </Btn>
      {invite ? (
        <View className="info">
          <View className="code" data-testid="invite-code">
            {invite.code}
          </View>
          <View className="small">
            把邀请码发给好友（{formatCst(invite.expiresAt)}{' '}
            前有效）；在微信中点右上角“…”转发，好友打开即可添加。
          </View>
        </View>
      ) : null}
      <Field
        id="friend-code"
        label="好友的邀请码"
        value={code}
        onInput={setCode}
        placeholder="10 位字母或数字"
        maxlength={10}
      />
      <Btn
        onClick={() => void addFriend()}
        disabled={action.pending || code.trim().length !== 10}
        testId="add-friend"
      >
        添加好友
      </Btn>
      <Notice error={action.error} success={done} />
      <Loading
        loading={friends.loading && !friends.data}
        error={friends.error}
        empty={friends.data?.length === 0}
        emptyText="还没有好友。"
      />
      {friends.data?.map((friend) => (
        <Row key={friend.citizenId} label={friend.displayName} value={formatGrams(friend.grams)} />
      ))}
    </Card>
  );
}
