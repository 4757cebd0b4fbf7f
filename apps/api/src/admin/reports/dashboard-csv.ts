import { methodologyNameZh } from '@app/contracts';
import type { CsvColumn } from './csv.js';
import type { DashboardService } from './dashboard.service.js';

type Dashboard = Awaited<ReturnType<DashboardService['build']>>;

/** One figure of the dashboard: its section, period, group and what it counts. */
export interface DashboardCsvRow {
  section: string;
  period: string;
  key: string;
  label: string;
  measure: string;
  value: unknown;
}

/** Long format: the dashboard's sections differ in shape, so every figure is a row of its own. */
export const DASHBOARD_COLUMNS: CsvColumn<DashboardCsvRow>[] = [
  { header: '板块', value: (r) => r.section },
  { header: '周期', value: (r) => r.period },
  { header: '分组', value: (r) => r.key },
  { header: '名称', value: (r) => r.label },
  { header: '指标', value: (r) => r.measure },
  { header: '数值', value: (r) => r.value },
];

const GRAMS = '减排量（克CO2e）';

export function dashboardCsvRows(d: Dashboard): DashboardCsvRow[] {
  const range = `${d.from}~${d.to}`;
  const row =
    (section: string, period: string, key: string, label: string) => (measure: string, value: unknown) =>
      ({ section, period, key, label, measure, value }) satisfies DashboardCsvRow;
  const totals = row('合计', range, '', '');
  const indicator = row('指标', range, '', '');
  return [
    totals('行为数', d.totals.actions),
    totals(GRAMS, d.totals.grams),
    totals('减排量（吨CO2e）', d.totals.tonnes),
    totals('发放积分', d.totals.pointsIssued),
    totals('兑换积分', d.totals.pointsRedeemed),
    totals('过期积分', d.totals.pointsExpired),
    totals('捐赠积分', d.totals.pointsDonated),
    totals('活跃市民', d.totals.activeCitizens),
    ...d.reductionsByPeriod.flatMap((r) => {
      const of = row('按周期按方法学', r.period, r.methodologyId, methodologyNameZh(r.methodologyId));
      return [of('行为数', r.actions), of(GRAMS, r.grams)];
    }),
    ...d.reductionsByDistrict.flatMap((r) => {
      const of = row('按区县', range, r.districtCode, r.districtName);
      return [of('行为数', r.actions), of(GRAMS, r.grams)];
    }),
    ...d.pointsFlowsByPeriod.flatMap((r) => {
      const of = row('积分流向', r.period, '', '');
      return [
        of('发放积分', r.issued),
        of('兑换积分', r.redeemed),
        of('过期积分', r.expired),
        of('捐赠积分', r.donated),
      ];
    }),
    indicator('已上线应用场景数', d.indicators.liveScenarios),
    indicator('应用场景目标', d.indicators.liveScenarioTarget),
    indicator('已上线方法学', d.indicators.liveMethodologies.join(' ')),
    indicator('绿色出行次数', d.indicators.greenTrips),
    indicator('合作方报告出行次数', d.indicators.reportedTrips),
    indicator('绿色出行分担率', d.indicators.greenTripShare ?? ''),
    ...d.pools.flatMap((p) => {
      const of = row('减排量池', '', p.region, p.name ?? '');
      return [
        of('累计入池（克CO2e）', p.accruedGrams),
        of('已注销（克CO2e）', p.retiredGrams),
        of('可用（克CO2e）', p.availableGrams),
      ];
    }),
  ];
}
