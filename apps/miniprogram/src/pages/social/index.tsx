import { useShareAppMessage } from '@tarojs/taro';
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
  const [section, setSection] = useState<Section>('board');
  useShareAppMessage(() => ({
    title: '和我一起攒碳积分：在“社区”里输入我的邀请码加好友',
    path: '/pages/social/index',
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
      {section === 'friends' ? <Friends /> : null}
      {section === 'teams' ? <Teams /> : null}
      {section === 'badges' ? <Badges /> : null}
    </Page>
  );
}
