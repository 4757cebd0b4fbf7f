/**
 * Exact decimal arithmetic for emission factors. Factors are published as decimal strings
 * ("33.88", "0.6361"); binary floats would make 5 km × 33.88 g/km come out as 169.39999…, so a
 * factor is held as an integer numerator over a power of ten and results are floored in bigint.
 */
export interface ExactDecimal {
  /** value = units / 10^scale */
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

export function parseDecimal(text: string): ExactDecimal {
  const match = DECIMAL.exec(text);
  if (!match) throw new RangeError(`not a non-negative decimal: ${JSON.stringify(text)}`);
  const fraction = match[2] ?? '';
  return { units: BigInt(match[1] + fraction), scale: fraction.length };
}

export function isDecimalString(text: unknown): text is string {
  return typeof text === 'string' && DECIMAL.test(text);
}

/** floor(amount × factor / divisor) for non-negative amounts, exactly. */
export function floorMultiply(amount: bigint, factor: ExactDecimal, divisor = 1n): bigint {
  if (amount < 0n) throw new RangeError('amount must be non-negative');
  return (amount * factor.units) / (10n ** BigInt(factor.scale) * divisor);
}

const pow10 = (n: number) => 10n ** BigInt(n);

/** a and b over the same power of ten (the larger scale), for exact comparison and subtraction. */
function aligned(a: ExactDecimal, b: ExactDecimal): { a: bigint; b: bigint; scale: number } {
  const scale = Math.max(a.scale, b.scale);
  return { a: a.units * pow10(scale - a.scale), b: b.units * pow10(scale - b.scale), scale };
}

/** -1, 0 or 1 as a is less than, equal to or greater than b, exactly. */
export function compareDecimals(a: ExactDecimal, b: ExactDecimal): -1 | 0 | 1 {
  const x = aligned(a, b);
  return x.a < x.b ? -1 : x.a > x.b ? 1 : 0;
}

/** a × b, exactly. */
export function multiplyDecimals(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** a + b, exactly. */
export function addDecimals(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
  const x = aligned(a, b);
  return { units: x.a + x.b, scale: x.scale };
}

/** a − b, exactly; decimals here are non-negative, so b must not exceed a. */
export function subtractDecimals(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
  const x = aligned(a, b);
  if (x.b > x.a) throw new RangeError('difference would be negative');
  return { units: x.a - x.b, scale: x.scale };
}

/** floor(numerator × multiplier / denominator) for a non-negative numerator and a positive denominator. */
export function floorDivideDecimals(
  numerator: ExactDecimal,
  denominator: ExactDecimal,
  multiplier = 1n,
): bigint {
  if (numerator.units < 0n || multiplier < 0n) throw new RangeError('numerator must be non-negative');
  if (denominator.units <= 0n) throw new RangeError('denominator must be positive');
  // (n / 10^ns) × m / (d / 10^ds) = n × m × 10^ds / (d × 10^ns)
  return (
    (numerator.units * multiplier * pow10(denominator.scale)) / (denominator.units * pow10(numerator.scale))
  );
}

/** The exact decimal text of a value, without trailing fractional zeros: 82693000 / 10^4 → "8269.3". */
export function formatDecimal(value: ExactDecimal): string {
  const digits = value.units.toString().padStart(value.scale + 1, '0');
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}
