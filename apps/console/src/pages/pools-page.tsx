import { Button, Card, Col, Row, Space, Table, Tooltip } from 'antd';
import { useState } from 'react';
import { get } from '../api';
import {
  amountIn,
  DISPLAY_UNIT_LABELS,
  groupDigits,
  unitFor,
  type DisplayUnit,
} from '../components/carbon-units';
import { PageTitle } from '../components/page-title';
import type { PoolView, RetirementView } from '../components/pool-types';
import { RetireForm } from '../components/retire-form';
import { RetirementCertificate } from '../components/retirement-certificate';
import { useRemote } from '../components/use-remote';
import { districtLabel } from '../labels';
import { canWrite } from '../session';
import { formatCst } from '../cst';
import type { PageProps } from './index';

/** An amount in its column's unit; the exact grams on hover or focus. */
const Grams = ({ grams, unit, testId }: { grams: string; unit: DisplayUnit; testId?: string }) => (
  <Tooltip title={`${groupDigits(grams)} 克`}>
    <span data-testid={testId} data-grams={grams} tabIndex={0}>
      {amountIn(grams, unit, 6)}
    </span>
  </Tooltip>
);

const titled = (title: string, unit: DisplayUnit) => `${title}（${DISPLAY_UNIT_LABELS[unit]}）`;

/** Regional pools of settled reductions, retirement (注销) from them, and the records with their certificates. */
function PoolsOverview() {
  const pools = useRemote(() => get<PoolView[]>('/admin/v1/pools'), 'pools');
  const retirements = useRemote(() => get<RetirementView[]>('/admin/v1/retirements'), 'retirements');
  const [region, setRegion] = useState<string>();
  const writable = canWrite();
  // One unit per column, chosen for the values in it.
  const poolRows = pools.data ?? [];
  const units = {
    accrued: unitFor(poolRows.map((p) => p.accruedGrams)),
    retired: unitFor(poolRows.map((p) => p.retiredGrams)),
    available: unitFor(poolRows.map((p) => p.availableGrams)),
    records: unitFor((retirements.data ?? []).map((r) => r.grams)),
  };
  const reload = () => {
    pools.reload();
    retirements.reload();
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle>减排量池与注销</PageTitle>
      <Row gutter={16}>
        <Col xs={24} lg={writable ? 15 : 24}>
          <Card title="各地区减排量池" size="small">
            <Table<PoolView>
              data-testid="pools-table"
              rowKey="region"
              size="small"
              pagination={false}
              loading={pools.loading}
              dataSource={pools.data ?? []}
              columns={[
                { title: '地区', render: (_, p) => `${p.name ?? districtLabel(p.region)}（${p.region}）` },
                {
                  title: titled('累计入池', units.accrued),
                  align: 'right',
                  render: (_, p) => <Grams grams={p.accruedGrams} unit={units.accrued} />,
                },
                {
                  title: titled('已注销', units.retired),
                  align: 'right',
                  render: (_, p) => <Grams grams={p.retiredGrams} unit={units.retired} />,
                },
                {
                  title: titled('可注销', units.available),
                  align: 'right',
                  render: (_, p) => (
                    <Grams
                      grams={p.availableGrams}
                      unit={units.available}
                      testId={`pool-available-${p.region}`}
                    />
                  ),
                },
                ...(writable
                  ? [
                      {
                        title: '操作',
                        render: (_: unknown, p: PoolView) => (
                          <Button
                            size="small"
                            disabled={BigInt(p.availableGrams) <= 0n}
                            onClick={() => setRegion(p.region)}
                          >
                            注销
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
        {writable && (
          <Col xs={24} lg={9}>
            <Card title="注销减排量" size="small">
              <RetireForm pools={pools.data ?? []} region={region} onRetired={reload} />
            </Card>
          </Col>
        )}
      </Row>
      <Card title="注销记录" size="small">
        <Table<RetirementView>
          data-testid="retirements-table"
          rowKey="serial"
          size="small"
          loading={retirements.loading}
          dataSource={retirements.data ?? []}
          columns={[
            {
              title: '编号',
              render: (_, r) => (
                <a href={`#/pools/retirements/${r.serial}`} data-testid={`retirement-${r.serial}`}>
                  {r.serial}
                </a>
              ),
            },
            { title: '地区', render: (_, r) => districtLabel(r.region) },
            {
              title: titled('数量', units.records),
              align: 'right',
              render: (_, r) => <Grams grams={r.grams} unit={units.records} />,
            },
            { title: '用途', dataIndex: 'purpose' },
            { title: '受益方', render: (_, r) => r.beneficiary ?? '—' },
            { title: '注销时间', render: (_, r) => formatCst(r.createdAt) },
          ]}
        />
      </Card>
    </Space>
  );
}

export function PoolsPage({ segments }: PageProps) {
  if (segments[0] === 'retirements' && segments[1]) return <RetirementCertificate serial={segments[1]} />;
  return <PoolsOverview />;
}
