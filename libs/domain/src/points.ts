import { floorMultiply, parseDecimal } from './decimal.js';

export interface PointsRule {
  version: number;
  /** Decimal string: points = floor(grams × pointsPerGram). */
  pointsPerGram: string;
  effectiveFrom: Date;
}

/** The rule with the latest effective date not after `at`. */
export function selectPointsRule(rules: readonly PointsRule[], at: Date): PointsRule | undefined {
  let best: PointsRule | undefined;
  for (const rule of rules) {
    if (rule.effectiveFrom.getTime() > at.getTime()) continue;
    if (
      !best ||
      rule.effectiveFrom.getTime() > best.effectiveFrom.getTime() ||
      (rule.effectiveFrom.getTime() === best.effectiveFrom.getTime() && rule.version > best.version)
    ) {
      best = rule;
    }
  }
  return best;
}

export function pointsForGrams(grams: bigint, rule: PointsRule): bigint {
  return floorMultiply(grams, parseDecimal(rule.pointsPerGram));
}
