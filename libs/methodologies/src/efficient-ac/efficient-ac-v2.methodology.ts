import {
  compareDecimals,
  floorDivideDecimals,
  formatDecimal,
  multiplyDecimals,
  parseDecimal,
  subtractDecimals,
  ErrorCode,
} from '@app/domain';
import { z } from 'zod';
import { factorStep } from '../common-params.js';
import { gridParamsSchema, positiveDecimalSchema } from '../energy-common.js';
import { reject, type Methodology, type QuantifyResult } from '../methodology.js';
import {
  checkCreditPeriod,
  creditSpanStart,
  efficientAcInputSchema,
  type EfficientAcInput,
  unitFingerprintScope,
  unitYearFingerprint,
  yearOf,
} from './efficient-ac.methodology.js';

/** A cooling-capacity band of the energy-label standard and its grade-3 APF limit. */
const apfBandSchema = z
  .object({ maxCapacityW: z.number().int().positive(), apf: positiveDecimalSchema })
  .strict();

export const efficientAcV2ParamsSchema = gridParamsSchema({
  baseline: z
    .object({
      /** The standard and table the APF limits come from. */
      source: z.string().min(1),
      /** Bands by their upper cooling capacity, ascending; a unit above the last is not credited. */
      grade3Apf: z
        .array(apfBandSchema)
        .min(1)
        .refine(
          (bands) => bands.every((b, i) => i === 0 || b.maxCapacityW > bands[i - 1].maxCapacityW),
          'bands must be ascending by maxCapacityW',
        ),
      /** Annual (cooling + heating season) load per W of rated cooling capacity. */
      annualLoadKWhPerW: z.object({ value: positiveDecimalSchema, source: z.string().min(1) }).strict(),
    })
    .strict(),
  eligibility: z.object({ creditYears: z.number().int().positive().max(20) }).strict(),
});
export type EfficientAcV2Params = z.infer<typeof efficientAcV2ParamsSchema>;

/**
 * Energy-saving air conditioner, module 2: the grade-3 baseline for the unit's own cooling capacity,
 * E_baseline = CC (W) × annual load per W ÷ grade-3 APF of CC's band (GB 21455-2019), instead of one
 * capacity per band. ER = (E_baseline − E_labelled) × grid factor × 1000, computed as
 * floor((CC × load − E_labelled × APF) × grid × 1000 ÷ APF) so nothing is rounded before the end.
 */
export const efficientAcV2: Methodology<EfficientAcInput, EfficientAcV2Params> = {
  id: 'efficient-ac',
  version: 2,
  title: '节能空调 (energy-saving air conditioner, baseline by own capacity)',
  inputSchema: efficientAcInputSchema,
  paramsSchema: efficientAcV2ParamsSchema,
  occurredAt: creditSpanStart,
  interval: () => null,
  fingerprintScope: unitFingerprintScope,
  fingerprint: unitYearFingerprint,

  quantify(input, params): QuantifyResult {
    const { creditYears } = params.eligibility;
    const outside = checkCreditPeriod(input, creditYears);
    if (outside) return outside;

    const { grade3Apf, annualLoadKWhPerW } = params.baseline;
    const band = grade3Apf.find((b) => input.coolingCapacityW <= b.maxCapacityW);
    if (!band) {
      const top = grade3Apf[grade3Apf.length - 1].maxCapacityW;
      return reject(ErrorCode.CapacityNotInTable, `no grade-3 baseline for ${input.coolingCapacityW} W`, {
        coolingCapacityW: input.coolingCapacityW,
        bands: [`≤ ${top} W`],
      });
    }

    const apf = parseDecimal(band.apf);
    const load = multiplyDecimals(
      parseDecimal(String(input.coolingCapacityW)),
      parseDecimal(annualLoadKWhPerW.value),
    );
    const labelled = parseDecimal(input.labelledAnnualKWh);
    const labelledTimesApf = multiplyDecimals(labelled, apf);
    // E_baseline = load ÷ APF; shown to 3 decimals (floored), computed exactly below.
    const baselineShown = formatDecimal({ units: floorDivideDecimals(load, apf, 1000n), scale: 3 });
    if (compareDecimals(labelledTimesApf, load) >= 0) {
      return reject(
        ErrorCode.NotMoreEfficient,
        `the labelled ${input.labelledAnnualKWh} kWh is not below the grade-3 ${baselineShown} kWh`,
        { labelledAnnualKWh: input.labelledAnnualKWh, baselineAnnualKWh: baselineShown },
      );
    }

    const factor = params.gridFactor;
    const savedTimesApf = subtractDecimals(load, labelledTimesApf);
    const grams = floorDivideDecimals(
      multiplyDecimals(savedTimesApf, parseDecimal(factor.value)),
      apf,
      1000n,
    );
    const lowerBound = grade3Apf[grade3Apf.indexOf(band) - 1]?.maxCapacityW;
    return {
      ok: true,
      grams,
      trace: [
        { step: 'invoice', value: input.invoiceId, note: `bought ${input.purchasedOn}` },
        {
          step: 'creditYear',
          value: String(input.creditYear),
          note: `year ${input.creditYear - yearOf(input.purchasedOn) + 1} of ${creditYears}`,
        },
        { step: 'coolingCapacity', value: String(input.coolingCapacityW), unit: 'W' },
        {
          step: 'baseline.apf',
          value: band.apf,
          source: params.baseline.source,
          note: `grade 3, ${lowerBound === undefined ? '' : `${lowerBound} W < `}CC ≤ ${band.maxCapacityW} W`,
        },
        {
          step: 'baseline.load',
          value: annualLoadKWhPerW.value,
          unit: 'kWh/W',
          source: annualLoadKWhPerW.source,
        },
        {
          step: 'baseline.annual',
          value: baselineShown,
          unit: 'kWh',
          note: `${input.coolingCapacityW} W × ${annualLoadKWhPerW.value} ÷ ${band.apf} (floored to 0.001 for display)`,
        },
        { step: 'labelled.annual', value: input.labelledAnnualKWh, unit: 'kWh' },
        factorStep('factor.grid', factor),
        {
          step: 'reduction',
          value: grams.toString(),
          unit: 'gCO2e',
          note: `floor((${formatDecimal(load)} − ${input.labelledAnnualKWh} × ${band.apf}) × ${factor.value} × 1000 ÷ ${band.apf})`,
        },
      ],
    };
  },
};
