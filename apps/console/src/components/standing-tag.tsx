import { Tag } from 'antd';
import type { MethodologyVersion } from './methodology-types';

/** Text and tag colours with contrast ≥ 4.5:1 (antd's preset tag colours fall short for some). */
const STANDING: Record<MethodologyVersion['standing'], { label: string; color: string; background: string }> =
  {
    'in-force': { label: '现行', color: '#135200', background: '#f6ffed' },
    scheduled: { label: '待生效', color: '#003a8c', background: '#e6f4ff' },
    superseded: { label: '已被取代', color: '#434343', background: '#f5f5f5' },
    expired: { label: '已失效', color: '#434343', background: '#f5f5f5' },
    withdrawn: { label: '已撤回', color: '#a8071a', background: '#fff1f0' },
    draft: { label: '草稿', color: '#7c4a03', background: '#fffbe6' },
  };

/** Where a version stands today: 现行 / 待生效 / 已被取代（由第 N 版）/ 已失效 / 已撤回 / 草稿. */
export function StandingTag({ version }: { version: Pick<MethodologyVersion, 'standing' | 'supersededBy'> }) {
  const style = STANDING[version.standing];
  return (
    <Tag
      data-testid="version-status"
      style={{ color: style.color, background: style.background, borderColor: style.color }}
    >
      {style.label}
      {version.standing === 'superseded' &&
        version.supersededBy !== null &&
        `（由第 ${version.supersededBy} 版）`}
    </Tag>
  );
}
