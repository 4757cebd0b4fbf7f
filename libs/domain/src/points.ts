import { floorMultiply, parseDecimal } from './decimal.js';
import { scopeCovers } from './districts.js';

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

/** A points campaign (e.g. 全国低碳日 ×2): a multiplier for actions in its region, methodologies and dates. */
export interface Campaign {
  id: string;
  regionScope: string[] | null;
  methodologies: string[] | null;
  startsAt: Date;
  endsAt: Date;
  /** Decimal string, e.g. "2" or "1.5". */
  multiplier: string;
}

/** The campaign with the highest multiplier covering the action, if any (campaigns do not stack). */
export function selectCampaign(
  campaigns: readonly Campaign[],
  methodologyId: string,
  district: string,
  at: Date,
): Campaign | undefined {
  let best: Campaign | undefined;
  for (const c of campaigns) {
    if (c.startsAt.getTime() > at.getTime() || c.endsAt.getTime() <= at.getTime()) continue;
    if (c.methodologies?.length && !c.methodologies.includes(methodologyId)) continue;
    if (!scopeCovers(c.regionScope, district)) continue;
    if (!best || parseFloat(c.multiplier) > parseFloat(best.multiplier)) best = c;
  }
  return best;
}

/** Points for an action: the rule's conversion, then the campaign's multiplier, each floored. */
export function campaignPoints(points: bigint, campaign: Campaign | undefined): bigint {
  return campaign ? floorMultiply(points, parseDecimal(campaign.multiplier)) : points;
}
