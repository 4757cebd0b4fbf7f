import { Alert, Button, Card, Col, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
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
  type Granularity,
} from '../components/dashboard-options';
import { PageTitle } from '../components/page-title';
import { ToneTag } from '../components/tone-tag';
import { RemoteView } from '../components/remote-view';
import { ClosedMonthFlags } from '../components/reports/closed-month-flags';
import { DistrictMethodologyTable } from '../components/reports/district-methodology-table';
import { rangePresets } from '../components/reports/range-presets';
import { useRemote } from '../components/use-remote';
import { cstToday, fromApiDate, shiftDate, toApiDate } from '../cst';
import { methodologyLabel } from '../labels';
import type { PageProps } from './index';

const GRANULARITY_LABELS: Record<Granularity, string> = { day: '按日', week: '按周', month: '按月' };
const BY_PERIOD: Record<Granularity, string> = { day: '每日', week: '每周', month: '每月' };

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
    <Col xs={24} sm={12} lg={6}>
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
  const periodQuery = `${query}&granularity=${granularity}`;
  const remote = useRemote(
    () => get<DashboardReport>(`/admin/v1/reports/dashboard?${periodQuery}`),
    periodQuery,
  );
  const { data, loading } = remote;

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
          `${name}_${from}至${to}.csv`,
        ).catch((error: unknown) => feedback.error(error, '下载失败'))
      }
    >
      下载 CSV
    </Button>
  );
  const onRange = (values: [Dayjs | null, Dayjs | null] | null) => {
    if (values?.[0] && values[1]) setRange([toApiDate(values[0]), toApiDate(values[1])]);
  };

  const totals = data?.totals;
  const indicators = data?.indicators;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle
        extra={
          <Space wrap>
            <CstDatePicker.RangePicker
              data-testid="dashboard-range"
              aria-label="日期范围"
              allowClear={false}
              presets={rangePresets()}
              value={[fromApiDate(from), fromApiDate(to)]}
              onChange={onRange}
            />
            <span id="granularity-label">粒度</span>
            <Select<Granularity>
              aria-labelledby="granularity-label"
              data-testid="dashboard-granularity"
              value={granularity}
              onChange={setGranularity}
              style={{ width: 90 }}
              options={(['day', 'week', 'month'] as const).map((value) => ({
                value,
                label: GRANULARITY_LABELS[value],
              }))}
            />
            {loading && <Tag>加载中…</Tag>}
          </Space>
        }
      >
        数据看板
      </PageTitle>
      <Alert
        type="info"
        data-testid="date-basis"
        title="统计口径"
        description={
          <>
            日期按北京时间自然日计算，含首尾两日。<strong>减排量按行为发生日期</strong>统计；
            <strong>积分流转按入账（结算）日期</strong>统计。因此延迟审核通过的行为会计入其发生的月份，
            若该月已结束，下方会标出变动。图表与 CSV 按所选粒度汇总。
          </>
        }
      />
      {data && <ClosedMonthFlags months={data.closedMonthChanges} />}

      {totals && indicators && (
        <Row gutter={[16, 16]}>
          <Kpi
            testId="kpi-grams"
            title="减排量（CO2e，按发生日期）"
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
                <ToneTag tone={indicators.liveScenarios >= indicators.liveScenarioTarget ? 'green' : 'red'}>
                  {indicators.liveScenarios >= indicators.liveScenarioTarget ? '已达标' : '未达标'}
                </ToneTag>
                {indicators.liveMethodologies.map((id) => (
                  <Tag key={id}>{methodologyLabel(id)}</Tag>
                ))}
              </Space>
            }
          />
          <Kpi
            testId="kpi-points-issued"
            title="积分发放（按结算日期）"
            value={groupDigits(totals.pointsIssued)}
          />
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

      <RemoteView remote={remote} what="数据看板">
        {() =>
          options &&
          data && (
            <Row gutter={[16, 16]}>
              <Col span={24}>
                <Card
                  title={`${BY_PERIOD[granularity]}减排量（按方法学，按发生日期）`}
                  extra={csv('reductions', `${periodQuery}&by=methodology`, '减排量_按方法学')}
                >
                  {data.reductionsByPeriod.length === 0 && (
                    <Alert type="info" title="所选日期内没有已结算的减排量" />
                  )}
                  <Chart testId="chart-reductions-by-day" option={options.byDay} />
                </Card>
              </Col>
              <Col span={24}>
                <Card title="区县 × 方法学减排量（按发生日期）">
                  <DistrictMethodologyTable from={from} to={to} />
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card
                  title="各区县减排量"
                  extra={csv('reductions', `${periodQuery}&by=district`, '减排量_按区县')}
                >
                  <Chart testId="chart-reductions-by-district" option={options.byDistrict} />
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card title="减排量池" extra={csv('pools', '', '减排量池')}>
                  <Chart testId="chart-pools" option={options.pools} />
                </Card>
              </Col>
              <Col span={24}>
                <Card
                  title={`${BY_PERIOD[granularity]}积分流转（按结算日期）`}
                  extra={csv('points', periodQuery, '积分流转')}
                >
                  <Chart testId="chart-points-flows" option={options.points} />
                </Card>
              </Col>
              <Col span={24}>
                <Card size="small" title="其他报表">
                  <Space wrap>
                    <span>活跃市民 {csv('citizens', periodQuery, '活跃市民')}</span>
                    <span>减排量（合计） {csv('reductions', `${periodQuery}&by=total`, '减排量_合计')}</span>
                    <span>
                      减排量（按来源） {csv('reductions', `${periodQuery}&by=source`, '减排量_按来源')}
                    </span>
                    <span>指标 {csv('indicators', query, '指标')}</span>
                  </Space>
                </Card>
              </Col>
            </Row>
          )
        }
      </RemoteView>
    </Space>
  );
}
