import { emissionFactorMap } from '../../../../seeds/emission-factors.js';
import { efficientAcV2 } from '../../../../seeds/methodologies/efficient-ac.v2.js';
import { resolveFactorRefs } from '../factor-refs.js';
import {
  efficientAcV2 as module2,
  efficientAcV2ParamsSchema,
  type EfficientAcV2Params,
} from './efficient-ac-v2.methodology.js';

// Golden cases for the trace, as docs/methodologies.md §Version 2 for Shandong states it:
//   baselineAnnualKWh = coolingCapacityW × 1.1 ÷ grade-3 APF (4.00 ≤ 4,500 W, 3.50 ≤ 7,100 W, 3.30 ≤ 14,000 W)
//   grams = floor((baselineAnnualKWh − labelledAnnualKWh) × 0.6361 × 1000)
const params: EfficientAcV2Params = efficientAcV2ParamsSchema.parse(
  resolveFactorRefs(efficientAcV2.params, emissionFactorMap()),
);
const claim = (coolingCapacityW: number, labelledAnnualKWh: string, creditYear = 2027) =>
  module2.inputSchema.parse({
    unitSerial: 'HAIER-KFR50-0042',
    invoiceId: 'INV-2027-0315-7',
    purchasedOn: '2027-03-15',
    creditYear,
    coolingCapacityW,
    labelledAnnualKWh,
  });

describe('efficient-ac@2 trace (golden cases)', () => {
  it('traces the documented band-edge case: 4,501 W labelled 1,200 kWh → 136,507 g', () => {
    // 4,501 × 1.1 = 4,951.1 kWh; ÷ 3.50 = 1,414.6 kWh; (1,414.6 − 1,200) × 636.1 = 136,507.06
    expect(module2.quantify(claim(4_501, '1200', 2028), params)).toEqual({
      ok: true,
      grams: 136_507n,
      trace: [
        { step: 'invoice', value: 'INV-2027-0315-7', note: 'bought 2027-03-15' },
        { step: 'creditYear', value: '2028', note: 'year 2 of 5' },
        { step: 'coolingCapacity', value: '4501', unit: 'W' },
        {
          step: 'baseline.apf',
          value: '3.50',
          source: params.baseline.source,
          note: 'grade 3, 4500 W < CC ≤ 7100 W',
        },
        {
          step: 'baseline.load',
          value: '1.1',
          unit: 'kWh/W',
          source: params.baseline.annualLoadKWhPerW.source,
        },
        {
          step: 'baseline.annual',
          value: '1414.6',
          unit: 'kWh',
          note: '4501 W × 1.1 ÷ 3.50 (floored to 0.001 for display)',
        },
        { step: 'labelled.annual', value: '1200', unit: 'kWh' },
        {
          step: 'factor.grid',
          value: '0.6361',
          unit: 'kgCO2/kWh',
          source: `${params.gridFactor.source} (2023)`,
        },
        {
          step: 'reduction',
          value: '136507',
          unit: 'gCO2e',
          note: 'floor((4951.1 − 1200 × 3.50) × 0.6361 × 1000 ÷ 3.50)',
        },
      ],
    });
  });

  it('names the first band without a lower bound: 2,600 W labelled 600 kWh → 73,151 g', () => {
    // 2,600 × 1.1 ÷ 4.00 = 715; 115 × 636.1 = 73,151.5
    const result = module2.quantify(claim(2_600, '600'), params);
    expect(result).toMatchObject({ ok: true, grams: 73_151n });
    expect(result.ok && result.trace.find((s) => s.step === 'baseline.apf')?.note).toBe(
      'grade 3, CC ≤ 4500 W',
    );
  });

  it('shows a baseline with more decimals floored to 0.001, but credits the exact one: 7,100 W → 147,211 g', () => {
    // 7,100 × 1.1 ÷ 3.50 = 2,231.4285…; (2,231.4285… − 2,000) × 636.1 = 147,211.71…
    const result = module2.quantify(claim(7_100, '2000'), params);
    expect(result).toMatchObject({ ok: true, grams: 147_211n });
    expect(result.ok && result.trace.find((s) => s.step === 'baseline.annual')?.value).toBe('2231.428');
  });

  it.each([
    [
      'a capacity above the standard',
      claim(14_001, '4000'),
      {
        reason: 'CAPACITY_NOT_IN_TABLE',
        message: 'no grade-3 baseline for 14001 W',
        details: { coolingCapacityW: 14_001, bands: ['≤ 14000 W'] },
      },
    ],
    [
      'a unit labelled at its own baseline (3,500 W × 1.1 ÷ 4.00 = 962.5)',
      claim(3_500, '962.5'),
      {
        reason: 'NOT_MORE_EFFICIENT',
        message: 'the labelled 962.5 kWh is not below the grade-3 962.5 kWh',
        details: { labelledAnnualKWh: '962.5', baselineAnnualKWh: '962.5' },
      },
    ],
    [
      'a claim for the year before purchase',
      claim(3_500, '800', 2026),
      {
        reason: 'OUTSIDE_CREDIT_PERIOD',
        message: 'a unit bought on 2027-03-15 is credited for 2027–2031 only',
        details: { purchasedOn: '2027-03-15', creditYear: 2026, firstYear: 2027, lastYear: 2031 },
      },
    ],
  ])('explains the refusal of %s', (_name, input, refusal) => {
    expect(module2.quantify(input, params)).toEqual({ ok: false, ...refusal });
  });

  it('credits a unit just below its own baseline: 962.499 kWh at 3,500 W → floor(0.001 × 636.1) = 0 g', () => {
    expect(module2.quantify(claim(3_500, '962.499'), params)).toMatchObject({ ok: true, grams: 0n });
  });

  it.each([
    ['one band', [{ maxCapacityW: 14_000, apf: '3.30' }], true],
    [
      'two bands with the same upper capacity',
      [
        { maxCapacityW: 4_500, apf: '4.00' },
        { maxCapacityW: 4_500, apf: '3.50' },
      ],
      false,
    ],
  ])('checks the APF table: %s', (_name, grade3Apf, valid) => {
    const variant = { ...params, baseline: { ...params.baseline, grade3Apf } };
    expect(efficientAcV2ParamsSchema.safeParse(variant).success).toBe(valid);
  });
});
