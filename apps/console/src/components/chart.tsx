/**
 * One ECharts instance per container: created on mount, given each new option, resized with the
 * window, disposed on unmount. The container carries what a browser test needs to check what was
 * drawn without importing echarts into the page: data-total (every series value summed),
 * data-series-totals (per series name, JSON) and data-rendered once ECharts finished drawing.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import { useEffect, useId, useMemo, useRef } from 'react';
import { ChartTable, chartTable } from './chart-table';

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  DataZoomComponent,
  CanvasRenderer,
]);

export type ChartOption = EChartsOption;

interface ChartProps {
  testId: string;
  option: ChartOption;
  height?: number;
  /** What the chart shows, for screen readers (read with the data table beside it). */
  description?: string;
}

/** A data item's numeric value: 12, '12', [x, 12] or { value: 12 }. */
function valueOf(item: unknown): number {
  if (typeof item === 'number') return Number.isFinite(item) ? item : 0;
  if (typeof item === 'string') return Number(item) || 0;
  if (Array.isArray(item)) return valueOf(item[item.length - 1]);
  if (item && typeof item === 'object' && 'value' in item) return valueOf((item as { value: unknown }).value);
  return 0;
}

/** Sums each series' data as passed to setOption, keyed by series name. */
export function seriesTotals(option: ChartOption): Record<string, number> {
  const series =
    option.series === undefined ? [] : Array.isArray(option.series) ? option.series : [option.series];
  const totals: Record<string, number> = {};
  series.forEach((one, index) => {
    const data = (one as { data?: unknown[] }).data ?? [];
    const name = String((one as { name?: unknown }).name ?? index);
    totals[name] = (totals[name] ?? 0) + data.reduce<number>((sum, item) => sum + valueOf(item), 0);
  });
  return totals;
}

/**
 * The chart, described for screen readers, with its numbers as a table beside it (under 查看数据表):
 * what a person who cannot see the canvas, or wants the exact figures, reads instead.
 */
export function Chart({ testId, option, height = 320, description }: ChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const instance = useRef<echarts.ECharts | undefined>(undefined);
  const totals = useMemo(() => seriesTotals(option), [option]);
  const table = useMemo(() => chartTable(option), [option]);
  const describedBy = useId();

  useEffect(() => {
    const element = container.current!;
    const chart = echarts.init(element);
    instance.current = chart;
    chart.on('finished', () => element.setAttribute('data-rendered', 'true'));
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
      instance.current = undefined;
    };
  }, []);

  useEffect(() => {
    container.current?.removeAttribute('data-rendered');
    // notMerge: a series that disappeared from the data must disappear from the chart.
    instance.current?.setOption({ animation: false, ...option }, { notMerge: true });
  }, [option]);

  const summary =
    description ??
    `图表：${table.series.join('、') || '数据'}，共 ${table.rows.length} 项，数值见下方数据表。`;
  return (
    <figure style={{ margin: 0 }}>
      <div
        ref={container}
        role="img"
        aria-label={summary}
        aria-describedby={describedBy}
        data-testid={testId}
        data-total={String(Object.values(totals).reduce((sum, value) => sum + value, 0))}
        data-series-totals={JSON.stringify(totals)}
        style={{ width: '100%', height }}
      />
      <figcaption id={describedBy} style={{ marginTop: 8 }}>
        <ChartTable table={table} testId={`${testId}-table`} />
      </figcaption>
    </figure>
  );
}
