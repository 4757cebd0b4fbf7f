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
import { useEffect, useMemo, useRef } from 'react';

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

export function Chart({ testId, option, height = 320 }: ChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const instance = useRef<echarts.ECharts | undefined>(undefined);
  const totals = useMemo(() => seriesTotals(option), [option]);

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

  return (
    <div
      ref={container}
      data-testid={testId}
      data-total={String(Object.values(totals).reduce((sum, value) => sum + value, 0))}
      data-series-totals={JSON.stringify(totals)}
      style={{ width: '100%', height }}
    />
  );
}
