import { Table } from 'antd';
import { traceUnitZh } from '@app/contracts';
import { leaves, showValue, type SchemaNode } from './params-schema';

/** A version's parameters read-only: one row per value, labelled in Chinese from the schema. */
export function ParamsView({
  params,
  schema,
  testId,
}: {
  params: unknown;
  schema: SchemaNode | undefined;
  testId?: string;
}) {
  return (
    <Table
      data-testid={testId}
      size="small"
      pagination={false}
      rowKey="path"
      dataSource={leaves(params, schema)}
      columns={[
        { title: '参数', dataIndex: 'label' },
        {
          title: '取值',
          dataIndex: 'value',
          render: (value: unknown, leaf) => {
            if (leaf.path.endsWith('unit') && typeof value === 'string' && traceUnitZh(value))
              return traceUnitZh(value);
            // Factor sources, units and library references are data as recorded, not interface text.
            return /(source|\$factor|unit)$/.test(leaf.path) ? (
              <span translate="no">{showValue(value)}</span>
            ) : (
              showValue(value)
            );
          },
        },
      ]}
    />
  );
}
