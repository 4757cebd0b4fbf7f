import { Table } from 'antd';

export interface TraceStep {
  step: string;
  value: string;
  unit?: string;
  source?: string;
  note?: string;
}

/** A quantification's trace: each step enough, together, to redo the number by hand. */
export function TraceTable({ trace, testId }: { trace: TraceStep[] | null | undefined; testId?: string }) {
  return (
    <Table<TraceStep>
      data-testid={testId}
      size="small"
      pagination={false}
      rowKey={(_, index) => String(index)}
      dataSource={trace ?? []}
      columns={[
        { title: '步骤', dataIndex: 'step' },
        { title: '数值', dataIndex: 'value', align: 'right' },
        { title: '单位', dataIndex: 'unit' },
        { title: '来源', dataIndex: 'source' },
        { title: '说明', dataIndex: 'note' },
      ]}
    />
  );
}
