import { View } from '@tarojs/components';
import { api } from '../../api';
import { useResource } from '../../api/hooks';
import { Card, Loading } from '../../components/ui';
import { formatCstDay } from '../../lib/china-time';

export function Badges() {
  const profile = useResource(() => api.get('/v1/me/profile'));
  const badges = profile.data?.badges ?? [];
  return (
    <Card title="我的徽章" testId="badges">
      <Loading
        loading={profile.loading && !profile.data}
        error={profile.error}
        empty={profile.data && badges.length === 0}
        emptyText="还没有徽章，完成第一次低碳行为即可获得。"
      />
      <View className="grid">
        {badges.map((badge) => (
          <View key={badge.id} className="tile">
            <View className="tile-title">{badge.title}</View>
            <View className="small">{formatCstDay(badge.awardedAt)} 获得</View>
          </View>
        ))}
      </View>
    </Card>
  );
}
