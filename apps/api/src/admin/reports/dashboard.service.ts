import { Injectable } from '@nestjs/common';
import type { DayRange } from './report-query.dto.js';
import { ReportsService, tonnesOf } from './reports.service.js';

const sum = (values: string[]): string =>
  values.reduce((total, value) => total + BigInt(value), 0n).toString();

/** The console's dashboard: one answer, its queries run side by side over the rollups. */
@Injectable()
export class DashboardService {
  constructor(private readonly reports: ReportsService) {}

  async build(range: DayRange) {
    const [byDay, byDistrict, points, activeCitizens, indicators, pools] = await Promise.all([
      this.reports.reductions(range, 'day', 'methodology'),
      this.reports.reductions(range, 'range', 'district'),
      this.reports.pointsFlows(range, 'day'),
      this.reports.activeInRange(range),
      this.reports.indicators(range),
      this.reports.pools(),
    ]);
    const grams = sum(byDay.map((row) => row.grams));
    return {
      ...range,
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
      reductionsByDay: byDay.map((row) => ({
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
      pointsFlowsByDay: points,
      indicators,
      pools,
    };
  }
}
