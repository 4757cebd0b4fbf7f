import {
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
import { reject, type Methodology, type QuantifyResult } from '../methodology.js';
import {
  calendarDateSchema,
  gridParamsSchema,
  identifierSchema,
  kwhSchema,
  normalizedIdentifier,
  positiveDecimalSchema,
} from '../energy-common.js';

export const efficientAcInputSchema = z
  .object({
    /** The unit's serial: credited once per credit year. */
    unitSerial: identifierSchema,
    /** The retailer's verified invoice, kept in the trace for audit. */
    invoiceId: identifierSchema,
    purchasedOn: calendarDateSchema,
    /** The calendar year whose deemed saving is claimed. */
    creditYear: z.number().int().min(2000).max(2099),
    // Hard bound against absurd values; the credited range is the parameter table.
    coolingCapacityW: z.number().int().positive().max(100_000),
    /** 全年耗电量 on the unit's China energy label. */
    labelledAnnualKWh: kwhSchema,
  })
  .strict();
export type EfficientAcInput = z.infer<typeof efficientAcInputSchema>;

const bandSchema = z
  .object({
    minCapacityW: z.number().int().positive(),
    maxCapacityW: z.number().int().positive(),
    /** Label annual consumption of a grade-3 (三级能效) unit of this capacity. */
    annualKWh: positiveDecimalSchema,
  })
  .strict()
  .refine((band) => band.minCapacityW <= band.maxCapacityW, 'minCapacityW must not exceed maxCapacityW');

export const efficientAcParamsSchema = gridParamsSchema({
  baseline: z
    .object({
      source: z.string().min(1),
      /** Inclusive cooling-capacity bands, ascending, not overlapping; gaps are not credited. */
      bands: z
        .array(bandSchema)
        .min(1)
        .refine(
          (bands) => bands.every((band, i) => i === 0 || band.minCapacityW > bands[i - 1].maxCapacityW),
          'bands must be ascending and must not overlap',
        ),
    })
    .strict(),
  eligibility: z
    .object({
      /** Calendar years credited, counting the year of purchase as the first. */
      creditYears: z.number().int().positive().max(20),
    })
    .strict(),
});
export type EfficientAcParams = z.infer<typeof efficientAcParamsSchema>;

export const yearOf = (date: string) => Number(date.slice(0, 4));

/** OUTSIDE_CREDIT_PERIOD unless the credit year is one of the `creditYears` from the year of purchase. */
export function checkCreditPeriod(input: EfficientAcInput, creditYears: number): QuantifyResult | null {
  const firstYear = yearOf(input.purchasedOn);
  const lastYear = firstYear + creditYears - 1;
  if (input.creditYear >= firstYear && input.creditYear <= lastYear) return null;
  return reject(
    ErrorCode.OutsideCreditPeriod,
    `a unit bought on ${input.purchasedOn} is credited for ${firstYear}–${lastYear} only`,
    { purchasedOn: input.purchasedOn, creditYear: input.creditYear, firstYear, lastYear },
  );
}

/** The start of the credited span: the purchase day in the first year, 1 January after it. */
export const creditSpanStart = (input: EfficientAcInput): Date => {
  const newYear = `${input.creditYear}-01-01`;
  return cstDayStart(input.purchasedOn > newYear ? input.purchasedOn : newYear);
};

/** An air conditioner's credit year is one person's at most. */
export const unitFingerprintScope = 'everyone' as const;

/** One claim per unit serial and credit year, whoever claims it. */
export const unitYearFingerprint = (input: EfficientAcInput) =>
  `efficient-ac/${normalizedIdentifier(input.unitSerial)}/${input.creditYear}`;

/**
 * Deemed annual saving: ER = (E_baseline − E_labelled) × grid factor (kgCO2/kWh) × 1000, floored to
 * whole grams; E_baseline from the parameter table by cooling capacity. One claim per unit serial per
 * calendar year, from the year of purchase for `creditYears` years.
 */
export const efficientAc: Methodology<EfficientAcInput, EfficientAcParams> = {
  id: 'efficient-ac',
  version: 1,
  title: '节能空调 (energy-saving air conditioner)',
  inputSchema: efficientAcInputSchema,
  paramsSchema: efficientAcParamsSchema,
  occurredAt: creditSpanStart,
  interval: () => null,
  fingerprintScope: unitFingerprintScope,
  fingerprint: unitYearFingerprint,

  quantify(input, params): QuantifyResult {
    const { creditYears } = params.eligibility;
    const firstYear = yearOf(input.purchasedOn);
    const outside = checkCreditPeriod(input, creditYears);
    if (outside) return outside;

    const band = params.baseline.bands.find(
      (b) => input.coolingCapacityW >= b.minCapacityW && input.coolingCapacityW <= b.maxCapacityW,
    );
    if (!band) {
      return reject(ErrorCode.CapacityNotInTable, `no grade-3 baseline for ${input.coolingCapacityW} W`, {
        coolingCapacityW: input.coolingCapacityW,
        bands: params.baseline.bands.map((b) => `${b.minCapacityW}–${b.maxCapacityW} W`),
      });
    }

    const baseline = parseDecimal(band.annualKWh);
    const labelled = parseDecimal(input.labelledAnnualKWh);
    if (compareDecimals(labelled, baseline) >= 0) {
      return reject(
        ErrorCode.NotMoreEfficient,
        `the labelled ${input.labelledAnnualKWh} kWh is not below the grade-3 ${band.annualKWh} kWh`,
        { labelledAnnualKWh: input.labelledAnnualKWh, baselineAnnualKWh: band.annualKWh },
      );
    }

    const saved = subtractDecimals(baseline, labelled);
    const factor = params.gridFactor;
    const grams = floorMultiply(1000n, multiplyDecimals(saved, parseDecimal(factor.value)));
    return {
      ok: true,
      grams,
      trace: [
        { step: 'invoice', value: input.invoiceId, note: `bought ${input.purchasedOn}` },
        {
          step: 'creditYear',
          value: String(input.creditYear),
          note: `year ${input.creditYear - firstYear + 1} of ${creditYears}`,
        },
        { step: 'coolingCapacity', value: String(input.coolingCapacityW), unit: 'W' },
        {
          step: 'baseline.annual',
          value: band.annualKWh,
          unit: 'kWh',
          source: params.baseline.source,
          note: `grade-3 unit, ${band.minCapacityW}–${band.maxCapacityW} W`,
        },
        { step: 'labelled.annual', value: input.labelledAnnualKWh, unit: 'kWh' },
        { step: 'saving.annual', value: formatDecimal(saved), unit: 'kWh', note: 'baseline − labelled' },
        factorStep('factor.grid', factor),
        {
          step: 'reduction',
          value: grams.toString(),
          unit: 'gCO2e',
          note: `floor(${formatDecimal(saved)} kWh × ${factor.value} kg/kWh × 1000)`,
        },
      ],
    };
  },
};
