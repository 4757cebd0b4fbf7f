import { View } from '@tarojs/components';
import { useState } from 'react';
import { api, newIdempotencyKey } from '../../api';
import { useAction, useResource } from '../../api/hooks';
import type { Schemas } from '../../api/types';
import { Btn, Card, Loading, Notice, Row } from '../../components/ui';
import { formatCstDay } from '../../lib/china-time';
import { formatPoints } from '../../lib/format';

type Reward = Schemas['AvailableRewardDto'];

/** One redemption intent keeps one Idempotency-Key, so a retry after a lost answer never pays twice. */
function RedeemConfirm({
  reward,
  onDone,
  onCancel,
}: {
  reward: Reward;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const redeem = () =>
    action.run(async () => {
      await api.post('/v1/redemptions', {
        headers: { 'Idempotency-Key': key },
        body: { rewardId: reward.rewardId },
      });
      onDone();
    });
  return (
    <View className="info" role="dialog" aria-label="确认兑换">
      <View>
        确认用 {formatPoints(reward.points)} 兑换「{reward.title}」？
      </View>
      <Notice error={action.error} />
      <Btn onClick={() => void redeem()} disabled={action.pending} testId="confirm-redeem">
        确认兑换
      </Btn>
      <Btn kind="plain" onClick={onCancel} disabled={action.pending}>
        取消
      </Btn>
    </View>
  );
}

export function Rewards({ onRedeemed }: { onRedeemed: () => void }) {
  const rewards = useResource(() => api.get('/v1/rewards'));
  const account = useResource(() => api.get('/v1/me/account'));
  const [chosen, setChosen] = useState<string>();
  const [done, setDone] = useState<string>();
  return (
    <Card title="积分商城" testId="rewards">
      {account.data ? (
        <Row label="可用积分" value={formatPoints(account.data.points)} testId="shop-points" />
      ) : null}
      <Notice success={done} />
      <Loading
        loading={rewards.loading && !rewards.data}
        error={rewards.error}
        empty={rewards.data?.length === 0}
        emptyText="暂时没有可兑换的商品。"
      />
      {rewards.data?.map((reward) => (
        <View key={reward.rewardId} className="list-item" data-testid="reward">
          <Row label={reward.title} value={formatPoints(reward.points)} />
          <View className="small">
            剩余 {reward.stock} 份 · {formatCstDay(reward.validTo)} 前可兑换
          </View>
          {chosen === reward.rewardId ? (
            <RedeemConfirm
              reward={reward}
              onCancel={() => setChosen(undefined)}
              onDone={() => {
                setChosen(undefined);
                setDone(`已兑换「${reward.title}」，券码发放后可在“我的订单”查看。`);
                void rewards.reload();
                void account.reload();
                onRedeemed();
              }}
            />
          ) : (
            <Btn
              kind="plain"
              onClick={() => {
                setDone(undefined);
                setChosen(reward.rewardId);
              }}
              label={`兑换：${reward.title}`}
            >
              兑换
            </Btn>
          )}
        </View>
      ))}
    </Card>
  );
}
