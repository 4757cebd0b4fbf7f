/** ECharts options for the dashboard, built from the reports API's rows (grams stay integer grams). */
import type { Schema } from '../api';
import { districtLabel, METHODOLOGY_LABELS, methodologyLabel } from '../labels';
import { formatGrams, formatGramsShort, groupDigits } from './carbon-units';
import type { ChartOption } from './chart';

export type Granularity = 'day' | 'week' | 'month';
/** The dashboard's answer, as the OpenAPI document declares it (generated: ../api/schema.d.ts). */
export type DashboardReport = Schema<'DashboardDto'> & { granularity: Granularity };
export type ClosedMonthChange = Schema<'ClosedMonthChangeDto'>;

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

/** The first day of the period (day, Monday-first week, month) a date falls in, as the API names periods. */
export function periodStart(date: string, granularity: Granularity): string {
  if (granularity === 'day') return date;
  if (granularity === 'month') return `${date.slice(0, 7)}-01`;
  const at = Date.parse(`${date}T00:00:00Z`);
  const sinceMonday = (new Date(at).getUTCDay() + 6) % 7;
  return new Date(at - sinceMonday * DAY_MS).toISOString().slice(0, 10);
}

/** Every period the range touches, in order, so periods without data still show as zero. */
export function periodsBetween(from: string, to: string, granularity: Granularity): string[] {
  return [...new Set(daysBetween(from, to).map((day) => periodStart(day, granularity)))];
}

/** A period's name on an axis: 2026-11-03, 2026-11-02 起一周, 2026年11月. */
export function periodLabel(period: string, granularity: Granularity): string {
  if (granularity === 'month') return `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
  if (granularity === 'week') return `${period.slice(5)} 起一周`;
  return period;
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
// District and pool charts name every bar: no label is skipped, long names turn to fit.
const everyCategory = { interval: 0, rotate: 30, hideOverlap: false } as const;
const categoryGrid = { ...grid, bottom: 80 };

export function reductionsByDayOption(report: DashboardReport): ChartOption {
  const days = periodsBetween(report.from, report.to, report.granularity);
  const order = Object.keys(METHODOLOGY_LABELS);
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const methodologies = [...new Set(report.reductionsByPeriod.map((row) => row.methodologyId))].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  return {
    tooltip: gramsTooltip,
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: days.map((day) => periodLabel(day, report.granularity)) },
    yAxis: gramsAxis,
    series: methodologies.map((id) => {
      const byDay = new Map(
        report.reductionsByPeriod
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
    grid: categoryGrid,
    xAxis: {
      type: 'category',
      data: rows.map((row) => row.districtName || districtLabel(row.districtCode)),
      axisLabel: everyCategory,
    },
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
  const days = periodsBetween(report.from, report.to, report.granularity);
  const byDay = new Map(report.pointsFlowsByPeriod.map((row) => [row.period, row]));
  return {
    tooltip: { trigger: 'axis', valueFormatter: (points: unknown) => `${groupDigits(String(points))} 积分` },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: days.map((day) => periodLabel(day, report.granularity)) },
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
    grid: categoryGrid,
    xAxis: {
      type: 'category',
      data: report.pools.map((pool) => districtLabel(pool.region)),
      axisLabel: everyCategory,
    },
    yAxis: gramsAxis,
    series: POOL_SERIES.map(({ key, name }) => ({
      name,
      type: 'bar',
      data: report.pools.map((pool) => Number(pool[key])),
    })),
  };
}
