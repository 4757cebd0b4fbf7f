import {
  compareDecimals,
  cstDayStart,
  ErrorCode,
  formatDecimal,
  isDecimalString,
  multiplyDecimals,
  parseDecimal,
  type ExactDecimal,
} from '@app/domain';
import { z } from 'zod';
import { capsSchema, factorSchema, selfReportedSchema } from './common-params.js';
import { periodFingerprint } from './event-identity.js';
import { reasonParams, reject, type Methodology, type QuantifyResult } from './methodology.js';

/**
 * Shared by the electricity methodologies (rooftop PV, heat pump, energy-saving air conditioner):
 * calendar dates, inclusive metering periods, kWh readings, the grid factor. Dates are China calendar
 * days (UTC+8).
 */

const DAY_MS = 86_400_000;

/** Longest metering period: a leap year. */
export const MAX_PERIOD_DAYS = 366;

/** A real calendar day 'YYYY-MM-DD' (leap years checked), bounded to this century. */
export const calendarDateSchema = z.iso
  .date()
  .refine((date) => date >= '2000-01-01' && date <= '2099-12-31', 'must be a date from 2000 to 2099');

/** Non-negative kWh with at most 3 decimals and no leading zeros, up to 9,999,999.999 kWh. */
export const kwhSchema = z
  .string()
  .regex(
    /^(0|[1-9]\d{0,6})(\.\d{1,3})?$/,
    'must be a decimal string of kWh with at most 3 decimals, e.g. "1234.5"',
  );

/** Positive kW with at most 3 decimals, up to 99,999.999 kW. */
export const kwSchema = z
  .string()
  .regex(
    /^(0|[1-9]\d{0,4})(\.\d{1,3})?$/,
    'must be a decimal string of kW with at most 3 decimals, e.g. "10.5"',
  )
  // Zod runs this even when the regex failed: a malformed text is the regex's issue, not a throw.
  .refine((text) => !isDecimalString(text) || parseDecimal(text).units > 0n, 'must be more than 0 kW');

/** A serial, receipt or invoice number: letters, digits and . _ : - (never '/', the fingerprint separator). */
export const identifierSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'must be 1–64 letters, digits or . _ : -');

/** The same identifier whatever case a source writes it in, for fingerprints. */
export const normalizedIdentifier = (id: string) => id.toUpperCase();

const utcDay = (date: string) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));

/** Days from start to end, both included: the same day is 1. */
export const daysInclusive = (start: string, end: string): number =>
  (utcDay(end) - utcDay(start)) / DAY_MS + 1;

/** A metering period of whole days, periodStart to periodEnd inclusive. */
export const meteringPeriodSchema = z.object({
  periodStart: calendarDateSchema,
  periodEnd: calendarDateSchema,
});

export function refineMeteringPeriod<T extends { periodStart: string; periodEnd: string }>(
  period: T,
  ctx: z.RefinementCtx,
): void {
  // Zod still runs refinements when a field failed: only compare two valid dates.
  if (!calendarDateSchema.safeParse(period.periodStart).success) return;
  if (!calendarDateSchema.safeParse(period.periodEnd).success) return;
  const days = daysInclusive(period.periodStart, period.periodEnd);
  if (days < 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['periodEnd'],
      message: 'periodEnd must not be before periodStart',
      params: reasonParams(ErrorCode.EndBeforeStart),
    });
  } else if (days > MAX_PERIOD_DAYS) {
    ctx.addIssue({
      code: 'custom',
      path: ['periodEnd'],
      message: `a period may span at most ${MAX_PERIOD_DAYS} days`,
      params: reasonParams(ErrorCode.PeriodTooLong),
    });
  }
}

/** A factor that must be in the given unit, because the arithmetic depends on it. */
export const factorInUnitSchema = (unit: string) =>
  factorSchema.refine((factor) => factor.unit === unit, `the factor must be in ${unit}`);

/** A grid emission factor; quantities are kWh, so it must be per kWh in kg (× 1000 for grams). */
export const gridFactorSchema = factorInUnitSchema('kgCO2/kWh');

/** A positive decimal parameter, e.g. a COP "2.8" or a limit "20". */
export const positiveDecimalSchema = z
  .string()
  .refine(
    (text) => isDecimalString(text) && parseDecimal(text).units > 0n,
    'must be a positive decimal string',
  );

/**
 * The parameters of an electricity methodology: the grid factor first, the module's own numbers,
 * then caps and the self-reported policy, as every such parameter set is written.
 */
export function gridParamsSchema<Shape extends z.ZodRawShape>(shape: Shape) {
  return z
    .object({ gridFactor: gridFactorSchema, ...shape, caps: capsSchema, selfReported: selfReportedSchema })
    .strict();
}

type MeteredPeriod = { periodStart: string; periodEnd: string };

/**
 * What a metered device's methodology says about an input besides quantifying it: it happened on the
 * period's first day; a device period is one event, whoever reports it (`<id>/<serial>/<from>/<to>`).
 */
export function meteredDeviceShape<Input extends MeteredPeriod>(
  id: string,
  serialOf: (input: Input) => string,
): Pick<Methodology<Input>, 'occurredAt' | 'interval' | 'fingerprintScope' | 'fingerprint'> {
  return {
    occurredAt: (input) => cstDayStart(input.periodStart),
    interval: () => null,
    fingerprintScope: 'everyone',
    fingerprint: (input) =>
      periodFingerprint(id, normalizedIdentifier(serialOf(input)), input.periodStart, input.periodEnd),
  };
}

/**
 * The period's days and kWh drawn, refused (CONSUMPTION_IMPLAUSIBLE) when the kWh exceed what a
 * `device` of maxKW can draw in those days around the clock.
 */
export function meteredDraw(
  input: MeteredPeriod & { consumedKWh: string },
  maxKW: string,
  device: string,
): { days: number; consumed: ExactDecimal; refused: QuantifyResult | null } {
  const days = daysInclusive(input.periodStart, input.periodEnd);
  const consumed = parseDecimal(input.consumedKWh);
  const maxKWh = multiplyDecimals(parseDecimal(maxKW), parseDecimal(String(days * 24)));
  const refused =
    compareDecimals(consumed, maxKWh) > 0
      ? reject(
          ErrorCode.ConsumptionImplausible,
          `${input.consumedKWh} kWh is more than a ${maxKW} kW ${device} can draw in ${days} days`,
          { consumedKWh: input.consumedKWh, maxKWh: formatDecimal(maxKWh), maxKW, days },
        )
      : null;
  return { days, consumed, refused };
}
