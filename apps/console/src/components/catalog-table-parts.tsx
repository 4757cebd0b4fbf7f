import { Select, Typography } from 'antd';

/** The status filter above the orders and deliveries tables; empty means every status. */
export function StatusFilter({
  value,
  onChange,
  statuses,
  testId,
}: {
  value: string | undefined;
  onChange: (status: string | undefined) => void;
  statuses: Record<string, { label: string }>;
  testId?: string;
}) {
  return (
    <>
      <span>状态：</span>
      <Select
        allowClear
        placeholder="全部"
        value={value}
        onChange={onChange}
        style={{ width: 200 }}
        options={Object.entries(statuses).map(([status, s]) => ({ value: status, label: s.label }))}
        data-testid={testId}
      />
    </>
  );
}

/** An order id as the tables show it: its first 8 characters, the whole id on hover and copy. */
export function ShortOrderId({ id }: { id: string }) {
  return (
    <Typography.Text copyable={{ text: id }} title={id}>
      {id.slice(0, 8)}…
    </Typography.Text>
  );
}
