import type { ActionSettlement } from '../posting.js';

/**
 * Points a citizen cannot give back: when a settlement's difference in points is negative (it replaces
 * reports credited more), the citizen gives it back from their points balance, but never below zero
 * (spent points are not clawed back). What the balance does not cover is the shortfall, recorded on
 * the posting (ActionSettlement.pointsShortfall) so the difference still balances.
 */
export function pointsShortfall(difference: bigint, balance: bigint): bigint {
  return difference < 0n && -difference > balance ? -difference - balance : 0n;
}

/** The difference in points a settlement posts: its points less those of the settled reports it replaces. */
export function pointsDifference(s: Pick<ActionSettlement, 'points' | 'supersedes'>): bigint {
  return s.points - (s.supersedes ?? []).reduce((sum, r) => sum + r.points, 0n);
}

/**
 * The shortfall of each settlement of a batch, in order. Only settlements that replace settled reports
 * can fall short; each sees the points balance the earlier ones of the batch left its citizen
 * (`balances` holds the balances before the batch; a citizen without one has 0).
 */
export function settlementShortfalls(
  settlements: readonly Pick<ActionSettlement, 'citizenId' | 'points' | 'supersedes'>[],
  balances: ReadonlyMap<string, bigint>,
): bigint[] {
  const left = new Map(balances);
  return settlements.map((s) => {
    if (!s.supersedes?.length) return 0n;
    const difference = pointsDifference(s);
    const balance = left.get(s.citizenId) ?? 0n;
    const shortfall = pointsShortfall(difference, balance);
    left.set(s.citizenId, balance + difference + shortfall);
    return shortfall;
  });
}
