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
