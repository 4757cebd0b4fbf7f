import { multiplyDecimals, parseDecimal } from './decimal.js';

/**
 * A public institution's annual greenhouse-gas inventory (公共机构碳中和, issue 15): lines by scope
 * (1 direct, 2 purchased energy, 3 other indirect), each an activity amount times the emission factor
 * used, with that factor's source. Emissions are rounded up to the gram (an inventory is never
 * understated: the conservative direction for offsetting).
 */
export const EMISSION_SCOPES = [1, 2, 3] as const;
export type EmissionScope = (typeof EMISSION_SCOPES)[number];

export interface InventoryLineInput {
  scope: EmissionScope;
  /** Activity amount, a decimal string in `activityUnit`. */
  activity: string;
  /** Grams CO2e per activity unit, a decimal string. */
  factor: string;
}

/** ceil(activity × factor) in grams, exactly. */
export function inventoryLineGrams(line: Pick<InventoryLineInput, 'activity' | 'factor'>): bigint {
  const product = multiplyDecimals(parseDecimal(line.activity), parseDecimal(line.factor));
  const one = 10n ** BigInt(product.scale);
  return (product.units + one - 1n) / one;
}

export interface InventoryTotals {
  scope1: bigint;
  scope2: bigint;
  scope3: bigint;
  total: bigint;
}

export function inventoryTotals(lines: { scope: EmissionScope; grams: bigint }[]): InventoryTotals {
  const byScope = (scope: EmissionScope) =>
    lines.filter((l) => l.scope === scope).reduce((sum, l) => sum + l.grams, 0n);
  const [scope1, scope2, scope3] = EMISSION_SCOPES.map(byScope);
  return { scope1, scope2, scope3, total: scope1 + scope2 + scope3 };
}

/**
 * The share of a year's emissions neutralised by retirements, in percent with two decimals, rounded
 * down (a statement never claims more than was retired) and at most "100.00".
 */
export function neutralisedShare(neutralisedGrams: bigint, totalGrams: bigint): string {
  if (totalGrams <= 0n) throw new RangeError('an inventory has positive emissions');
  const basisPoints = (neutralisedGrams * 10_000n) / totalGrams;
  const capped = basisPoints > 10_000n ? 10_000n : basisPoints;
  return `${capped / 100n}.${(capped % 100n).toString().padStart(2, '0')}`;
}

/** Grams a further retirement may neutralise: what the inventory has left, never below zero. */
export function remainingToNeutralise(neutralisedGrams: bigint, totalGrams: bigint): bigint {
  return totalGrams > neutralisedGrams ? totalGrams - neutralisedGrams : 0n;
}
