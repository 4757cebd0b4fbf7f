/**
 * How numbers read to a citizen: grams in 克, 千克 or 吨 chosen by size, points and steps with
 * thousands separators. Amounts arrive as decimal strings (64-bit integers), so the arithmetic is
 * bigint and exact.
 */

type Amount = string | number | bigint;

function toBigInt(value: Amount): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  return BigInt(value.trim() === '' ? '0' : value.trim());
}

/** 1234567 → "1,234,567". */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** n / d rounded half up (n, d ≥ 0). */
function roundDiv(n: bigint, d: bigint): bigint {
  return (n * 2n + d) / (2n * d);
}

/** A count of hundredths as "12.5" / "3" / "1,024.07": trailing zeros dropped. */
function hundredths(value: bigint): string {
  const whole = groupThousands((value / 100n).toString());
  const fraction = (value % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** Grams CO2e for people: "169 克", "1.5 千克", "12,345.68 千克", "2.35 吨". */
export function formatGrams(value: Amount): string {
  const grams = toBigInt(value);
  const sign = grams < 0n ? '-' : '';
  const abs = grams < 0n ? -grams : grams;
  if (abs < 1000n) return `${sign}${abs} 克`;
  const kilogramHundredths = roundDiv(abs, 10n);
  if (kilogramHundredths < 100_000n) return `${sign}${hundredths(kilogramHundredths)} 千克`;
  return `${sign}${hundredths(roundDiv(abs, 10_000n))} 吨`;
}

/** A signed change of grams: "+169 克", "-1.2 千克", "0 克". */
export function formatGramsChange(value: Amount): string {
  const grams = toBigInt(value);
  return grams > 0n ? `+${formatGrams(grams)}` : formatGrams(grams);
}

export function formatPoints(value: Amount): string {
  const points = toBigInt(value);
  const sign = points < 0n ? '-' : '';
  return `${sign}${groupThousands((points < 0n ? -points : points).toString())} 积分`;
}

export function formatPointsChange(value: Amount): string {
  const points = toBigInt(value);
  return points > 0n ? `+${formatPoints(points)}` : formatPoints(points);
}

export function formatCount(value: Amount): string {
  const n = toBigInt(value);
  return (n < 0n ? '-' : '') + groupThousands((n < 0n ? -n : n).toString());
}

export function formatSteps(value: Amount): string {
  return `${formatCount(value)} 步`;
}

/** Metres as kilometres: 5000 → "5 公里", 12345 → "12.35 公里", 800 → "0.8 公里". */
export function formatKilometres(metres: Amount): string {
  return `${hundredths(roundDiv(toBigInt(metres), 10n))} 公里`;
}

/** How this week compares with last: "比上周多 1.2 千克", "与上周持平". */
export function compareWeeks(thisWeek: Amount, lastWeek: Amount): string {
  const difference = toBigInt(thisWeek) - toBigInt(lastWeek);
  if (difference === 0n) return '与上周持平';
  return difference > 0n ? `比上周多 ${formatGrams(difference)}` : `比上周少 ${formatGrams(-difference)}`;
}

/** How many units some grams make, to one decimal: 169 g at 183 g/km → "0.9". */
export function formatRatio(grams: Amount, gramsPerUnit: Amount): string {
  const per = toBigInt(gramsPerUnit);
  if (per <= 0n) return '0';
  const tenths = roundDiv(toBigInt(grams) * 10n, per);
  const whole = groupThousands((tenths / 10n).toString());
  return tenths % 10n === 0n ? whole : `${whole}.${tenths % 10n}`;
}
