import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { methodologyNameZh, sentenceForCode } from '../../../../../libs/contracts/src/messages-zh';
import { api } from '../../api';
import { useAction, useResource } from '../../api/hooks';
import type { Schemas } from '../../api/types';
import { Btn, Card, Loading, Notice } from '../../components/ui';
import { Page } from '../../components/page';
import { formatCst } from '../../lib/china-time';
import { explainAction } from '../../lib/explain';
import { formatGrams, formatGramsChange, formatPointsChange } from '../../lib/format';
import { submittedActions } from '../../lib/my-actions';
import { requireSession } from '../../lib/session';
import { actionStatusZh, ledgerReasonZh } from '../../lib/terms';

type TimelineItem = Schemas['TimelineItemDto'];

function Posting({ item }: { item: TimelineItem }) {
  const lines = item.action ? explainAction(item.action) : [];
  return (
    <View className="list-item" data-testid="timeline-item">
      <View className="row">
        <View className="row-label">
          {ledgerReasonZh(item.reason)}
          {item.action ? ` · ${methodologyNameZh(item.action.methodology)}` : ''}
        </View>
        <View className="small">{formatCst(item.at)}</View>
      </View>
      <View className="amounts">
        {item.grams !== '0' ? <Text className="amount">减排 {formatGramsChange(item.grams)}</Text> : null}
        {item.points !== '0' ? <Text className="amount">{formatPointsChange(item.points)}</Text> : null}
        {item.heldPoints !== '0' ? <Text>冻结 {formatPointsChange(item.heldPoints)}</Text> : null}
      </View>
      {lines.map((line) => (
        <View key={line} className="small" data-testid="explanation">
          {line}
        </View>
      ))}
      {item.lot ? (
        <View className="small">
          这批积分获得于 {formatCst(item.lot.earnedAt)}，已于 {formatCst(item.lot.expiresAt)} 到期。
        </View>
      ) : null}
    </View>
  );
}

/** 明细: every posting explained, and where each action submitted from this phone stands. */
export default function Timeline() {
  requireSession();
  const [more, setMore] = useState<TimelineItem[]>([]);
  const [cursor, setCursor] = useState<string | null>();
  const first = useResource(async () => {
    const page = await api.get('/v1/me/timeline', { query: { limit: 20 } });
    setMore([]);
    setCursor(page.nextCursor);
    return page.items;
  });
  const mine = useResource(() =>
    Promise.all(
      submittedActions()
        .slice(0, 10)
        .map((saved) => api.get('/v1/me/actions/{id}', { path: { id: saved.id } }).catch(() => null)),
    ),
  );
  const loadMore = useAction();
  const next = () =>
    loadMore.run(async () => {
      if (!cursor) return;
      const page = await api.get('/v1/me/timeline', { query: { limit: 20, cursor } });
      setMore((items) => [...items, ...page.items]);
      setCursor(page.nextCursor);
    });
  const actions = (mine.data ?? []).filter((a): a is NonNullable<typeof a> => a !== null);
  const items = [...(first.data ?? []), ...more];
  return (
    <Page title="明细" back>
      {actions.length > 0 ? (
        <Card title="最近提交的记录" testId="my-actions">
          {actions.map((action) => (
            <View key={action.id} className="list-item" data-testid="my-action" data-status={action.status}>
              <View className="row">
                <View className="row-label">
                  {methodologyNameZh(action.methodology)}
                  <View
                    className={`tag${action.status === 'rejected' ? ' tag-bad' : action.status === 'settled' ? '' : ' tag-wait'}`}
                  >
                    {actionStatusZh(action.status)}
                  </View>
                </View>
                <View className="small">{formatCst(action.occurredAt)}</View>
              </View>
              {action.grams !== null ? <View>减排 {formatGrams(action.grams)}</View> : null}
              {action.status === 'rejected' ? (
                <View className="small">
                  {sentenceForCode(action.reasonCode)}（代码 {action.reasonCode}）
                </View>
              ) : null}
            </View>
          ))}
        </Card>
      ) : null}
      <Card title="账户变动" testId="timeline">
        <Loading
          loading={first.loading && !first.data}
          error={first.error}
          empty={items.length === 0}
          emptyText="还没有账户变动。"
        />
        {items.map((item) => (
          <Posting key={item.postingId} item={item} />
        ))}
        <Notice error={loadMore.error} />
        {cursor ? (
          <Btn kind="plain" onClick={() => void next()} disabled={loadMore.pending}>
            加载更多
          </Btn>
        ) : null}
      </Card>
    </Page>
  );
}
