import { emissionFactorMap } from '../../../../seeds/emission-factors.js';
import { efficientAcV1 } from '../../../../seeds/methodologies/efficient-ac.v1.js';
import { resolveFactorRefs } from '../factor-refs.js';
import { efficientAc, efficientAcParamsSchema, type EfficientAcParams } from './efficient-ac.methodology.js';

// Golden cases for the trace, as docs/methodologies.md §Energy-saving air conditioner states it:
//   grams = floor((baselineAnnualKWh − labelledAnnualKWh) × gridFactor × 1000)
// with the grade-3 baseline of the unit's band (1,800–2,600 W 750; 2,601–4,500 W 1,050; …).
const params: EfficientAcParams = efficientAcParamsSchema.parse(
  resolveFactorRefs(efficientAcV1.params, emissionFactorMap()),
);
const claim = (coolingCapacityW: number, labelledAnnualKWh: string, creditYear = 2024) =>
  efficientAc.inputSchema.parse({
    unitSerial: 'GREE-KFR35GW-000123',
    invoiceId: 'INV-2024-0701-88',
    purchasedOn: '2024-07-01',
    creditYear,
    coolingCapacityW,
    labelledAnnualKWh,
  });
const gridLine = {
  step: 'factor.grid',
  value: '0.6361',
  unit: 'kgCO2/kWh',
  source: `${params.gridFactor.source} (2023)`,
};

describe('efficient-ac@1 trace (golden cases)', () => {
  it('traces the documented worked example: a 3,500 W unit labelled 800 kWh, first year → 159,025 g', () => {
    // baseline 1,050 kWh (2,601–4,500 W band); saving 250 kWh × 0.6361 kg/kWh = 159.025 kg
    expect(efficientAc.quantify(claim(3_500, '800'), params)).toEqual({
      ok: true,
      grams: 159_025n,
      trace: [
        { step: 'invoice', value: 'INV-2024-0701-88', note: 'bought 2024-07-01' },
        { step: 'creditYear', value: '2024', note: 'year 1 of 5' },
        { step: 'coolingCapacity', value: '3500', unit: 'W' },
        {
          step: 'baseline.annual',
          value: '1050',
          unit: 'kWh',
          source: params.baseline.source,
          note: 'grade-3 unit, 2601–4500 W',
        },
        { step: 'labelled.annual', value: '800', unit: 'kWh' },
        { step: 'saving.annual', value: '250', unit: 'kWh', note: 'baseline − labelled' },
        gridLine,
        {
          step: 'reduction',
          value: '159025',
          unit: 'gCO2e',
          note: 'floor(250 kWh × 0.6361 kg/kWh × 1000)',
        },
      ],
    });
  });

  it('counts the credit year from the year of purchase: 2028 is year 5 of 5', () => {
    // (1,050 − 849.9) = 200.1 kWh × 636.1 = 127,283.61 → 127,283
    const result = efficientAc.quantify(claim(3_500, '849.9', 2028), params);
    expect(result).toMatchObject({ ok: true, grams: 127_283n });
    expect(result.ok && result.trace.filter((s) => ['creditYear', 'saving.annual'].includes(s.step))).toEqual(
      [
        { step: 'creditYear', value: '2028', note: 'year 5 of 5' },
        { step: 'saving.annual', value: '200.1', unit: 'kWh', note: 'baseline − labelled' },
      ],
    );
  });

  it.each([
    [
      'a claim after the fifth year',
      claim(3_500, '800', 2029),
      {
        reason: 'OUTSIDE_CREDIT_PERIOD',
        message: 'a unit bought on 2024-07-01 is credited for 2024–2028 only',
        details: { purchasedOn: '2024-07-01', creditYear: 2029, firstYear: 2024, lastYear: 2028 },
      },
    ],
    [
      'a capacity below the table',
      claim(1_799, '500'),
      {
        reason: 'CAPACITY_NOT_IN_TABLE',
        message: 'no grade-3 baseline for 1799 W',
        details: {
          coolingCapacityW: 1_799,
          bands: ['1800–2600 W', '2601–4500 W', '4501–7100 W', '7101–14000 W'],
        },
      },
    ],
    [
      'a unit labelled at the baseline',
      claim(3_500, '1050'),
      {
        reason: 'NOT_MORE_EFFICIENT',
        message: 'the labelled 1050 kWh is not below the grade-3 1050 kWh',
        details: { labelledAnnualKWh: '1050', baselineAnnualKWh: '1050' },
      },
    ],
  ])('explains the refusal of %s', (_name, input, refusal) => {
    expect(efficientAc.quantify(input, params)).toEqual({ ok: false, ...refusal });
  });

  it.each([
    ['a one-watt band', [{ minCapacityW: 1_800, maxCapacityW: 1_800, annualKWh: '750' }], true],
    [
      'adjacent bands',
      [
        { minCapacityW: 1_800, maxCapacityW: 2_600, annualKWh: '750' },
        { minCapacityW: 2_601, maxCapacityW: 4_500, annualKWh: '1050' },
      ],
      true,
    ],
    [
      'a second band overlapping the first by one watt',
      [
        { minCapacityW: 1_800, maxCapacityW: 2_600, annualKWh: '750' },
        { minCapacityW: 2_600, maxCapacityW: 4_500, annualKWh: '1050' },
      ],
      false,
    ],
  ])('checks the baseline table: %s', (_name, bands, valid) => {
    const variant = { ...params, baseline: { ...params.baseline, bands } };
    expect(efficientAcParamsSchema.safeParse(variant).success).toBe(valid);
  });
});
