import { AutoComplete, Button, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { get, post } from '../api';
import { useApiFeedback } from '../components/api-feedback';
import { formatGrams, groupDigits } from '../components/carbon-units';
import { JsonView } from '../components/json-view';
import { districtLabel, methodologyLabel, sourceLabel } from '../labels';
import { canWrite } from '../session';
import { formatCst } from '../cst';
import type { ReviewItem } from '../../../../libs/contracts/src/reviews';
import type { PageProps } from './index';

interface ReviewPage {
  items: ReviewItem[];
  nextCursor: string | null;
}

type Decision = { kind: 'approve' | 'reject'; item: ReviewItem };

const REJECT_REASONS = [
  { value: 'EVIDENCE_INSUFFICIENT', label: 'EVIDENCE_INSUFFICIENT（证据不足）' },
  { value: 'DATA_IMPLAUSIBLE', label: 'DATA_IMPLAUSIBLE（数据不合理）' },
  { value: 'DUPLICATE_SUBMISSION', label: 'DUPLICATE_SUBMISSION（重复提交）' },
  { value: 'NOT_ELIGIBLE', label: 'NOT_ELIGIBLE（不符合方法学适用条件）' },
];

const grams = (value: string | null) => (value === null ? '—' : formatGrams(value));

/** Actions a version sends to review, oldest first; an admin approves (then it settles) or rejects each once. */
export function ReviewsPage(_props: PageProps) {
  const feedback = useApiFeedback();
  const [items, setItems] = useState<ReviewItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [decision, setDecision] = useState<Decision>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason?: string; note?: string }>();
  const writable = canWrite();

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      try {
        const page = await get<ReviewPage>(
          `/admin/v1/reviews?limit=50${after ? `&cursor=${encodeURIComponent(after)}` : ''}`,
        );
        setItems((previous) => (after ? [...previous, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (error) {
        feedback.error(error, '加载失败');
      } finally {
        setLoading(false);
      }
    },
    [feedback],
  );
  useEffect(() => void load(null), [load]);

  const decide = async (values: { reason?: string; note?: string }) => {
    if (!decision) return;
    setBusy(true);
    const { kind, item } = decision;
    const note = values.note?.trim() || undefined;
    try {
      await post(
        `/admin/v1/reviews/${item.actionId}/${kind}`,
        kind === 'approve' ? { note } : { reason: values.reason, note },
      );
      feedback.success(kind === 'approve' ? '已通过，行为将自动结算' : '已驳回，不发放积分');
      setItems((previous) => previous.filter((i) => i.actionId !== item.actionId));
      setDecision(undefined);
    } catch (error) {
      feedback.error(error, kind === 'approve' ? '通过失败' : '驳回失败');
      // Someone else decided first: the item has left the queue.
      if ((error as { code?: string }).code === 'REVIEW_ALREADY_DECIDED') void load(null);
    } finally {
      setBusy(false);
    }
  };

  const open = (kind: Decision['kind'], item: ReviewItem) => {
    form.resetFields();
    setDecision({ kind, item });
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Typography.Title level={4} style={{ margin: 0 }}>
          审核队列
        </Typography.Title>
        <Tag data-testid="review-count">{items.length} 条待审核</Tag>
        <Button onClick={() => load(null)}>刷新</Button>
      </Space>
      <Table<ReviewItem>
        data-testid="review-table"
        loading={loading}
        rowKey="actionId"
        pagination={false}
        dataSource={items}
        expandable={{
          expandedRowRender: (item) => (
            <Space align="start" size="large">
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
          { title: '接收时间', render: (_, i) => formatCst(i.receivedAt) },
          { title: '方法学', render: (_, i) => methodologyLabel(i.methodology) },
          { title: '区县', render: (_, i) => districtLabel(i.districtCode) },
          { title: '来源', render: (_, i) => sourceLabel(i.source) },
          { title: '申报减排量', render: (_, i) => grams(i.requestedGrams) },
          { title: '核定减排量', render: (_, i) => grams(i.grams) },
          { title: '积分', render: (_, i) => (i.points === null ? '—' : groupDigits(i.points)) },
          { title: '封顶扣减', render: (_, i) => grams(i.capApplied) },
          {
            title: '操作',
            render: (_, i) => (
              <Space>
                <a href={`#/actions/${i.actionId}`}>审计</a>
                {writable && (
                  <>
                    <Button
                      size="small"
                      type="primary"
                      data-testid={`approve-${i.actionId}`}
                      onClick={() => open('approve', i)}
                    >
                      通过
                    </Button>
                    <Button
                      size="small"
                      danger
                      data-testid={`reject-${i.actionId}`}
                      onClick={() => open('reject', i)}
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
      {cursor && (
        <Button onClick={() => load(cursor)} loading={loading}>
          加载更多
        </Button>
      )}
      <Modal
        open={!!decision}
        title={decision?.kind === 'approve' ? '通过审核' : '驳回'}
        okText={decision?.kind === 'approve' ? '确认通过' : '确认驳回'}
        okButtonProps={{
          danger: decision?.kind === 'reject',
          loading: busy,
          htmlType: 'submit',
          form: 'review-decision',
        }}
        cancelText="取消"
        onCancel={() => setDecision(undefined)}
        destroyOnHidden
      >
        {decision && (
          <Form id="review-decision" form={form} layout="vertical" onFinish={decide}>
            <Typography.Paragraph>
              {methodologyLabel(decision.item.methodology)} · {grams(decision.item.grams)} · 行为{' '}
              {decision.item.actionId}
            </Typography.Paragraph>
            {decision.kind === 'reject' && (
              <Form.Item
                label="驳回原因代码（市民可见）"
                name="reason"
                rules={[
                  { required: true, message: '请填写驳回原因' },
                  {
                    pattern: /^[A-Z][A-Z0-9_]{2,63}$/,
                    message: '大写字母、数字和下划线，如 EVIDENCE_INSUFFICIENT',
                  },
                ]}
              >
                <AutoComplete options={REJECT_REASONS} placeholder="EVIDENCE_INSUFFICIENT" />
              </Form.Item>
            )}
            <Form.Item label="备注（可选）" name="note" rules={[{ max: 1000 }]}>
              <Input.TextArea rows={3} data-testid="review-note" />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </Space>
  );
}
