import { DISTRICTS, SELF_REPORTED } from '@app/domain';
import {
  MethodologyVersionsRepository,
  PartnerRegistryRepository,
  ReportFiguresRepository,
} from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RetirementsService } from '../pools/retirements.service.js';
import type { Breakdown, DayRange, Granularity } from './dto/report-query.dto.js';

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

/** The bureau's reports, read from rollups kept as actions settle (see the ReportRollups migration). */
@Injectable()
export class ReportsService {
  constructor(
    private readonly figures: ReportFiguresRepository,
    private readonly methodologies: MethodologyVersionsRepository,
    private readonly partners: PartnerRegistryRepository,
    private readonly retirements: RetirementsService,
  ) {}

  async reductions(
    manager: EntityManager,
    range: DayRange,
    granularity: Granularity | 'range',
    by: Breakdown,
  ): Promise<ReductionRow[]> {
    const [rows, labels] = await Promise.all([
      this.figures.reductions(manager, range, granularity, by),
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

  pointsFlows(manager: EntityManager, range: DayRange, granularity: Granularity): Promise<PointsFlowRow[]> {
    return this.figures.pointsFlows(manager, range, granularity);
  }

  async citizens(manager: EntityManager, range: DayRange, granularity: Granularity): Promise<CitizensRow[]> {
    const [active, actions] = await Promise.all([
      this.figures.activeCitizens(manager, range, granularity),
      this.reductions(manager, range, granularity, 'total'),
    ]);
    const actionsByPeriod = new Map(actions.map((row) => [row.period, row.actions]));
    return active.map((row) => ({
      period: row.period,
      activeCitizens: row.active,
      actions: actionsByPeriod.get(row.period) ?? 0,
    }));
  }

  activeInRange(manager: EntityManager, range: DayRange): Promise<number> {
    return this.figures.activeInRange(manager, range);
  }

  async indicators(manager: EntityManager, range: DayRange): Promise<Indicators> {
    const [live, trips] = await Promise.all([
      this.figures.liveMethodologies(manager, range),
      this.figures.tripShare(manager, range),
    ]);
    const greenTrips = Number(trips.green);
    const reportedTrips = Number(trips.total);
    return {
      liveScenarios: live.length,
      liveScenarioTarget: LIVE_SCENARIO_TARGET,
      liveMethodologies: live,
      greenTrips,
      reportedTrips,
      greenTripShare: reportedTrips > 0 ? Math.round((greenTrips / reportedTrips) * 10_000) / 10_000 : null,
    };
  }

  pools(manager: EntityManager) {
    return this.retirements.pools(manager);
  }

  /** Human names for a breakdown's keys: methodology titles, district names, partner names. */
  private async labels(by: Breakdown): Promise<(key: string) => string> {
    if (by === 'district') return (key) => DISTRICTS[key] ?? key;
    if (by === 'methodology') {
      const titles = await this.methodologies.titles();
      return (key) => titles.get(key) ?? key;
    }
    if (by === 'source') {
      const displayNames = await this.partners.displayNames();
      const names = new Map([...displayNames].map(([id, name]) => [`partner:${id}`, name]));
      return (key) => (key === SELF_REPORTED ? '市民自报' : (names.get(key) ?? key));
    }
    return () => '合计';
  }
}
