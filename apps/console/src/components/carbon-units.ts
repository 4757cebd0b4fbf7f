/**
 * Grams CO2e arrive as strings of integer grams (they can exceed 2^53), so every conversion here is
 * done on bigint: 1 千克 = 1,000 g, 1 吨 = 1,000,000 g, never through a float.
 */

const GRAMS_PER_KG = 1_000n;
const GRAMS_PER_TONNE = 1_000_000n;

/** '1234567' → '1,234,567' (a leading minus is kept). */
export function groupDigits(value: string | number | bigint): string {
  const text = String(value);
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return negative ? `-${grouped}` : grouped;
}

/** grams ÷ unit with `places` decimals, rounded half up (away from zero), grouped. */
function divide(grams: bigint, unit: bigint, places: number): string {
  const negative = grams < 0n;
  const magnitude = negative ? -grams : grams;
  const scale = 10n ** BigInt(places);
  const scaled = (magnitude * scale * 2n + unit) / (unit * 2n);
  const whole = groupDigits(scaled / scale);
  const fraction = places ? '.' + (scaled % scale).toString().padStart(places, '0') : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

const toBigInt = (grams: string | bigint): bigint =>
  typeof grams === 'bigint' ? grams : BigInt(grams || '0');

/** Below a tonne in 千克 (exact, 3 decimals), from a tonne up in 吨 (3 decimals, rounded). */
export function formatGrams(grams: string | bigint): string {
  const value = toBigInt(grams);
  const magnitude = value < 0n ? -value : value;
  return magnitude < GRAMS_PER_TONNE
    ? `${divide(value, GRAMS_PER_KG, 3)} 千克`
    : `${divide(value, GRAMS_PER_TONNE, 3)} 吨`;
}

/** A chart axis tick: 千克 or 吨 without trailing zeros ('0.5 千克', '12 吨'). */
export function formatGramsShort(grams: string | bigint): string {
  const [number, unit] = formatGrams(grams).split(' ');
  return `${number.includes('.') ? number.replace(/\.?0+$/, '') : number} ${unit}`;
}

/** Exact tonnes (6 decimals: a gram is 0.000001 吨), for certificates. */
export const formatTonnesExact = (grams: string | bigint): string =>
  `${divide(toBigInt(grams), GRAMS_PER_TONNE, 6)} 吨`;

export const formatGramsExact = (grams: string | bigint): string => `${groupDigits(toBigInt(grams))} 克`;

export type MassUnit = 'kg' | 't';
export const MASS_UNIT_LABELS: Record<MassUnit, string> = { kg: '千克', t: '吨' };
const UNIT_PLACES: Record<MassUnit, number> = { kg: 3, t: 6 };

/**
 * '1.5' 吨 → 1,500,000n g. Refuses anything that is not a whole number of grams (more than 3
 * decimals of 千克 or 6 of 吨), so what is retired is exactly what was typed.
 */
export function parseMassToGrams(text: string, unit: MassUnit): { grams: bigint } | { error: string } {
  const trimmed = text.trim().replace(/,/g, '');
  const match = /^(\d+)(?:\.(\d+))?$/.exec(trimmed);
  if (!match) return { error: '请输入数字，例如 1.5' };
  const places = UNIT_PLACES[unit];
  const fraction = match[2] ?? '';
  if (fraction.replace(/0+$/, '').length > places)
    return { error: `最小单位为 1 克：${MASS_UNIT_LABELS[unit]}最多 ${places} 位小数` };
  const grams = BigInt(match[1] + fraction.slice(0, places).padEnd(places, '0'));
  if (grams <= 0n) return { error: '数量必须大于 0' };
  return { grams };
}

/** Display units for grams: a column (or a single figure) reads in the one that suits its largest value. */
export type DisplayUnit = 'g' | 'kg' | 't';
export const DISPLAY_UNIT_LABELS: Record<DisplayUnit, string> = { g: '克', kg: '千克', t: '吨' };
const DISPLAY_UNIT_GRAMS: Record<DisplayUnit, bigint> = { g: 1n, kg: GRAMS_PER_KG, t: GRAMS_PER_TONNE };

/** 吨 once the largest value reaches a tonne, 千克 from a kilogram, else 克. */
export function unitFor(values: readonly (string | bigint | null | undefined)[]): DisplayUnit {
  const largest = values.reduce<bigint>((max, value) => {
    if (value === null || value === undefined || value === '') return max;
    const grams = toBigInt(value);
    const magnitude = grams < 0n ? -grams : grams;
    return magnitude > max ? magnitude : max;
  }, 0n);
  return largest >= GRAMS_PER_TONNE ? 't' : largest >= GRAMS_PER_KG ? 'kg' : 'g';
}

/** grams in `unit`, rounded to at most `places` decimals, trailing zeros dropped: '1', '0.5', '1,234.568'. */
export function amountIn(grams: string | bigint, unit: DisplayUnit, places = 3): string {
  const text = divide(toBigInt(grams), DISPLAY_UNIT_GRAMS[unit], unit === 'g' ? 0 : places);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** One figure in the unit that suits it: '1 吨', '22 千克', '169 克', '1.3 吨'. */
export function formatMass(grams: string | bigint, places = 3): string {
  const unit = unitFor([grams]);
  return `${amountIn(grams, unit, places)} ${DISPLAY_UNIT_LABELS[unit]}`;
}
