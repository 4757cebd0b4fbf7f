import {
  isDecimalString,
  compareDecimals,
  cstDayStart,
  floorMultiply,
  formatDecimal,
  multiplyDecimals,
  parseDecimal,
  subtractDecimals,
  ErrorCode,
} from '@app/domain';
import { z } from 'zod';
import { factorStep } from '../common-params.js';
import { gridParamsSchema, identifierSchema, kwhSchema, normalizedIdentifier } from '../energy-common.js';
import { reject, type Methodology, type QuantifyResult } from '../methodology.js';

const monthSchema = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM from 2000 to 2099');

export const householdPowerInputSchema = z
  .object({
    /** The grid company's customer number (电力户号) of the household. */
    accountId: identifierSchema,
    /** The billing month. */
    month: monthSchema,
    /** kWh billed for the month. */
    consumedKWh: kwhSchema,
    /** kWh billed to the same account for the same month of the previous year: the baseline. */
    baselineKWh: kwhSchema,
  })
  .strict();
export type HouseholdPowerInput = z.infer<typeof householdPowerInputSchema>;

/** A share in (0, 1] with at most 4 decimals. */
const shareSchema = z
  .string()
  .regex(/^(0\.\d{1,4}|1(\.0{1,4})?)$/, 'must be a share in (0, 1], e.g. "0.3"')
  // Zod runs this even when the regex failed: a malformed text is the regex's issue, not a throw.
  .refine((text) => !isDecimalString(text) || parseDecimal(text).units > 0n, 'must be more than 0');

export const householdPowerParamsSchema = gridParamsSchema({
  eligibility: z
    .object({
      /** A baseline month below this is a vacant or part-time home, not a baseline. */
      minBaselineKWh: kwhSchema,
      /** The saving credited is at most this share of the baseline; the rest is not behaviour. */
      maxSavingShare: shareSchema,
      /** Why the two bounds are what they are. */
      source: z.string().min(1),
    })
    .strict(),
});
export type HouseholdPowerParams = z.infer<typeof householdPowerParamsSchema>;

const lastDayOf = (month: string) => {
  const [year, m] = month.split('-').map(Number);
  const day = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
};

/**
 * 居民节约用电: ER = min(baseline − consumed, share × baseline) × EF_grid × 1000, floored; the baseline is
 * the same household's same month of the previous year, both from the grid company. One claim per
 * account and month, whoever makes it.
 */
export const householdPower: Methodology<HouseholdPowerInput, HouseholdPowerParams> = {
  id: 'household-power',
  version: 1,
  title: '居民节约用电 (household electricity saved against the same month last year)',
  inputSchema: householdPowerInputSchema,
  paramsSchema: householdPowerParamsSchema,
  // The month's last day: a month is known once billed, and a month not yet over is in the future.
  occurredAt: (input) => cstDayStart(lastDayOf(input.month)),
  interval: () => null,
  fingerprintScope: 'everyone',
  fingerprint: (input) => `household-power/${normalizedIdentifier(input.accountId)}/${input.month}`,

  quantify(input, params): QuantifyResult {
    const { minBaselineKWh, maxSavingShare } = params.eligibility;
    const baseline = parseDecimal(input.baselineKWh);
    const consumed = parseDecimal(input.consumedKWh);
    if (compareDecimals(baseline, parseDecimal(minBaselineKWh)) < 0) {
      return reject(
        ErrorCode.BaselineTooLow,
        `a baseline month of ${input.baselineKWh} kWh is below ${minBaselineKWh} kWh`,
        {
          baselineKWh: input.baselineKWh,
          minBaselineKWh,
        },
      );
    }
    if (compareDecimals(consumed, baseline) >= 0) {
      return reject(
        ErrorCode.NoSaving,
        `${input.consumedKWh} kWh is not below last year's ${input.baselineKWh} kWh`,
        {
          consumedKWh: input.consumedKWh,
          baselineKWh: input.baselineKWh,
        },
      );
    }
    const saved = subtractDecimals(baseline, consumed);
    const limit = multiplyDecimals(baseline, parseDecimal(maxSavingShare));
    const limited = compareDecimals(saved, limit) > 0;
    const credited = limited ? limit : saved;
    const factor = params.gridFactor;
    const grams = floorMultiply(1000n, multiplyDecimals(credited, parseDecimal(factor.value)));
    return {
      ok: true,
      grams,
      trace: [
        { step: 'month', value: input.month },
        { step: 'baseline', value: input.baselineKWh, unit: 'kWh', note: 'same month of the previous year' },
        { step: 'consumed', value: input.consumedKWh, unit: 'kWh' },
        {
          step: 'saving',
          value: formatDecimal(credited),
          unit: 'kWh',
          note: limited
            ? `${formatDecimal(saved)} kWh saved, credited up to ${maxSavingShare} × baseline`
            : 'baseline − consumed',
          source: params.eligibility.source,
        },
        factorStep('factor.grid', factor),
        {
          step: 'reduction',
          value: grams.toString(),
          unit: 'gCO2e',
          note: `floor(${formatDecimal(credited)} kWh × ${factor.value} kg/kWh × 1000)`,
        },
      ],
    };
  },
};
