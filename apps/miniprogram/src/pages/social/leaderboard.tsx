import { View } from '@tarojs/components';
import { useState } from 'react';
import { api } from '../../api';
import { useResource } from '../../api/hooks';
import { Card, Choice, Loading, Row } from '../../components/ui';
import { districtName } from '../../lib/districts';
import { formatGrams } from '../../lib/format';

export function Leaderboard() {
  const [scope, setScope] = useState<'district' | 'friends'>('district');
  const [period, setPeriod] = useState<'week' | 'all'>('week');
  const board = useResource(
    () => api.get('/v1/leaderboards', { query: { scope, period, limit: 20 } }),
    [scope, period],
  );
  const data = board.data;
  return (
    <Card title="排行榜" testId="leaderboard">
      <Choice
        label="范围"
        value={scope}
        onChange={setScope}
        options={[
          { value: 'district', label: '本区县' },
          { value: 'friends', label: '好友' },
        ]}
      />
      <Choice
        label="时间"
        value={period}
        onChange={setPeriod}
        options={[
          { value: 'week', label: '本周' },
          { value: 'all', label: '累计' },
        ]}
      />
      <Loading
        loading={board.loading && !data}
        error={board.error}
        empty={data?.items.length === 0}
        emptyText="还没有人上榜，快去记录第一次低碳行为吧。"
      />
      {data ? (
        <>
          {data.districtCode ? <View className="muted">{districtName(data.districtCode)}</View> : null}
          {data.items.map((row) => (
            <Row
              key={`${row.rank}-${row.displayName}`}
              label={`${row.rank}. ${row.displayName}${row.isYou ? '（我）' : ''}`}
              value={formatGrams(row.grams)}
            />
          ))}
          <View className="small">
            我的排名：{data.you.rank ?? '未上榜'} · {formatGrams(data.you.grams)}
          </View>
        </>
      ) : null}
    </Card>
  );
}
