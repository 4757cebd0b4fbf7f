import type { EChartsOption } from 'echarts';

export interface ChartTableData {
  categoryTitle: string;
  series: string[];
  rows: { category: string; values: string[] }[];
}

const asArray = <T,>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** A data item as the table shows it: 12, [x, 12] or { value: 12 }. */
function cell(item: unknown): string {
  if (item === null || item === undefined || item === '-') return '—';
  if (Array.isArray(item)) return cell(item[item.length - 1]);
  if (typeof item === 'object' && 'value' in item) return cell((item as { value: unknown }).value);
  return typeof item === 'number' ? item.toLocaleString('zh-CN') : String(item);
}

/** The chart's categories (its category axis, x or y) as rows and its series as columns. */
export function chartTable(option: EChartsOption): ChartTableData {
  const axes = [...asArray(option.xAxis as object), ...asArray(option.yAxis as object)] as {
    type?: string;
    data?: unknown[];
    name?: string;
  }[];
  const categoryAxis = axes.find((axis) => axis.type === 'category' && axis.data);
  const series = asArray(option.series as object) as { name?: string; data?: unknown[] }[];
  const categories = (categoryAxis?.data ?? series[0]?.data?.map((_, index) => index + 1) ?? []).map((c) =>
    typeof c === 'object' && c && 'value' in c ? String((c as { value: unknown }).value) : String(c),
  );
  return {
    categoryTitle: categoryAxis?.name || '类别',
    series: series.map((one, index) => one.name ?? `系列 ${index + 1}`),
    rows: categories.map((category, index) => ({
      category,
      values: series.map((one) => cell(one.data?.[index])),
    })),
  };
}

/** The table view beside a chart, folded under 查看数据表 (a native disclosure, keyboard-operable). */
export function ChartTable({ table, testId }: { table: ChartTableData; testId: string }) {
  return (
    <details data-testid={testId}>
      <summary style={{ cursor: 'pointer' }}>查看数据表</summary>
      <div style={{ overflowX: 'auto' }}>
        <table style={{ borderCollapse: 'collapse', marginTop: 8, fontSize: 13 }}>
          <thead>
            <tr>
              <th scope="col" style={CELL}>
                {table.categoryTitle}
              </th>
              {table.series.map((name) => (
                <th key={name} scope="col" style={CELL}>
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.category}>
                <th scope="row" style={{ ...CELL, fontWeight: 'normal' }}>
                  {row.category}
                </th>
                {row.values.map((value, index) => (
                  <td key={index} style={{ ...CELL, textAlign: 'right' }}>
                    {value}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

const CELL = { border: '1px solid #d9d9d9', padding: '2px 8px', textAlign: 'left' as const };
