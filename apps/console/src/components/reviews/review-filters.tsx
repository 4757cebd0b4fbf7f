import { Input, Select, Space } from 'antd';
import { DISTRICT_LABELS, METHODOLOGY_LABELS } from '../../labels';

export interface ReviewFilters {
  methodology?: string;
  district?: string;
  source?: string;
  minKg?: string;
  maxKg?: string;
  minAgeHours?: number;
  sort: 'oldest' | 'newest' | 'largest' | 'smallest';
}

const kgToGrams = (kg?: string) => {
  const value = Number(kg);
  return kg && Number.isFinite(value) && value >= 0 ? String(Math.round(value * 1000)) : undefined;
};

/** The queue's query string for the filters (amounts typed in 千克, sent in grams). */
export function reviewQuery(filters: ReviewFilters): string {
  const params = new URLSearchParams({ sort: filters.sort, limit: '50' });
  if (filters.methodology) params.set('methodology', filters.methodology);
  if (filters.district) params.set('district', filters.district);
  if (filters.source) params.set('source', filters.source);
  const min = kgToGrams(filters.minKg);
  const max = kgToGrams(filters.maxKg);
  if (min) params.set('minGrams', min);
  if (max) params.set('maxGrams', max);
  if (filters.minAgeHours) params.set('minAgeHours', String(filters.minAgeHours));
  return params.toString();
}

const all = { value: '', label: '全部' };

export function ReviewFilterBar({
  filters,
  onChange,
}: {
  filters: ReviewFilters;
  onChange: (next: ReviewFilters) => void;
}) {
  const set = (patch: Partial<ReviewFilters>) => onChange({ ...filters, ...patch });
  return (
    <Space wrap data-testid="review-filters">
      <Select
        aria-label="方法学"
        style={{ width: 140 }}
        value={filters.methodology ?? ''}
        onChange={(value) => set({ methodology: value || undefined })}
        options={[
          { ...all, label: '全部方法学' },
          ...Object.entries(METHODOLOGY_LABELS).map(([value, label]) => ({ value, label })),
        ]}
        data-testid="filter-methodology"
      />
      <Select
        aria-label="区县"
        style={{ width: 150 }}
        showSearch
        optionFilterProp="label"
        value={filters.district ?? ''}
        onChange={(value) => set({ district: value || undefined })}
        options={[
          { ...all, label: '全部区县' },
          ...Object.entries(DISTRICT_LABELS).map(([value, label]) => ({ value, label })),
        ]}
        data-testid="filter-district"
      />
      <Select
        aria-label="来源"
        style={{ width: 120 }}
        value={filters.source ?? ''}
        onChange={(value) => set({ source: value || undefined })}
        options={[
          { ...all, label: '全部来源' },
          { value: 'self', label: '市民自报' },
        ]}
      />
      <Space.Compact>
        <Input
          aria-label="最小减排量（千克）"
          placeholder="最小（千克）"
          style={{ width: 110 }}
          value={filters.minKg}
          onChange={(event) => set({ minKg: event.target.value })}
          inputMode="decimal"
        />
        <Input
          aria-label="最大减排量（千克）"
          placeholder="最大（千克）"
          style={{ width: 110 }}
          value={filters.maxKg}
          onChange={(event) => set({ maxKg: event.target.value })}
          inputMode="decimal"
        />
      </Space.Compact>
      <Select
        aria-label="等待时长"
        style={{ width: 130 }}
        value={filters.minAgeHours ?? 0}
        onChange={(value) => set({ minAgeHours: value || undefined })}
        options={[
          { value: 0, label: '不限等待时长' },
          { value: 1, label: '等待超过 1 小时' },
          { value: 24, label: '等待超过 1 天' },
          { value: 72, label: '等待超过 3 天' },
        ]}
      />
      <Select
        aria-label="排序"
        style={{ width: 150 }}
        value={filters.sort}
        onChange={(sort) => set({ sort })}
        options={[
          { value: 'oldest', label: '最早提交在前' },
          { value: 'newest', label: '最新提交在前' },
          { value: 'largest', label: '减排量从大到小' },
          { value: 'smallest', label: '减排量从小到大' },
        ]}
        data-testid="filter-sort"
      />
    </Space>
  );
}
