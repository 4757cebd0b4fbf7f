import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DayRange, Granularity } from './dto/report-query.dto.js';
import { ReportTablesService } from './report-tables.service.js';
import { ReportsService, tonnesOf } from './reports.service.js';

const sum = (values: string[]): string =>
  values.reduce((total, value) => total + BigInt(value), 0n).toString();

/** The console's dashboard: one answer, its queries run side by side over the rollups. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly reports: ReportsService,
    private readonly tables: ReportTablesService,
  ) {}

  /** Series follow the granularity (day, week or month: a period is named by its first day). */
  async build(manager: EntityManager, range: DayRange, granularity: Granularity) {
    const [byDay, byDistrict, points, activeCitizens, indicators, pools, closedMonthChanges] =
      await Promise.all([
        this.reports.reductions(manager, range, granularity, 'methodology'),
        this.reports.reductions(manager, range, 'range', 'district'),
        this.reports.pointsFlows(manager, range, granularity),
        this.reports.activeInRange(manager, range),
        this.reports.indicators(manager, range),
        this.reports.pools(manager),
        this.tables.closedMonthChanges(manager, range),
      ]);
    const grams = sum(byDay.map((row) => row.grams));
    return {
      ...range,
      granularity,
      dateBasis: { reductions: 'occurred', points: 'settled' },
      totals: {
        actions: byDay.reduce((total, row) => total + row.actions, 0),
        grams,
        tonnes: tonnesOf(grams),
        pointsIssued: sum(points.map((row) => row.issued)),
        pointsRedeemed: sum(points.map((row) => row.redeemed)),
        pointsExpired: sum(points.map((row) => row.expired)),
        pointsDonated: sum(points.map((row) => row.donated)),
        activeCitizens,
      },
      reductionsByPeriod: byDay.map((row) => ({
        period: row.period,
        methodologyId: row.key,
        actions: row.actions,
        grams: row.grams,
      })),
      reductionsByDistrict: byDistrict.map((row) => ({
        districtCode: row.key,
        districtName: row.label,
        actions: row.actions,
        grams: row.grams,
      })),
      pointsFlowsByPeriod: points,
      closedMonthChanges,
      indicators,
      pools,
    };
  }
}
