import { Descriptions, Table, Typography } from 'antd';
import type { Schema } from '../../api';
import { formatCst } from '../../cst';
import { formatMass } from '../carbon-units';
import { ScrollBox } from '../scroll-box';
import { SCOPE_LABELS } from './inventory-correction-modal';

type Inventory = Schema<'InventoryDto'>;
type Revision = Schema<'InventoryRevisionDto'>;
type Line = Schema<'InventoryLineDto'>;

/** One year's inventory as its latest revision says, every revision of it, and the latest lines. */
export function InventoryYearView({ inventory }: { inventory: Inventory }) {
  return (
    <>
      <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }} data-testid="inventory-figures">
        <Descriptions.Item label="当前版本">
          <span data-testid="inventory-revision">第 {inventory.revision} 版</span>
        </Descriptions.Item>
        <Descriptions.Item label="排放总量">
          <span data-testid="inventory-total">{formatMass(inventory.totalGrams)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="范围一">{formatMass(inventory.scope1Grams)}</Descriptions.Item>
        <Descriptions.Item label="范围二">{formatMass(inventory.scope2Grams)}</Descriptions.Item>
        <Descriptions.Item label="范围三">{formatMass(inventory.scope3Grams)}</Descriptions.Item>
        <Descriptions.Item label="已中和">
          {formatMass(inventory.neutralisedGrams)}（{inventory.neutralisedShare}%）
        </Descriptions.Item>
        <Descriptions.Item label="尚待中和">{formatMass(inventory.remainingGrams)}</Descriptions.Item>
        <Descriptions.Item label="更正说明">{inventory.correctionNote ?? '—'}</Descriptions.Item>
      </Descriptions>

      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
        版本记录
      </Typography.Title>
      <ScrollBox label="排放清单版本记录">
        <Table<Revision>
          rowKey="revision"
          size="small"
          pagination={false}
          dataSource={[...inventory.revisions].reverse()}
          data-testid="inventory-revisions"
          columns={[
            { title: '版本', dataIndex: 'revision', render: (n: number) => `第 ${n} 版` },
            { title: '排放总量', dataIndex: 'totalGrams', render: (grams: string) => formatMass(grams) },
            {
              title: '更正说明',
              dataIndex: 'correctionNote',
              render: (note: string | null) => note ?? '首次登记',
            },
            { title: '登记时间（北京时间）', dataIndex: 'recordedAt', render: formatCst },
          ]}
        />
      </ScrollBox>

      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
        第 {inventory.revision} 版排放源
      </Typography.Title>
      <ScrollBox label="排放源明细">
        <Table<Line>
          rowKey="lineNo"
          size="small"
          pagination={false}
          dataSource={inventory.lines}
          data-testid="inventory-lines"
          columns={[
            { title: '范围', dataIndex: 'scope', render: (scope: number) => SCOPE_LABELS[scope] ?? scope },
            { title: '排放源', dataIndex: 'source' },
            { title: '活动量', key: 'activity', render: (_, l) => `${l.activity} ${l.activityUnit}` },
            { title: '排放因子（克/单位）', dataIndex: 'factor' },
            { title: '因子来源', dataIndex: 'factorSource' },
            {
              title: '排放量',
              dataIndex: 'grams',
              align: 'right',
              render: (grams: string) => formatMass(grams),
            },
          ]}
        />
      </ScrollBox>
    </>
  );
}
