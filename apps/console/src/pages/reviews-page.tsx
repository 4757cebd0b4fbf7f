import { Button, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { get, type Schema } from '../api';
import { useApiFeedback } from '../components/api-feedback';
import { unitFor } from '../components/carbon-units';
import { JsonView } from '../components/json-view';
import { PageTitle } from '../components/page-title';
import { ScrollBox } from '../components/scroll-box';
import { ClaimAmount, columnTitle, PeriodText, waited } from '../components/reviews/claim-cells';
import { DecisionModal, type Decision } from '../components/reviews/decision-modal';
import { KeyInputs, OutlierFlag } from '../components/reviews/key-inputs';
import { ReviewFilterBar, reviewQuery, type ReviewFilters } from '../components/reviews/review-filters';
import { formatCst } from '../cst';
import { districtLabel, methodologyLabel, sourceLabel } from '../labels';
import { canWrite } from '../session';
import type { PageProps } from './index';

type ReviewItem = Schema<'ReviewItemDto'>;
type ReviewPage = Schema<'ReviewPageDto'>;

/**
 * A day's review work: filter and sort the queue, read each claim's inputs, period and outlier flag
 * in its row, and approve or reject one or many at once with one reason.
 */
export function ReviewsPage(_props: PageProps) {
  const feedback = useApiFeedback();
  const [filters, setFilters] = useState<ReviewFilters>({ sort: 'oldest' });
  const [items, setItems] = useState<ReviewItem[]>([]);
  const [total, setTotal] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [selected, setSelected] = useState<string[]>([]);
  const [decision, setDecision] = useState<{ kind: Decision; ids: string[] }>();
  const writable = canWrite();
  const query = reviewQuery(filters);

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      try {
        const page = await get<ReviewPage>(
          `/admin/v1/reviews?${query}${after ? `&cursor=${encodeURIComponent(after)}` : ''}`,
        );
        setItems((previous) => (after ? [...previous, ...page.items] : page.items));
        setTotal(page.total);
        setCursor(page.nextCursor);
      } catch (error) {
        feedback.error(error, '加载失败');
      } finally {
        setLoading(false);
      }
    },
    [feedback, query],
  );
  useEffect(() => {
    setSelected([]);
    void load(null);
  }, [load]);

  // One unit per column, chosen for the values the column shows.
  const requestedUnit = useMemo(() => unitFor(items.map((i) => i.requestedGrams)), [items]);
  const creditedUnit = useMemo(() => unitFor(items.map((i) => i.grams)), [items]);

  const describe = (ids: string[]) => {
    if (ids.length !== 1) return `共 ${ids.length} 条待审核行为。`;
    const item = items.find((i) => i.actionId === ids[0]);
    return item
      ? `${methodologyLabel(item.methodology)} · ${districtLabel(item.districtCode)} · ${formatCst(item.occurredAt)}`
      : '';
  };

  const decided = (ids: string[]) => {
    setDecision(undefined);
    setSelected([]);
    setItems((previous) => previous.filter((i) => !ids.includes(i.actionId)));
    void load(null);
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <PageTitle
        extra={
          <>
            <Tag data-testid="review-count">{total} 条待审核</Tag>
            <Button onClick={() => load(null)}>刷新</Button>
          </>
        }
      >
        审核队列
      </PageTitle>
      <ReviewFilterBar filters={filters} onChange={setFilters} />
      {writable && (
        <Space wrap data-testid="batch-bar">
          <span>已选 {selected.length} 条</span>
          <Button
            type="primary"
            disabled={!selected.length}
            onClick={() => setDecision({ kind: 'approve', ids: selected })}
            data-testid="batch-approve"
          >
            批量通过
          </Button>
          <Button
            danger
            disabled={!selected.length}
            onClick={() => setDecision({ kind: 'reject', ids: selected })}
            data-testid="batch-reject"
          >
            批量驳回
          </Button>
        </Space>
      )}
      {/* The table scrolls inside its own box on a narrow screen; the page does not. */}
      <ScrollBox label="待审核行为">
        <Table<ReviewItem>
          data-testid="review-table"
          loading={loading}
          rowKey="actionId"
          pagination={false}
          dataSource={items}
          locale={{ emptyText: '没有符合条件的待审核行为' }}
          rowSelection={
            writable
              ? {
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys as string[]),
                  getCheckboxProps: (item) => ({ 'aria-label': `选择 ${item.actionId}` }) as never,
                }
              : undefined
          }
          // An outlier's row is tinted, so it stands out before anyone reads the flag.
          onRow={(item) => ({ style: item.outlier ? { background: '#fff7e6' } : undefined })}
          expandable={{
            expandedRowRender: (item) => (
              <Space align="start" size="large" wrap>
                <div>
                  <Typography.Text strong>提交数据</Typography.Text>
                  <JsonView value={item.data} />
                </div>
                <div>
                  <Typography.Text strong>证据</Typography.Text>
                  <JsonView value={item.evidence} />
                </div>
              </Space>
            ),
          }}
          columns={[
            { title: '发生时间', width: 170, render: (_, i) => formatCst(i.occurredAt) },
            { title: '时段', width: 190, render: (_, i) => <PeriodText period={i.period} /> },
            { title: '方法学', width: 100, render: (_, i) => methodologyLabel(i.methodology) },
            { title: '区县', width: 90, render: (_, i) => districtLabel(i.districtCode) },
            { title: '来源', width: 100, render: (_, i) => sourceLabel(i.source) },
            { title: '关键数据', render: (_, i) => <KeyInputs inputs={i.keyInputs} /> },
            {
              title: columnTitle('申报减排量', requestedUnit),
              align: 'right',
              width: 130,
              render: (_, i) => <ClaimAmount grams={i.requestedGrams} unit={requestedUnit} />,
            },
            {
              title: columnTitle('核定减排量', creditedUnit),
              align: 'right',
              width: 130,
              render: (_, i) => (
                <ClaimAmount grams={i.grams} unit={creditedUnit} testId={`review-grams-${i.actionId}`} />
              ),
            },
            { title: '异常', width: 110, render: (_, i) => <OutlierFlag outlier={i.outlier} /> },
            { title: '已等待', width: 90, render: (_, i) => waited(i.receivedAt) },
            {
              title: '操作',
              width: 170,
              render: (_, i) => (
                <Space>
                  <a href={`#/actions/${i.actionId}`}>审计</a>
                  {writable && (
                    <>
                      <Button
                        size="small"
                        type="primary"
                        data-testid={`approve-${i.actionId}`}
                        onClick={() => setDecision({ kind: 'approve', ids: [i.actionId] })}
                      >
                        通过
                      </Button>
                      <Button
                        size="small"
                        danger
                        data-testid={`reject-${i.actionId}`}
                        onClick={() => setDecision({ kind: 'reject', ids: [i.actionId] })}
                      >
                        驳回
                      </Button>
                    </>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </ScrollBox>
      {cursor && (
        <Button onClick={() => load(cursor)} loading={loading}>
          加载更多
        </Button>
      )}
      <DecisionModal
        kind={decision?.kind}
        actionIds={decision?.ids ?? []}
        description={describe(decision?.ids ?? [])}
        onClose={() => setDecision(undefined)}
        onDecided={(result) =>
          decided(result.results.filter((r) => r.outcome !== 'not_found').map((r) => r.actionId))
        }
      />
    </Space>
  );
}
