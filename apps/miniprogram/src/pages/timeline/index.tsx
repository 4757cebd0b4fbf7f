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
import { formatGrams, formatGramsChange, formatPoints, formatPointsChange } from '../../lib/format';
import { requireSession } from '../../lib/session';
import { actionStatusZh, ledgerReasonZh } from '../../lib/terms';

type TimelineItem = Schemas['TimelineItemDto'];
type MyAction = Schemas['MyActionDto'];

function ActionLine({ action }: { action: MyAction }) {
  const tone = action.status === 'rejected' ? ' tag-bad' : action.status === 'settled' ? '' : ' tag-wait';
  return (
    <View className="list-item" data-testid="my-action" data-status={action.status}>
      <View className="row">
        <View className="row-label">
          {methodologyNameZh(action.methodology)}
          <View className={`tag${tone}`}>{actionStatusZh(action.status)}</View>
        </View>
        <View className="small">{formatCst(action.occurredAt)}</View>
      </View>
      {action.grams !== null ? (
        <View>
          减排 {formatGrams(action.grams)}
          {action.points !== null ? `，获得 ${formatPoints(action.points)}` : ''}
        </View>
      ) : null}
      {action.reasonCode ? (
        <View className="small" data-testid="action-reason">
          {sentenceForCode(action.reasonCode)}
        </View>
      ) : null}
    </View>
  );
}

/** A list paged by nextCursor: the first page on open, the next ones on 加载更多. */
function usePaged<T>(load: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>) {
  const [more, setMore] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>();
  const first = useResource(async () => {
    const page = await load();
    setMore([]);
    setCursor(page.nextCursor);
    return page.items;
  });
  const loading = useAction();
  const next = () =>
    loading.run(async () => {
      if (!cursor) return;
      const page = await load(cursor);
      setMore((items) => [...items, ...page.items]);
      setCursor(page.nextCursor);
    });
  return { first, items: [...(first.data ?? []), ...more], cursor, next, loading };
}

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

/** 明细: every action of mine (from any source) with its status and reason, and every posting explained. */
export default function Timeline() {
  requireSession();
  const actions = usePaged((cursor) => api.get('/v1/me/actions', { query: { limit: 20, cursor } }));
  const postings = usePaged((cursor) => api.get('/v1/me/timeline', { query: { limit: 20, cursor } }));
  return (
    <Page title="明细" back>
      <Card title="我的低碳行为" testId="my-actions">
        <Loading
          loading={actions.first.loading && !actions.first.data}
          error={actions.first.error}
          empty={actions.items.length === 0}
          emptyText="还没有记录低碳行为。"
        />
        {actions.items.map((action) => (
          <ActionLine key={action.id} action={action} />
        ))}
        <Notice error={actions.loading.error} />
        {actions.cursor ? (
          <Btn kind="plain" onClick={() => void actions.next()} disabled={actions.loading.pending}>
            更多行为
          </Btn>
        ) : null}
      </Card>
      <Card title="账户变动" testId="timeline">
        <Loading
          loading={postings.first.loading && !postings.first.data}
          error={postings.first.error}
          empty={postings.items.length === 0}
          emptyText="还没有账户变动。"
        />
        {postings.items.map((item) => (
          <Posting key={item.postingId} item={item} />
        ))}
        <Notice error={postings.loading.error} />
        {postings.cursor ? (
          <Btn kind="plain" onClick={() => void postings.next()} disabled={postings.loading.pending}>
            加载更多
          </Btn>
        ) : null}
      </Card>
    </Page>
  );
}
