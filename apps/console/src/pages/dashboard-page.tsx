import { Alert, Button, Card, Col, Empty, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { downloadCsv, get } from '../api';
import { useApiFeedback } from '../components/api-feedback';
import { formatGrams, groupDigits } from '../components/carbon-units';
import { Chart } from '../components/chart';
import { CstDatePicker } from '../components/cst-picker';
import {
  pointsFlowsOption,
  poolsOption,
  reductionsByDayOption,
  reductionsByDistrictOption,
  type DashboardReport,
} from '../components/dashboard-options';
import { useRemote } from '../components/use-remote';
import { cstToday, fromApiDate, shiftDate, toApiDate } from '../cst';
import { methodologyLabel } from '../labels';
import type { PageProps } from './index';

type Granularity = 'day' | 'week' | 'month';

/** The last 30 calendar days in Asia/Shanghai, today included. */
function defaultRange(): [string, string] {
  const today = cstToday();
  return [shiftDate(today, -29), today];
}

/** One tile of the four-a-row indicator grid. */
function Kpi({
  testId,
  title,
  value,
  extra,
}: {
  testId: string;
  title: string;
  value: string;
  extra?: ReactNode;
}) {
  return (
    <Col span={6}>
      <Card size="small" data-testid={testId}>
        <Statistic title={title} value={value} />
        {extra}
      </Card>
    </Col>
  );
}

export function DashboardPage(_props: PageProps) {
  const feedback = useApiFeedback();
  const [[from, to], setRange] = useState(defaultRange);
  const [granularity, setGranularity] = useState<Granularity>('day');
  const query = `from=${from}&to=${to}`;
  const { data, loading } = useRemote(
    () => get<DashboardReport>(`/admin/v1/reports/dashboard?${query}`),
    query,
  );

  const options = useMemo(
    () =>
      data && {
        byDay: reductionsByDayOption(data),
        byDistrict: reductionsByDistrictOption(data),
        points: pointsFlowsOption(data),
        pools: poolsOption(data),
      },
    [data],
  );

  const csv = (report: string, params: string, name: string) => (
    <Button
      size="small"
      data-testid={`csv-${name}`}
      onClick={() =>
        downloadCsv(
          `/admin/v1/reports/${report}${params ? `?${params}` : ''}`,
          `${name}-${from}-${to}.csv`,
        ).catch((error: unknown) => feedback.error(error, '下载失败'))
      }
    >
      下载 CSV
    </Button>
  );
  const periodQuery = `${query}&granularity=${granularity}`;

  const onRange = (values: [Dayjs | null, Dayjs | null] | null) => {
    if (values?.[0] && values[1]) setRange([toApiDate(values[0]), toApiDate(values[1])]);
  };

  const totals = data?.totals;
  const indicators = data?.indicators;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          数据看板
        </Typography.Title>
        <CstDatePicker.RangePicker
          data-testid="dashboard-range"
          allowClear={false}
          value={[fromApiDate(from), fromApiDate(to)]}
          onChange={onRange}
        />
        <span>CSV 粒度</span>
        <Select<Granularity>
          value={granularity}
          onChange={setGranularity}
          style={{ width: 90 }}
          options={[
            { value: 'day', label: '按日' },
            { value: 'week', label: '按周' },
            { value: 'month', label: '按月' },
          ]}
        />
        {loading && <Tag>加载中…</Tag>}
      </Space>
      <Typography.Text type="secondary">
        日期按北京时间（Asia/Shanghai）自然日计算，含首尾两日。
      </Typography.Text>

      {totals && indicators && (
        <Row gutter={[16, 16]}>
          <Kpi
            testId="kpi-grams"
            title="减排量（CO2e）"
            value={formatGrams(totals.grams)}
            extra={<Typography.Text type="secondary">{groupDigits(totals.grams)} 克</Typography.Text>}
          />
          <Kpi testId="kpi-actions" title="低碳行为数" value={groupDigits(totals.actions)} />
          <Kpi testId="kpi-citizens" title="活跃市民" value={groupDigits(totals.activeCitizens)} />
          <Kpi
            testId="kpi-scenarios"
            title="应用场景数"
            value={`${indicators.liveScenarios} / 目标 ${indicators.liveScenarioTarget}`}
            extra={
              <Space wrap size={4}>
                <Tag color={indicators.liveScenarios >= indicators.liveScenarioTarget ? 'green' : 'red'}>
                  {indicators.liveScenarios >= indicators.liveScenarioTarget ? '已达标' : '未达标'}
                </Tag>
                {indicators.liveMethodologies.map((id) => (
                  <Tag key={id}>{methodologyLabel(id)}</Tag>
                ))}
              </Space>
            }
          />
          <Kpi testId="kpi-points-issued" title="积分发放" value={groupDigits(totals.pointsIssued)} />
          <Kpi testId="kpi-points-redeemed" title="积分兑换" value={groupDigits(totals.pointsRedeemed)} />
          <Kpi testId="kpi-points-expired" title="积分过期" value={groupDigits(totals.pointsExpired)} />
          <Kpi testId="kpi-points-donated" title="积分捐赠" value={groupDigits(totals.pointsDonated)} />
          <Kpi
            testId="kpi-green-trips"
            title="绿色出行分担率"
            value={
              indicators.greenTripShare === null
                ? '暂无合作方数据'
                : `${(indicators.greenTripShare * 100).toFixed(1)}%`
            }
            extra={
              indicators.greenTripShare !== null && (
                <Typography.Text type="secondary">
                  {groupDigits(indicators.greenTrips)} / {groupDigits(indicators.reportedTrips)} 次出行
                </Typography.Text>
              )
            }
          />
        </Row>
      )}

      {options && data ? (
        <Row gutter={[16, 16]}>
          <Col span={24}>
            <Card
              title="每日减排量（按方法学）"
              extra={csv('reductions', `${periodQuery}&by=methodology`, 'reductions-by-methodology')}
            >
              {data.reductionsByDay.length === 0 && (
                <Alert type="info" title="所选日期内没有已结算的减排量" />
              )}
              <Chart testId="chart-reductions-by-day" option={options.byDay} />
            </Card>
          </Col>
          <Col span={12}>
            <Card
              title="各区县减排量"
              extra={csv('reductions', `${periodQuery}&by=district`, 'reductions-by-district')}
            >
              <Chart testId="chart-reductions-by-district" option={options.byDistrict} />
            </Card>
          </Col>
          <Col span={12}>
            <Card title="减排量池" extra={csv('pools', '', 'pools')}>
              <Chart testId="chart-pools" option={options.pools} />
            </Card>
          </Col>
          <Col span={24}>
            <Card title="积分流转（每日）" extra={csv('points', periodQuery, 'points')}>
              <Chart testId="chart-points-flows" option={options.points} />
            </Card>
          </Col>
          <Col span={24}>
            <Card size="small" title="其他报表">
              <Space wrap>
                <span>活跃市民 {csv('citizens', periodQuery, 'citizens')}</span>
                <span>减排量（合计） {csv('reductions', `${periodQuery}&by=total`, 'reductions-total')}</span>
                <span>
                  减排量（按来源） {csv('reductions', `${periodQuery}&by=source`, 'reductions-by-source')}
                </span>
                <span>指标 {csv('indicators', query, 'indicators')}</span>
              </Space>
            </Card>
          </Col>
        </Row>
      ) : (
        !loading && <Empty description="暂无数据" />
      )}
    </Space>
  );
}
