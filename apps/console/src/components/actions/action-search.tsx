import { Button, Form, Input, Select, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { get, type Schema } from '../../api';
import { fromApiDate, formatCst, toApiDate } from '../../cst';
import {
  ACTION_STATUS_LABELS,
  DISTRICT_LABELS,
  METHODOLOGY_LABELS,
  districtLabel,
  methodologyLabel,
  sourceLabel,
} from '../../labels';
import { navigate } from '../../router';
import { useApiFeedback } from '../api-feedback';
import { amountIn, unitFor } from '../carbon-units';
import { CstDatePicker } from '../cst-picker';
import { columnTitle } from '../reviews/claim-cells';
import { ScrollBox } from '../scroll-box';
import { ToneTag } from '../tone-tag';

type Row = Schema<'ActionSearchRowDto'>;
type Page = Schema<'ActionSearchPageDto'>;

interface SearchFilters {
  citizen?: string;
  district?: string;
  methodology?: string;
  source?: string;
  status?: string;
  from?: string;
  to?: string;
}

// Kept for the tab's life, so coming back from an audit shows the same search.
const STORAGE_KEY = 'carbon-console-action-search';
const saved = (): SearchFilters => JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '{}') as SearchFilters;

const queryOf = (filters: SearchFilters) => {
  const params = new URLSearchParams({ limit: '50' });
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, String(value).trim());
  return params.toString();
};

const all = (label: string) => ({ value: '', label });

/** 行为查询: every action, filtered by citizen, place, kind, state and China-time date; a row opens its audit. */
export function ActionSearch() {
  const feedback = useApiFeedback();
  const [form] = Form.useForm<SearchFilters & { range?: [Dayjs, Dayjs] }>();
  const [filters, setFilters] = useState<SearchFilters>(saved);
  const [rows, setRows] = useState<Row[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const query = queryOf(filters);

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      try {
        const page = await get<Page>(
          `/admin/v1/actions?${query}${after ? `&cursor=${encodeURIComponent(after)}` : ''}`,
        );
        setRows((previous) => (after ? [...previous, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (error) {
        feedback.error(error, '查询失败');
      } finally {
        setLoading(false);
      }
    },
    [feedback, query],
  );
  useEffect(() => {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(filters));
    void load(null);
  }, [load, filters]);

  const unit = useMemo(() => unitFor(rows.map((r) => r.grams)), [rows]);
  const initial = {
    citizen: '',
    district: '',
    methodology: '',
    source: '',
    status: '',
    ...filters,
    range:
      filters.from && filters.to
        ? ([fromApiDate(filters.from), fromApiDate(filters.to)] as [Dayjs, Dayjs])
        : undefined,
  };

  const submit = (values: SearchFilters & { range?: [Dayjs, Dayjs] | null }) => {
    const { range, ...rest } = values;
    setFilters({
      ...rest,
      from: range?.[0] ? toApiDate(range[0]) : undefined,
      to: range?.[1] ? toApiDate(range[1]) : undefined,
    });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Form
        form={form}
        layout="inline"
        initialValues={initial}
        onFinish={submit}
        data-testid="action-search-form"
      >
        <Form.Item name="citizen" label="市民">
          <Input
            placeholder="市民编号或昵称"
            allowClear
            style={{ width: 180 }}
            data-testid="search-citizen"
          />
        </Form.Item>
        <Form.Item name="district" label="区县">
          <Select
            style={{ width: 150 }}
            showSearch
            optionFilterProp="label"
            options={[
              all('全部'),
              ...Object.entries(DISTRICT_LABELS).map(([value, label]) => ({ value, label })),
            ]}
            data-testid="search-district"
          />
        </Form.Item>
        <Form.Item name="methodology" label="方法学">
          <Select
            style={{ width: 140 }}
            options={[
              all('全部'),
              ...Object.entries(METHODOLOGY_LABELS).map(([value, label]) => ({ value, label })),
            ]}
            data-testid="search-methodology"
          />
        </Form.Item>
        <Form.Item name="source" label="来源">
          <Select style={{ width: 120 }} options={[all('全部'), { value: 'self', label: '市民自报' }]} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select
            style={{ width: 110 }}
            options={[
              all('全部'),
              ...Object.entries(ACTION_STATUS_LABELS).map(([value, { label }]) => ({ value, label })),
            ]}
            data-testid="search-status"
          />
        </Form.Item>
        <Form.Item name="range" label="发生日期">
          <CstDatePicker.RangePicker data-testid="search-range" style={{ width: 250 }} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="search-submit">
              查询
            </Button>
            <Button
              onClick={() => {
                form.setFieldsValue({
                  citizen: '',
                  district: '',
                  methodology: '',
                  source: '',
                  status: '',
                  range: undefined,
                });
                setFilters({});
              }}
            >
              重置
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <ScrollBox label="查询结果">
        <Table<Row>
          data-testid="action-search-table"
          rowKey="id"
          size="small"
          loading={loading}
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: '没有符合条件的行为' }}
          onRow={(row) => ({ onClick: () => navigate(`/actions/${row.id}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: '发生时间', width: 170, render: (_, r) => formatCst(r.occurredAt) },
            {
              title: '市民',
              render: (_, r) =>
                r.citizenId === null ? (
                  '单位行为'
                ) : (
                  <span title={r.citizenId}>{r.nickname ?? `匿名（${r.citizenId.slice(0, 8)}）`}</span>
                ),
            },
            { title: '区县', render: (_, r) => districtLabel(r.districtCode) },
            { title: '方法学', render: (_, r) => methodologyLabel(r.methodology) },
            { title: '来源', render: (_, r) => sourceLabel(r.source) },
            {
              title: '状态',
              render: (_, r) => {
                const status = ACTION_STATUS_LABELS[r.status] ?? { label: r.status, color: 'default' };
                return <ToneTag tone={status.color}>{status.label}</ToneTag>;
              },
            },
            {
              title: columnTitle('核定减排量', unit),
              align: 'right',
              render: (_, r) => (r.grams === null ? '—' : amountIn(r.grams, unit)),
            },
            { title: '积分', align: 'right', render: (_, r) => r.points ?? '—' },
            {
              title: '操作',
              render: (_, r) => (
                <a
                  href={`#/actions/${r.id}`}
                  data-testid={`audit-link-${r.id}`}
                  onClick={(event) => event.stopPropagation()}
                >
                  审计
                </a>
              ),
            },
          ]}
        />
      </ScrollBox>
      {cursor && (
        <Button onClick={() => load(cursor)} loading={loading} data-testid="search-more">
          加载更多
        </Button>
      )}
    </Space>
  );
}
