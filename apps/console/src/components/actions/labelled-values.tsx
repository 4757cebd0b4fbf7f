import { Table } from 'antd';
import { PARAM_LABELS_ZH } from '@app/contracts';
import { formatCst } from '../../cst';
import { KEY_INPUT_LABELS } from '../reviews/key-inputs';

/** Chinese names for the fields citizens and partners submit (beside the key inputs a reviewer reads). */
export const INPUT_LABELS_ZH: Record<string, string> = {
  ...Object.fromEntries(Object.entries(KEY_INPUT_LABELS).map(([key, { label }]) => [key, label])),
  startedAt: '开始时间',
  endedAt: '结束时间',
  date: '日期',
  periodStart: '计量开始日期',
  periodEnd: '计量结束日期',
  meterSerial: '电表编号',
  deviceSerial: '设备编号',
  unitSerial: '空调编号',
  invoiceId: '发票号',
  purchasedOn: '购买日期',
  creditYear: '计入年度',
  droppedAt: '投放时间',
  receiptId: '回收凭证号',
  line: '线路',
  photo: '照片',
  photos: '照片',
  note: '备注',
  ticketId: '票据号',
  trackId: '轨迹编号',
};

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

interface Line {
  key: string;
  label: string;
  value: string;
  /** The value is data (a code, a citation, a serial) rather than words of the page. */
  raw: boolean;
  /** Some key on the path has no Chinese name: the label shows the key itself. */
  unnamed: boolean;
}

function flatten(
  value: unknown,
  labels: Record<string, string>,
  path: string[],
  names: string[],
  out: Line[],
  unnamed = false,
) {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((item, i) => [`第 ${i + 1} 项`, item, String(i), false] as const)
      : Object.entries(value).map(([key, item]) => [labels[key] ?? key, item, key, !labels[key]] as const);
    for (const [name, item, key, missing] of entries)
      flatten(item, labels, [...path, key], [...names, name], out, unnamed || missing);
    return;
  }
  const known = labels === INPUT_LABELS_ZH && path.length === 1 ? KEY_INPUT_LABELS[path[0]] : undefined;
  const text =
    known && value !== null && value !== undefined
      ? known.format(String(value))
      : value === null || value === undefined
        ? '无'
        : typeof value === 'boolean'
          ? value
            ? '是'
            : '否'
          : typeof value === 'string' && INSTANT.test(value)
            ? `${formatCst(value)}（北京时间）`
            : String(value);
  out.push({
    key: path.join('.'),
    label: names.join(' · '),
    value: text,
    raw: !known && typeof value === 'string' && !INSTANT.test(value),
    unnamed,
  });
}

/**
 * A submitted payload or a parameter set as a two-column table: each field by its Chinese name (a
 * nested field as 父 · 子), each value as stored, instants in China time. Text values are data
 * (codes, serials, citations) and marked so.
 */
export function LabelledValues({
  value,
  labels,
  testId,
}: {
  value: unknown;
  labels: 'input' | 'params';
  testId?: string;
}) {
  const lines: Line[] = [];
  flatten(value, labels === 'input' ? INPUT_LABELS_ZH : PARAM_LABELS_ZH, [], [], lines);
  return (
    <Table<Line>
      data-testid={testId}
      size="small"
      pagination={false}
      rowKey="key"
      showHeader={false}
      dataSource={lines}
      locale={{ emptyText: '无' }}
      columns={[
        {
          title: '项目',
          dataIndex: 'label',
          width: '45%',
          // An unknown key falls back to its own name: marked as data, not the page's words.
          render: (label: string, line) => (line.unnamed ? <span translate="no">{label}</span> : label),
        },
        {
          title: '值',
          dataIndex: 'value',
          render: (value: string, line) => (line.raw ? <span translate="no">{value}</span> : value),
        },
      ]}
    />
  );
}
