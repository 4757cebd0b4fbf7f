import { Tooltip } from 'antd';
import type { Schema } from '../../api';
import { ToneTag } from '../tone-tag';

type KeyInput = Schema<'KeyInputDto'>;
type Outlier = Schema<'OutlierDto'>;

const MODES: Record<string, string> = { bike: '自行车', ebike: '电动自行车' };

/** A metre count as 米 or 千米, a gram count as 克 or 千克: whichever reads naturally. */
const metres = (value: string) => (Number(value) >= 1000 ? `${Number(value) / 1000} 千米` : `${value} 米`);
const weight = (value: string) => (Number(value) >= 1000 ? `${Number(value) / 1000} 千克` : `${value} 克`);

/** Each payload field a reviewer reads: its Chinese name and the value in a Chinese unit. */
export const KEY_INPUT_LABELS: Record<string, { label: string; format: (value: string) => string }> = {
  mode: { label: '方式', format: (v) => MODES[v] ?? v },
  distanceM: { label: '距离', format: metres },
  detourM: { label: '绕行', format: metres },
  occupants: { label: '乘车人数', format: (v) => `${v} 人` },
  steps: { label: '步数', format: (v) => `${Number(v).toLocaleString('zh-CN')} 步` },
  weightG: { label: '重量', format: weight },
  meteredKWh: { label: '发电量', format: (v) => `${v} 千瓦时` },
  greenCertifiedKWh: { label: '已获绿证电量', format: (v) => `${v} 千瓦时` },
  installedKW: { label: '装机容量', format: (v) => `${v} 千瓦` },
  consumedKWh: { label: '用电量', format: (v) => `${v} 千瓦时` },
  coolingCapacityW: { label: '制冷量', format: (v) => `${v} 瓦` },
  labelledAnnualKWh: { label: '标识年耗电量', format: (v) => `${v} 千瓦时` },
};

const keyInputText = ({ name, value }: { name: string; value: string }) => {
  const known = KEY_INPUT_LABELS[name];
  return known ? `${known.label} ${known.format(value)}` : `${name} ${value}`;
};

export function KeyInputs({ inputs }: { inputs: KeyInput[] }) {
  if (!inputs.length) return <>—</>;
  return <span data-testid="key-inputs">{inputs.map(keyInputText).join('，')}</span>;
}

/** Where each bound comes from, in the words of the methodology's parameters. */
const BOUND_LABELS: Record<string, string> = {
  'eligibility.maxDistanceM': '单次计入的最大距离',
  'eligibility.maxCountedStepsPerDay': '每日计入步数上限',
  'eligibility.maxWeightG': '单次计入的最大重量',
  'installedKW × days × eligibility.maxPeakSunHoursPerDay': '装机容量 × 天数 × 每日满发小时上限',
  'eligibility.maxInstalledKW': '最大装机容量',
  'eligibility.maxKW × 24 h × days': '最大功率 × 24 小时 × 天数',
  'baseline.bands[last].maxCapacityW': '基准表中最大的制冷量',
};

/** The outlier flag, with a tooltip saying which bound the value came close to, and how the rule reads. */
export function OutlierFlag({ outlier }: { outlier: Outlier | null }) {
  if (!outlier) return <>—</>;
  const field = KEY_INPUT_LABELS[outlier.field];
  const shown = (value: string) => (field ? field.format(value) : value);
  const percent = Math.round(outlier.share * 100);
  const explanation =
    `${field?.label ?? outlier.field} ${shown(outlier.value)}，达到本版本方法学合理上限` +
    `（${BOUND_LABELS[outlier.bound] ?? outlier.bound}：${shown(outlier.limit)}）的 ${percent}%。` +
    '达到上限 80% 及以上即标记为异常值，建议核对证据后再决定。';
  return (
    <Tooltip title={explanation}>
      <ToneTag tone="volcano" tabIndex={0} data-testid="outlier-flag" aria-label={explanation}>
        异常值 {percent}%
      </ToneTag>
    </Tooltip>
  );
}
