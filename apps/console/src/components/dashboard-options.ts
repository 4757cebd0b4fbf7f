/** ECharts options for the dashboard, built from the reports API's rows (grams stay integer grams). */
import { districtLabel, METHODOLOGY_LABELS, methodologyLabel } from '../labels';
import { formatGrams, formatGramsShort, groupDigits } from './carbon-units';
import type { ChartOption } from './chart';

export interface DashboardReport {
  from: string;
  to: string;
  totals: {
    actions: number;
    grams: string;
    tonnes: string;
    pointsIssued: string;
    pointsRedeemed: string;
    pointsExpired: string;
    pointsDonated: string;
    activeCitizens: number;
  };
  reductionsByDay: { period: string; methodologyId: string; actions: number; grams: string }[];
  reductionsByDistrict: { districtCode: string; districtName: string; actions: number; grams: string }[];
  pointsFlowsByDay: { period: string; issued: string; redeemed: string; expired: string; donated: string }[];
  indicators: {
    liveScenarios: number;
    liveScenarioTarget: number;
    liveMethodologies: string[];
    greenTrips: number;
    reportedTrips: number;
    greenTripShare: number | null;
  };
  pools: { region: string; accruedGrams: string; retiredGrams: string; availableGrams: string }[];
}

const DAY_MS = 86_400_000;

/** Every calendar date from..to inclusive, so days without data still show as zero. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= end && days.length < 1_000; at += DAY_MS) {
    days.push(new Date(at).toISOString().slice(0, 10));
  }
  return days;
}

// Values stay in grams (exact integers); only the axis and tooltip speak 千克/吨.
const gramsAxis = {
  type: 'value',
  axisLabel: { formatter: (grams: number) => formatGramsShort(BigInt(Math.round(grams))) },
} as const;
const gramsTooltip = {
  trigger: 'axis',
  valueFormatter: (grams: unknown) => formatGrams(BigInt(Math.round(Number(grams)))),
} as const;
const grid = { left: 90, right: 24, top: 48, bottom: 56 };

export function reductionsByDayOption(report: DashboardReport): ChartOption {
  const days = daysBetween(report.from, report.to);
  const order = Object.keys(METHODOLOGY_LABELS);
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const methodologies = [...new Set(report.reductionsByDay.map((row) => row.methodologyId))].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  return {
    tooltip: gramsTooltip,
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: days },
    yAxis: gramsAxis,
    series: methodologies.map((id) => {
      const byDay = new Map(
        report.reductionsByDay
          .filter((row) => row.methodologyId === id)
          .map((row) => [row.period, Number(row.grams)]),
      );
      return {
        name: methodologyLabel(id),
        type: 'bar',
        stack: 'grams',
        data: days.map((day) => byDay.get(day) ?? 0),
      };
    }),
  };
}

export function reductionsByDistrictOption(report: DashboardReport): ChartOption {
  const rows = [...report.reductionsByDistrict].sort((a, b) => Number(BigInt(b.grams) - BigInt(a.grams)));
  return {
    tooltip: gramsTooltip,
    grid,
    xAxis: { type: 'category', data: rows.map((row) => row.districtName || districtLabel(row.districtCode)) },
    yAxis: gramsAxis,
    series: [{ name: '减排量', type: 'bar', data: rows.map((row) => Number(row.grams)) }],
  };
}

export const POINTS_FLOW_SERIES = [
  { key: 'issued', name: '发放' },
  { key: 'redeemed', name: '兑换' },
  { key: 'expired', name: '过期' },
  { key: 'donated', name: '捐赠' },
] as const;

export function pointsFlowsOption(report: DashboardReport): ChartOption {
  const days = daysBetween(report.from, report.to);
  const byDay = new Map(report.pointsFlowsByDay.map((row) => [row.period, row]));
  return {
    tooltip: { trigger: 'axis', valueFormatter: (points: unknown) => `${groupDigits(String(points))} 积分` },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: days },
    yAxis: { type: 'value', name: '积分' },
    series: POINTS_FLOW_SERIES.map(({ key, name }) => ({
      name,
      type: 'line',
      data: days.map((day) => Number(byDay.get(day)?.[key] ?? 0)),
    })),
  };
}

export const POOL_SERIES = [
  { key: 'accruedGrams', name: '累计入池' },
  { key: 'retiredGrams', name: '已注销' },
  { key: 'availableGrams', name: '可注销' },
] as const;

export function poolsOption(report: DashboardReport): ChartOption {
  return {
    tooltip: gramsTooltip,
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: report.pools.map((pool) => districtLabel(pool.region)) },
    yAxis: gramsAxis,
    series: POOL_SERIES.map(({ key, name }) => ({
      name,
      type: 'bar',
      data: report.pools.map((pool) => Number(pool[key])),
    })),
  };
}
