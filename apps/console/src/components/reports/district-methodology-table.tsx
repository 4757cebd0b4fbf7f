import { Button, Table } from 'antd';
import { downloadCsv, get, type Schema } from '../../api';
import { methodologyLabel } from '../../labels';
import { useApiFeedback } from '../api-feedback';
import { amountIn, DISPLAY_UNIT_LABELS, unitFor } from '../carbon-units';
import { RemoteView } from '../remote-view';
import { ScrollBox } from '../scroll-box';
import { useRemote } from '../use-remote';

type Report = Schema<'DistrictMethodologyReportDto'>;
type Row = Report['rows'][number];

const TOTAL_KEY = '合计';

/** Reductions by district × methodology for the range, each column in its own unit, totals last. */
export function DistrictMethodologyTable({ from, to }: { from: string; to: string }) {
  const feedback = useApiFeedback();
  const path = `/admin/v1/reports/district-methodology?from=${from}&to=${to}`;
  const remote = useRemote(() => get<Report>(path), path);
  const csv = (
    <Button
      size="small"
      data-testid="csv-district-methodology"
      onClick={() =>
        downloadCsv(path, `区县×方法学减排量_${from}至${to}.csv`).catch((error: unknown) =>
          feedback.error(error, '下载失败'),
        )
      }
    >
      下载 CSV
    </Button>
  );
  return (
    <RemoteView remote={remote} what="区县×方法学表">
      {(report) => {
        const totalRow: Row = { districtCode: TOTAL_KEY, districtName: '合计', ...report.totals };
        const rows = [...report.rows, totalRow];
        const gramsIn = (row: Row, id: string) =>
          row.cells.find((cell) => cell.methodologyId === id)?.grams ?? '0';
        const methodologyColumns = report.methodologies.map(({ id }) => {
          const unit = unitFor(rows.map((row) => gramsIn(row, id)));
          return {
            title: `${methodologyLabel(id)}（${DISPLAY_UNIT_LABELS[unit]}）`,
            key: id,
            align: 'right' as const,
            render: (_: unknown, row: Row) => amountIn(gramsIn(row, id), unit),
          };
        });
        const totalUnit = unitFor(rows.map((row) => row.grams));
        return (
          <ScrollBox label="区县×方法学减排量表">
            <Table<Row>
              data-testid="district-methodology-table"
              size="small"
              rowKey="districtCode"
              pagination={false}
              dataSource={rows}
              title={() => csv}
              locale={{ emptyText: '所选日期内没有减排量' }}
              onRow={(row) => (row.districtCode === TOTAL_KEY ? { style: { fontWeight: 600 } } : {})}
              columns={[
                { title: '区县', fixed: 'left', render: (_, row) => row.districtName },
                ...methodologyColumns,
                { title: '行为数', align: 'right', render: (_, row) => row.actions.toLocaleString('zh-CN') },
                {
                  title: `合计（${DISPLAY_UNIT_LABELS[totalUnit]}）`,
                  align: 'right',
                  render: (_, row) => (
                    <span data-testid={`matrix-total-${row.districtCode}`} data-grams={row.grams}>
                      {amountIn(row.grams, totalUnit)}
                    </span>
                  ),
                },
              ]}
            />
          </ScrollBox>
        );
      }}
    </RemoteView>
  );
}
