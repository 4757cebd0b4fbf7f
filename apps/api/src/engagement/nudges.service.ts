import {
  GREEN_TRIP_METHODOLOGIES,
  cstDate,
  cstDayStart,
  currentStreak,
  pointsForGrams,
  selectPointsRule,
} from '@app/domain';
import { assessWithVersion, selectVersionInForce } from '@app/methodologies';
import { CitizenActivityRepository, MethodologyCatalog } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import { typicalInput } from './typical-inputs.js';

/** The daily summary the mini-program polls: today, the streak, and behaviours not tried yet. */
@Injectable()
export class NudgesService {
  constructor(
    private readonly activity: CitizenActivityRepository,
    private readonly catalog: MethodologyCatalog,
  ) {}

  async today(citizen: CitizenPrincipal, now = new Date()) {
    const today = cstDate(now);
    const [tried, days, todayTotals] = await Promise.all([
      this.activity.settledMethodologies(citizen.citizenId),
      this.activity.settledDays(
        citizen.citizenId,
        [...GREEN_TRIP_METHODOLOGIES],
        new Date(now.getTime() - 400 * 86_400_000),
      ),
      this.activity.settledSince(citizen.citizenId, cstDayStart(today)),
    ]);
    const triedIds = new Set(tried);
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
      today: { grams: todayTotals.grams, actions: todayTotals.actions },
      greenTripStreakDays: currentStreak(days, today),
      untried,
    };
  }
}
