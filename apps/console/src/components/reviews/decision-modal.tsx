import { Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { typed, unwrap, type Schema } from '../../api';
import { useApiFeedback } from '../api-feedback';
import type { ReviewRejectReason } from '@app/contracts';
import { REJECT_REASON_OPTIONS } from './reject-reasons';

export type Decision = 'approve' | 'reject';
type BatchResult = Schema<'BatchDecisionResultDto'>;
type Values = { reason?: ReviewRejectReason; note?: string };

/** Sentences for the per-item outcomes of a decision. */
export function summarize(kind: Decision, result: BatchResult): string {
  const count = (outcome: string) => result.results.filter((r) => r.outcome === outcome).length;
  const parts = [`已${kind === 'approve' ? '通过' : '驳回'} ${result.decided} 条`];
  if (count('already_decided')) parts.push(`${count('already_decided')} 条已由他人处理，未改动`);
  if (count('not_found')) parts.push(`${count('not_found')} 条未找到`);
  return parts.join('；') + (kind === 'approve' && result.decided ? '。通过的行为将自动结算。' : '。');
}

/**
 * Approves or rejects the chosen items in one call, with one reason for all (a rejection's reason
 * is what each citizen reads). Whatever was decided elsewhere meanwhile is reported, not redone.
 */
export function DecisionModal({
  kind,
  actionIds,
  description,
  onClose,
  onDecided,
}: {
  kind: Decision | undefined;
  actionIds: string[];
  description: string;
  onClose: () => void;
  onDecided: (result: BatchResult) => void;
}) {
  const feedback = useApiFeedback();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const decide = async (values: Values) => {
    if (!kind) return;
    setBusy(true);
    try {
      const result = await unwrap(
        typed.POST('/admin/v1/reviews/decisions', {
          body: {
            actionIds,
            decision: kind,
            reason: kind === 'reject' ? values.reason : undefined,
            note: values.note?.trim() || undefined,
          },
        }),
      );
      feedback.success(summarize(kind, result));
      onDecided(result);
    } catch (error) {
      feedback.error(error, kind === 'approve' ? '通过失败' : '驳回失败');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!kind}
      title={kind === 'approve' ? '通过审核' : '驳回'}
      okText={kind === 'approve' ? '确认通过' : '确认驳回'}
      okButtonProps={{
        danger: kind === 'reject',
        loading: busy,
        htmlType: 'submit',
        form: 'review-decision',
      }}
      cancelText="取消"
      onCancel={onClose}
      destroyOnHidden
    >
      <Form id="review-decision" form={form} layout="vertical" onFinish={decide}>
        <Typography.Paragraph data-testid="decision-summary">{description}</Typography.Paragraph>
        {kind === 'reject' && (
          <Form.Item
            label="驳回原因（市民可见）"
            name="reason"
            rules={[{ required: true, message: '请选择驳回原因' }]}
          >
            <Select options={REJECT_REASON_OPTIONS} placeholder="请选择" data-testid="reject-reason" />
          </Form.Item>
        )}
        <Form.Item label="备注（可选，仅内部可见）" name="note" rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} data-testid="review-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
