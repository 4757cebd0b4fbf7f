import { useRouter, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import { Choice } from '../../components/ui';
import { Page } from '../../components/page';
import { requireSession } from '../../lib/session';
import { Badges } from './badges';
import { Friends } from './friends';
import { Leaderboard } from './leaderboard';
import { Teams } from './teams';

type Section = 'board' | 'friends' | 'teams' | 'badges';

/** 排行榜 / 好友 / 团队 / 徽章. */
export default function Social() {
  requireSession();
  // A friend's shared card opens this page with their invite code, ready to add.
  const received = useRouter().params.invite;
  const [section, setSection] = useState<Section>(received ? 'friends' : 'board');
  const [myInvite, setMyInvite] = useState<string>();
  useShareAppMessage(() => ({
    title: myInvite ? `加我为好友，一起攒碳积分（邀请码 ${myInvite}）` : '一起低碳出行，攒碳积分',
    path: myInvite ? `/pages/social/index?invite=${myInvite}` : '/pages/social/index',
  }));
  return (
    <Page title="社区" tab="/pages/social/index">
      <Choice
        label="查看"
        value={section}
        onChange={setSection}
        options={[
          { value: 'board', label: '排行榜' },
          { value: 'friends', label: '好友' },
          { value: 'teams', label: '团队' },
          { value: 'badges', label: '徽章' },
        ]}
      />
      {section === 'board' ? <Leaderboard /> : null}
      {section === 'friends' ? <Friends received={received} onInvite={setMyInvite} /> : null}
      {section === 'teams' ? <Teams /> : null}
      {section === 'badges' ? <Badges /> : null}
    </Page>
  );
}
