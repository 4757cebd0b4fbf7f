import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  activeCitizensSql,
  activeInRangeSql,
  BREAKDOWN_COLUMN,
  closedMonthChangesSql,
  districtMethodologySql,
  liveMethodologiesSql,
  pointsFlowsSql,
  reductionsSql,
  tripShareSql,
} from './report-queries.js';

export type ReportGranularity = 'day' | 'week' | 'month';
export type ReportBreakdown = keyof typeof BREAKDOWN_COLUMN;
/** An inclusive range of China Standard Time dates (YYYY-MM-DD). */
export interface ReportDayRange {
  from: string;
  to: string;
}

/** Sums per period and breakdown key; bigints as decimal strings. */
export interface ReductionFigures {
  period: string;
  key: string;
  actions: string;
  grams: string;
  points: string;
}

export interface PointsFlowFigures {
  period: string;
  issued: string;
  redeemed: string;
  expired: string;
  donated: string;
}

export interface ActiveCitizenFigures {
  period: string;
  active: number;
}

export interface DistrictMethodologyFigures {
  district: string;
  methodology: string;
  actions: string;
  grams: string;
}

export interface ClosedMonthChangeFigures {
  month: string;
  methodology: string;
  district: string;
  actions: number;
  grams: string;
  points: string;
  lastSettledAt: Date;
}

/** The bureau's report figures, read from the rollups (see report-queries.ts) and, for closed months, from actions. */
@Injectable()
export class ReportFiguresRepository {
  /** Reductions per period ('range': the whole range as one period) and breakdown key. */
  reductions(
    manager: EntityManager,
    range: ReportDayRange,
    granularity: ReportGranularity | 'range',
    by: ReportBreakdown,
  ): Promise<ReductionFigures[]> {
    return manager.query<ReductionFigures[]>(reductionsSql(granularity, by), [range.from, range.to]);
  }

  pointsFlows(
    manager: EntityManager,
    range: ReportDayRange,
    granularity: ReportGranularity,
  ): Promise<PointsFlowFigures[]> {
    return manager.query<PointsFlowFigures[]>(pointsFlowsSql(granularity), [range.from, range.to]);
  }

  /** Active citizens per whole period that overlaps the range. */
  activeCitizens(
    manager: EntityManager,
    range: ReportDayRange,
    granularity: ReportGranularity,
  ): Promise<ActiveCitizenFigures[]> {
    return manager.query<ActiveCitizenFigures[]>(activeCitizensSql(granularity), [range.from, range.to]);
  }

  /** Distinct citizens with a settled action on any day of the range. */
  async activeInRange(manager: EntityManager, range: ReportDayRange): Promise<number> {
    const [row] = await manager.query<{ active: number }[]>(activeInRangeSql, [range.from, range.to]);
    return row.active;
  }

  /** Methodologies with settled actions in the range, by id. */
  async liveMethodologies(manager: EntityManager, range: ReportDayRange): Promise<string[]> {
    const rows = await manager.query<{ methodology_id: string }[]>(liveMethodologiesSql, [
      range.from,
      range.to,
    ]);
    return rows.map((row) => row.methodology_id);
  }

  /** Green and all trips partners reported in the range (bigints as decimal strings). */
  async tripShare(manager: EntityManager, range: ReportDayRange): Promise<{ green: string; total: string }> {
    const [row] = await manager.query<{ green: string; total: string }[]>(tripShareSql, [
      range.from,
      range.to,
    ]);
    return row;
  }

  districtMethodology(manager: EntityManager, range: ReportDayRange): Promise<DistrictMethodologyFigures[]> {
    return manager.query<DistrictMethodologyFigures[]>(districtMethodologySql, [range.from, range.to]);
  }

  /** Settled actions that occurred in [from, before) but settled after their month ended (China time). */
  async closedMonthChanges(
    manager: EntityManager,
    from: Date,
    before: Date,
  ): Promise<ClosedMonthChangeFigures[]> {
    const rows = await manager.query<
      (Omit<ClosedMonthChangeFigures, 'lastSettledAt'> & { last_settled_at: Date })[]
    >(closedMonthChangesSql, [from, before]);
    return rows.map(({ last_settled_at, ...row }) => ({ ...row, lastSettledAt: last_settled_at }));
  }
}
