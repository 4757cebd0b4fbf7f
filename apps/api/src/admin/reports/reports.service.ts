import { DISTRICTS, SELF_REPORTED } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RetirementsService } from '../pools/retirements.service.js';
import type { Breakdown, DayRange, Granularity } from './report-query.dto.js';
import {
  activeCitizensSql,
  activeInRangeSql,
  liveMethodologiesSql,
  pointsFlowsSql,
  reductionsSql,
  tripShareSql,
} from './report-queries.js';

/** The plans ask for at least two live 应用场景 (methodologies with settled actions). */
export const LIVE_SCENARIO_TARGET = 2;

export interface ReductionRow {
  period: string;
  key: string;
  label: string;
  actions: number;
  grams: string;
  tonnes: string;
  pointsIssued: string;
}

export interface PointsFlowRow {
  period: string;
  issued: string;
  redeemed: string;
  expired: string;
  donated: string;
}

export interface CitizensRow {
  period: string;
  activeCitizens: number;
  actions: number;
}

export interface Indicators {
  liveScenarios: number;
  liveScenarioTarget: number;
  liveMethodologies: string[];
  greenTrips: number;
  reportedTrips: number;
  /** Green trips over all trips partners reported; null when no partner reports trips. */
  greenTripShare: number | null;
}

/** Exact tonnes from integer grams, six decimals, no floating point. */
export const tonnesOf = (grams: string): string => {
  const value = BigInt(grams);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 1_000_000n}.${(abs % 1_000_000n).toString().padStart(6, '0')}`;
};

interface RawReduction {
  period: string;
  key: string;
  actions: string;
  grams: string;
  points: string;
}

/** The bureau's reports, read from rollups kept as actions settle (see the ReportRollups migration). */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly retirements: RetirementsService,
  ) {}

  async reductions(
    range: DayRange,
    granularity: Granularity | 'range',
    by: Breakdown,
  ): Promise<ReductionRow[]> {
    const [rows, labels] = await Promise.all([
      this.dataSource.query<RawReduction[]>(reductionsSql(granularity, by), [range.from, range.to]),
      this.labels(by),
    ]);
    return rows.map((row) => ({
      period: row.period,
      key: row.key,
      label: labels(row.key),
      actions: Number(row.actions),
      grams: row.grams,
      tonnes: tonnesOf(row.grams),
      pointsIssued: row.points,
    }));
  }

  pointsFlows(range: DayRange, granularity: Granularity): Promise<PointsFlowRow[]> {
    return this.dataSource.query<PointsFlowRow[]>(pointsFlowsSql(granularity), [range.from, range.to]);
  }

  async citizens(range: DayRange, granularity: Granularity): Promise<CitizensRow[]> {
    const [active, actions] = await Promise.all([
      this.dataSource.query<{ period: string; active: number }[]>(activeCitizensSql(granularity), [
        range.from,
        range.to,
      ]),
      this.reductions(range, granularity, 'total'),
    ]);
    const actionsByPeriod = new Map(actions.map((row) => [row.period, row.actions]));
    return active.map((row) => ({
      period: row.period,
      activeCitizens: row.active,
      actions: actionsByPeriod.get(row.period) ?? 0,
    }));
  }

  async activeInRange(range: DayRange): Promise<number> {
    const [row] = await this.dataSource.query<{ active: number }[]>(activeInRangeSql, [range.from, range.to]);
    return row.active;
  }

  async indicators(range: DayRange): Promise<Indicators> {
    const [live, [trips]] = await Promise.all([
      this.dataSource.query<{ methodology_id: string }[]>(liveMethodologiesSql, [range.from, range.to]),
      this.dataSource.query<{ green: string; total: string }[]>(tripShareSql, [range.from, range.to]),
    ]);
    const greenTrips = Number(trips.green);
    const reportedTrips = Number(trips.total);
    return {
      liveScenarios: live.length,
      liveScenarioTarget: LIVE_SCENARIO_TARGET,
      liveMethodologies: live.map((row) => row.methodology_id),
      greenTrips,
      reportedTrips,
      greenTripShare: reportedTrips > 0 ? Math.round((greenTrips / reportedTrips) * 10_000) / 10_000 : null,
    };
  }

  pools() {
    return this.retirements.pools();
  }

  /** Human names for a breakdown's keys: methodology titles, district names, partner names. */
  private async labels(by: Breakdown): Promise<(key: string) => string> {
    if (by === 'district') return (key) => DISTRICTS[key] ?? key;
    if (by === 'methodology') {
      const rows = await this.dataSource.query<{ id: string; title: string }[]>(
        `SELECT id, title FROM methodologies`,
      );
      const titles = new Map(rows.map((row) => [row.id, row.title]));
      return (key) => titles.get(key) ?? key;
    }
    if (by === 'source') {
      const rows = await this.dataSource.query<{ id: string; display_name: string }[]>(
        `SELECT id, display_name FROM partners`,
      );
      const names = new Map(rows.map((row) => [`partner:${row.id}`, row.display_name]));
      return (key) => (key === SELF_REPORTED ? '市民自报' : (names.get(key) ?? key));
    }
    return () => '合计';
  }
}
