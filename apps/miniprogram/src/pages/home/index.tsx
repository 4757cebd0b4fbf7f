import { Text, View } from '@tarojs/components';
import { useShareAppMessage } from '@tarojs/taro';
import { methodologyNameZh } from '../../../../../libs/contracts/src/messages-zh';
import { useResource } from '../../api/hooks';
import { Card, Loading, Row, pressable } from '../../components/ui';
import { Page, go } from '../../components/page';
import { loadHome } from '../../lib/account';
import { formatCst, formatCstDay } from '../../lib/china-time';
import { compareWeeks, formatGrams, formatPoints, formatRatio } from '../../lib/format';
import { EQUIVALENT_ZH } from '../../lib/terms';
import { requireSession } from '../../lib/session';

const SHORTCUTS = [
  { url: '/pages/record/index', title: '记录低碳行为', note: '骑行、公交、地铁、拼车、旧衣回收' },
  { url: '/pages/werun/index', title: '微信运动', note: '同步步数，记为步行减排' },
  { url: '/pages/timeline/index', title: '明细', note: '每一笔减排是怎么算的' },
  { url: '/pages/shop/index', title: '积分商城', note: '兑换礼品、捐赠积分' },
];

/** 我的碳账户: reductions, points, this week against last, equivalents, what expires soon, campaigns in force. */
export default function Home() {
  const ok = requireSession();
  const home = useResource(() => (ok ? loadHome() : new Promise<never>(() => {})));
  useShareAppMessage(() => ({ title: '一起低碳出行，攒碳积分', path: '/pages/home/index' }));
  const data = home.data;
  return (
    <Page title="我的碳账户" tab="/pages/home/index">
      <Loading loading={home.loading && !data} error={home.error} />
      {data ? (
        <>
          <Card className="hero" testId="balance">
            <Text className="muted">累计减排</Text>
            <View className="big" data-testid="total-grams">
              {formatGrams(data.account.grams)}
            </View>
            <Row label="可用积分" value={formatPoints(data.account.points)} testId="points" />
            {data.account.heldPoints !== '0' ? (
              <Row label="合作方冻结中" value={formatPoints(data.account.heldPoints)} />
            ) : null}
            <Row
              label="本周减排"
              value={`${formatGrams(data.weeks.thisWeek)}（${compareWeeks(data.weeks.thisWeek, data.weeks.lastWeek)}）`}
              testId="this-week"
            />
            <Row
              label="今日"
              value={`${formatGrams(data.nudges.today.grams)} · ${data.nudges.today.actions} 次`}
            />
            {data.nudges.greenTripStreakDays > 0 ? (
              <Row label="绿色出行连续" value={`${data.nudges.greenTripStreakDays} 天`} />
            ) : null}
          </Card>

          <View className="grid">
            {SHORTCUTS.map((item) => (
              <View
                key={item.url}
                className="tile"
                onClick={() => go(item.url)}
                {...pressable(() => go(item.url), 'link')}
              >
                <View className="tile-title">{item.title}</View>
                <View className="small">{item.note}</View>
              </View>
            ))}
          </View>

          {data.expiring.points !== '0' ? (
            <Card title="即将过期的积分">
              <View className="notice notice-error">
                {formatPoints(data.expiring.points)}将在 {data.expiring.withinDays} 天内过期，记得使用。
              </View>
              {data.expiring.lots.slice(0, 3).map((lot) => (
                <Row
                  key={lot.id}
                  label={`${formatCstDay(lot.expiresAt)} 过期`}
                  value={formatPoints(lot.points)}
                />
              ))}
            </Card>
          ) : null}

          <Card title={`${data.summary.year} 年累计减排 ${formatGrams(data.summary.grams)}`}>
            {data.summary.equivalents.length === 0 ? <View className="muted">还没有减排记录。</View> : null}
            {data.summary.equivalents.map((equivalent) => {
              const zh = EQUIVALENT_ZH[equivalent.id];
              return (
                <View key={equivalent.id} className="list-item" data-testid="equivalent">
                  <View>
                    {zh?.label ?? equivalent.label}：
                    <Text className="row-value">
                      {formatRatio(data.summary.grams, equivalent.gramsPerUnit)}
                    </Text>{' '}
                    {zh?.unit ?? equivalent.unit}
                  </View>
                  <View className="small">
                    每{zh?.unit ?? equivalent.unit}按 {formatGrams(equivalent.gramsPerUnit)} 计。来源：
                    {zh?.source ?? equivalent.source}
                  </View>
                </View>
              );
            })}
            {data.summary.byMethodology.map((row) => (
              <Row
                key={row.methodology}
                label={`${methodologyNameZh(row.methodology)} · ${row.actions} 次`}
                value={formatGrams(row.grams)}
              />
            ))}
          </Card>

          <Card title="进行中的积分活动" testId="campaigns">
            {data.campaigns.length === 0 ? (
              <View className="muted">你所在的区县现在没有积分加成活动。</View>
            ) : (
              data.campaigns.map((campaign) => (
                <View key={campaign.id} className="list-item" data-testid="campaign">
                  <Row label={campaign.name} value={`积分 × ${campaign.multiplier}`} />
                  <View className="small">
                    {campaign.methodologies
                      ? `适用：${campaign.methodologies.map(methodologyNameZh).join('、')}`
                      : '适用：全部低碳行为'}
                    {`；${formatCst(campaign.startsAt)} 至 ${formatCst(campaign.endsAt)}`}
                  </View>
                </View>
              ))
            )}
          </Card>

          {data.nudges.untried.length > 0 ? (
            <Card title="试试这些低碳方式">
              {data.nudges.untried.slice(0, 3).map((item) => (
                <Row
                  key={item.methodology}
                  label={methodologyNameZh(item.methodology)}
                  value={item.estimate ? `约可减排 ${formatGrams(item.estimate.grams)}` : '—'}
                />
              ))}
            </Card>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
