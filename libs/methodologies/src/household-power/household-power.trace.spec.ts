import { emissionFactorMap } from '../../../../seeds/emission-factors.js';
import { householdPowerV1 } from '../../../../seeds/methodologies/household-power.v1.js';
import { resolveFactorRefs } from '../factor-refs.js';
import {
  householdPower,
  householdPowerParamsSchema,
  type HouseholdPowerParams,
} from './household-power.methodology.js';

// Golden cases for the trace, as docs/methodologies.md §Household electricity saving states it:
//   grams = floor(min(baselineKWh − consumedKWh, 0.3 × baselineKWh) × 0.6361 × 1000);
//   a baseline under 30 kWh and no saving are refused.
const params: HouseholdPowerParams = householdPowerParamsSchema.parse(
  resolveFactorRefs(householdPowerV1.params, emissionFactorMap()),
);
const bill = (consumedKWh: string, baselineKWh: string, month = '2026-12') =>
  householdPower.inputSchema.parse({ accountId: '3700123456', month, consumedKWh, baselineKWh });
const gridLine = {
  step: 'factor.grid',
  value: '0.6361',
  unit: 'kgCO2/kWh',
  source: `${params.gridFactor.source} (2023)`,
};

describe('household-power@1 trace (golden cases)', () => {
  it('traces the documented example: 200 kWh against 250 → 50 × 636.1 = 31,805 g', () => {
    expect(householdPower.quantify(bill('200', '250'), params)).toEqual({
      ok: true,
      grams: 31_805n,
      trace: [
        { step: 'month', value: '2026-12' },
        { step: 'baseline', value: '250', unit: 'kWh', note: 'same month of the previous year' },
        { step: 'consumed', value: '200', unit: 'kWh' },
        {
          step: 'saving',
          value: '50',
          unit: 'kWh',
          note: 'baseline − consumed',
          source: params.eligibility.source,
        },
        gridLine,
        { step: 'reduction', value: '31805', unit: 'gCO2e', note: 'floor(50 kWh × 0.6361 kg/kWh × 1000)' },
      ],
    });
  });

  it('credits a saving above 30 % at 30 % and says so: 10 against 100 → 30 × 636.1 = 19,083 g', () => {
    const result = householdPower.quantify(bill('10', '100'), params);
    expect(result).toMatchObject({ ok: true, grams: 19_083n });
    expect(result.ok && result.trace.slice(3)).toEqual([
      {
        step: 'saving',
        value: '30',
        unit: 'kWh',
        note: '90 kWh saved, credited up to 0.3 × baseline',
        source: params.eligibility.source,
      },
      gridLine,
      { step: 'reduction', value: '19083', unit: 'gCO2e', note: 'floor(30 kWh × 0.6361 kg/kWh × 1000)' },
    ]);
  });

  it('credits a saving of exactly 30 % as saved: 70 against 100 → 19,083 g', () => {
    const result = householdPower.quantify(bill('70', '100'), params);
    expect(result).toMatchObject({ ok: true, grams: 19_083n });
    expect(result.ok && result.trace[3].note).toBe('baseline − consumed');
  });

  it('floors once, at the end: 25 against 30 → 5 × 636.1 = 3,180.5 → 3,180 g', () => {
    expect(householdPower.quantify(bill('25', '30'), params)).toMatchObject({ ok: true, grams: 3_180n });
  });

  it.each([
    [
      'a baseline just under 30 kWh',
      bill('20', '29.999'),
      {
        reason: 'BASELINE_TOO_LOW',
        message: 'a baseline month of 29.999 kWh is below 30 kWh',
        details: { baselineKWh: '29.999', minBaselineKWh: '30' },
      },
    ],
    [
      'a month using as much as last year',
      bill('250', '250'),
      {
        reason: 'NO_SAVING',
        message: "250 kWh is not below last year's 250 kWh",
        details: { consumedKWh: '250', baselineKWh: '250' },
      },
    ],
  ])('explains the refusal of %s', (_name, input, refusal) => {
    expect(householdPower.quantify(input, params)).toEqual({ ok: false, ...refusal });
  });

  it.each([
    ['February of a leap year', '2028-02', '2028-02-28T16:00:00.000Z'],
    ['February', '2027-02', '2027-02-27T16:00:00.000Z'],
    ['December', '2026-12', '2026-12-30T16:00:00.000Z'],
    ['a 30-day month', '2027-04', '2027-04-29T16:00:00.000Z'],
  ])('dates %s on its last day (China time)', (_name, month, instant) => {
    expect(householdPower.occurredAt(bill('200', '250', month)).toISOString()).toBe(instant);
  });
});
