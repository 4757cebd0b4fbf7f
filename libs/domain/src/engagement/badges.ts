import { longestStreak } from './calendar.js';

/** The green-trip methodologies a streak counts. */
export const GREEN_TRIP_METHODOLOGIES = ['cycling', 'bus', 'metro', 'walking', 'carpool'] as const;

/**
 * Badge rules are data: a new badge is a new entry here (ids are stable and never reused, since
 * awards reference them). Each is awarded at most once per citizen (a primary key in citizen_badges).
 */
export type BadgeRule =
  | {
      id: string;
      title: string;
      description: string;
      kind: 'streak';
      methodologies: readonly string[];
      days: number;
    }
  | {
      id: string;
      title: string;
      description: string;
      kind: 'count';
      methodologies: readonly string[];
      count: number;
    }
  | { id: string; title: string; description: string; kind: 'total-grams'; grams: bigint };

export const BADGE_RULES: readonly BadgeRule[] = [
  {
    id: 'green-trips-7-days',
    title: '绿色出行一周',
    description: 'green trips (cycling, bus, metro, walking, car-pooling) on 7 days in a row',
    kind: 'streak',
    methodologies: GREEN_TRIP_METHODOLOGIES,
    days: 7,
  },
  {
    id: 'first-clothes-drop-off',
    title: '旧衣新生',
    description: 'a first old-clothes drop-off credited',
    kind: 'count',
    methodologies: ['clothes-recycling'],
    count: 1,
  },
  {
    id: 'reduced-100-kg',
    title: '减碳百公斤',
    description: '100 kg CO2e reduced in total',
    kind: 'total-grams',
    grams: 100_000n,
  },
];

/** What the rules look at: a citizen's settled actions, summarised per methodology and CST day. */
export interface BadgeFacts {
  /** One row per (methodology, CST date) with at least one settled action that day. */
  days: readonly { methodology: string; date: string; actions: number }[];
  /** Grams credited in total (the carbon account's balance). */
  totalGrams: bigint;
}

export interface EarnedBadge {
  badgeId: string;
  evidence: Record<string, string | number>;
}

/** Which badges the facts earn (whether already awarded or not; awarding is idempotent). */
export function earnedBadges(facts: BadgeFacts, rules: readonly BadgeRule[] = BADGE_RULES): EarnedBadge[] {
  const earned: EarnedBadge[] = [];
  for (const rule of rules) {
    if (rule.kind === 'streak') {
      const dates = facts.days.filter((d) => rule.methodologies.includes(d.methodology)).map((d) => d.date);
      const streak = longestStreak(dates);
      if (streak.days >= rule.days)
        earned.push({ badgeId: rule.id, evidence: { days: streak.days, endsOn: streak.endsOn! } });
    } else if (rule.kind === 'count') {
      const count = facts.days
        .filter((d) => rule.methodologies.includes(d.methodology))
        .reduce((sum, d) => sum + d.actions, 0);
      if (count >= rule.count) earned.push({ badgeId: rule.id, evidence: { actions: count } });
    } else if (facts.totalGrams >= rule.grams) {
      earned.push({ badgeId: rule.id, evidence: { grams: facts.totalGrams.toString() } });
    }
  }
  return earned;
}

export function badgeRule(id: string): BadgeRule | undefined {
  return BADGE_RULES.find((r) => r.id === id);
}
