import { earnedBadges } from '@app/domain';
import { BadgesRepository, CarbonBalancesRepository } from '@app/persistence';
import { Injectable } from '@nestjs/common';

/**
 * Awards badges from a citizen's settled actions. Idempotent and safe to run concurrently (two
 * workers, a re-run, the scheduled catch-up): the facts are recomputed from Postgres and the award
 * is an INSERT … ON CONFLICT DO NOTHING on the (citizen, badge) primary key.
 */
@Injectable()
export class BadgeAwarder {
  constructor(
    private readonly badges: BadgesRepository,
    private readonly balances: CarbonBalancesRepository,
  ) {}

  /** Returns the badges newly awarded by this call. */
  async awardFor(citizenIds: string[]): Promise<{ citizenId: string; badgeId: string }[]> {
    if (!citizenIds.length) return [];
    const [days, totals] = await Promise.all([
      this.badges.settledDays(citizenIds),
      this.balances.ofCitizens(citizenIds),
    ]);
    const rows: { citizenId: string; badgeId: string; evidence: string }[] = [];
    for (const citizenId of new Set(citizenIds)) {
      const facts = {
        days: days
          .filter((d) => d.citizenId === citizenId)
          .map((d) => ({ methodology: d.methodologyId, date: d.date, actions: d.actions })),
        totalGrams: totals.get(citizenId) ?? 0n,
      };
      if (!facts.days.length) continue;
      for (const badge of earnedBadges(facts))
        rows.push({ citizenId, badgeId: badge.badgeId, evidence: JSON.stringify(badge.evidence) });
    }
    if (!rows.length) return [];
    return this.badges.award(rows);
  }
}
