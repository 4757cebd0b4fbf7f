import { Alert, Space, Typography } from 'antd';
import { formatCst } from '../../cst';
import { districtLabel, methodologyLabel } from '../../labels';
import { formatMass } from '../carbon-units';
import type { ClosedMonthChange } from '../dashboard-options';

/**
 * A flag per month whose figures changed after it ended: actions that occurred in it but settled
 * later (e.g. a late review approval), with what they added.
 */
export function ClosedMonthFlags({ months }: { months: ClosedMonthChange[] }) {
  if (!months.length) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="closed-month-flags">
      {months.map((month) => (
        <Alert
          key={month.month}
          type="warning"
          showIcon
          data-testid={`closed-month-${month.month}`}
          title={`${month.month.slice(0, 4)}年${Number(month.month.slice(5))}月已结束后有变动：补记 ${month.actions} 条行为，减排量增加 ${formatMass(month.grams)}，积分增加 ${Number(month.points).toLocaleString('zh-CN')}`}
          description={
            <Typography.Text type="secondary">
              规则：行为发生在该月，但在该月结束后（北京时间）才结算的，计为已结月份的变动（如延迟审核通过）。最近一次补记于{' '}
              {formatCst(month.lastSettledAt)}。明细：
              {month.changes
                .map(
                  (change) =>
                    `${districtLabel(change.districtCode)}·${methodologyLabel(change.methodologyId)} ${change.actions} 条 ${formatMass(change.grams)}`,
                )
                .join('；')}
            </Typography.Text>
          }
        />
      ))}
    </Space>
  );
}
