import { methodologyNameZh } from '@app/contracts';
import { cstDayStart, DISTRICTS, shiftDate } from '@app/domain';
import { ReportFiguresRepository } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DayRange } from './dto/report-query.dto.js';
import type { ClosedMonthChangeDto, DistrictMethodologyReportDto } from './dto/report-tables.dto.js';

const plus = (a: string, b: string) => (BigInt(a) + BigInt(b)).toString();

/** The district × methodology table and the closed-month change flags. */
@Injectable()
export class ReportTablesService {
  constructor(private readonly figures: ReportFiguresRepository) {}

  async districtMethodology(manager: EntityManager, range: DayRange): Promise<DistrictMethodologyReportDto> {
    const rows = await this.figures.districtMethodology(manager, range);
    const methodologies = [...new Set(rows.map((r) => r.methodology))].sort();
    const byDistrict = new Map<string, DistrictMethodologyReportDto['rows'][number]>();
    const columnTotals = new Map(methodologies.map((id) => [id, { actions: 0, grams: '0' }]));
    for (const r of rows) {
      const district = r.district.trim();
      const row = byDistrict.get(district) ?? {
        districtCode: district,
        districtName: DISTRICTS[district] ?? district,
        cells: [],
        actions: 0,
        grams: '0',
      };
      row.cells.push({ methodologyId: r.methodology, actions: Number(r.actions), grams: r.grams });
      row.actions += Number(r.actions);
      row.grams = plus(row.grams, r.grams);
      byDistrict.set(district, row);
      const column = columnTotals.get(r.methodology)!;
      column.actions += Number(r.actions);
      column.grams = plus(column.grams, r.grams);
    }
    const tableRows = [...byDistrict.values()];
    return {
      ...range,
      dateBasis: 'occurred',
      methodologies: methodologies.map((id) => ({ id, name: methodologyNameZh(id) })),
      rows: tableRows,
      totals: {
        cells: methodologies.map((id) => ({ methodologyId: id, ...columnTotals.get(id)! })),
        actions: tableRows.reduce((sum, row) => sum + row.actions, 0),
        grams: tableRows.reduce((sum, row) => plus(sum, row.grams), '0'),
      },
    };
  }

  async closedMonthChanges(manager: EntityManager, range: DayRange): Promise<ClosedMonthChangeDto[]> {
    const rows = await this.figures.closedMonthChanges(
      manager,
      cstDayStart(range.from),
      cstDayStart(shiftDate(range.to, 1)),
    );
    const months = new Map<string, ClosedMonthChangeDto>();
    for (const r of rows) {
      const month = months.get(r.month) ?? {
        month: r.month,
        actions: 0,
        grams: '0',
        points: '0',
        lastSettledAt: r.lastSettledAt.toISOString(),
        changes: [],
      };
      month.actions += r.actions;
      month.grams = plus(month.grams, r.grams);
      month.points = plus(month.points, r.points);
      if (r.lastSettledAt.toISOString() > month.lastSettledAt)
        month.lastSettledAt = r.lastSettledAt.toISOString();
      month.changes.push({
        methodologyId: r.methodology,
        districtCode: r.district.trim(),
        actions: r.actions,
        grams: r.grams,
      });
      months.set(r.month, month);
    }
    return [...months.values()];
  }
}
