import {
  GREEN_TRIP_METHODOLOGIES,
  cstDate,
  cstDayStart,
  currentStreak,
  pointsForGrams,
  selectPointsRule,
} from '@app/domain';
import { assessWithVersion, selectVersionInForce } from '@app/methodologies';
import { MethodologyCatalog } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import { typicalInput } from './typical-inputs.js';

/** The daily summary the mini-program polls: today, the streak, and behaviours not tried yet. */
@Injectable()
export class NudgesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: MethodologyCatalog,
  ) {}

  async today(citizen: CitizenPrincipal, now = new Date()) {
    const today = cstDate(now);
    const [tried, days, todayRow] = await Promise.all([
      this.dataSource.query<{ methodology_id: string }[]>(
        `SELECT DISTINCT methodology_id FROM actions WHERE citizen_id = $1 AND status = 'settled'`,
        [citizen.citizenId],
      ),
      this.dataSource.query<{ date: string }[]>(
        `SELECT DISTINCT to_char(occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS date FROM actions
         WHERE citizen_id = $1 AND status = 'settled' AND methodology_id = ANY($2::text[]) AND occurred_at >= $3`,
        [citizen.citizenId, [...GREEN_TRIP_METHODOLOGIES], new Date(now.getTime() - 400 * 86_400_000)],
      ),
      this.dataSource.query<{ grams: string; actions: number }[]>(
        `SELECT coalesce(sum(grams), 0)::text AS grams, count(*)::int AS actions FROM actions
         WHERE citizen_id = $1 AND status = 'settled' AND occurred_at >= $2`,
        [citizen.citizenId, cstDayStart(today)],
      ),
    ]);
    const triedIds = new Set(tried.map((t) => t.methodology_id));
    const snapshot = await this.catalog.get();
    const untried = [...snapshot.methodologyIds]
      .filter((id) => !triedIds.has(id))
      .sort()
      .map((id) => {
        const typical = typicalInput(id, now);
        const version = selectVersionInForce(snapshot.versions, id, citizen.districtCode, now);
        if (!typical || !version) return { methodology: id, estimate: null };
        const assessment = assessWithVersion(version, typical.data, snapshot.factors);
        if (assessment.kind !== 'quantified') return { methodology: id, estimate: null };
        const rule = selectPointsRule(snapshot.pointsRules, now);
        return {
          methodology: id,
          estimate: {
            example: typical.description,
            grams: assessment.grams.toString(),
            points: rule ? pointsForGrams(assessment.grams, rule).toString() : null,
            methodologyVersion: version.version,
          },
        };
      });
    return {
      date: today,
      today: { grams: todayRow[0].grams, actions: todayRow[0].actions },
      greenTripStreakDays: currentStreak(
        days.map((d) => d.date),
        today,
      ),
      untried,
    };
  }
}
