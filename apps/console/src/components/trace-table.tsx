import { Table } from 'antd';
import { ScrollBox } from './scroll-box';
import { traceNoteZh, traceStepZh, traceUnitZh } from '@app/contracts';

export interface TraceStep {
  step: string;
  value: string;
  unit?: string;
  source?: string;
  note?: string;
}

/** Chinese where the shared table has it; otherwise the text as recorded, marked as data (not translated). */
function zhOrData(text: string | undefined, zh: (text: string) => string | undefined) {
  if (!text) return null;
  const chinese = zh(text);
  return chinese ?? <span translate="no">{text}</span>;
}

/** A quantification's trace: each step enough, together, to redo the number by hand. */
export function TraceTable({ trace, testId }: { trace: TraceStep[] | null | undefined; testId?: string }) {
  return (
    <ScrollBox label="计算过程">
      <Table<TraceStep>
        data-testid={testId}
        size="small"
        pagination={false}
        rowKey={(_, index) => String(index)}
        dataSource={trace ?? []}
        columns={[
          { title: '步骤', render: (_, row) => zhOrData(row.step, traceStepZh) },
          { title: '数值', dataIndex: 'value', align: 'right' },
          { title: '单位', render: (_, row) => zhOrData(row.unit, traceUnitZh) },
          // The factor's source as the bureau recorded it (a publication's title, often in English).
          { title: '来源', render: (_, row) => row.source && <span translate="no">{row.source}</span> },
          { title: '说明', render: (_, row) => zhOrData(row.note, traceNoteZh) },
        ]}
      />
    </ScrollBox>
  );
}
