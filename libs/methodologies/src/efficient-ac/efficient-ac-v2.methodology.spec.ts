import { emissionFactorMap } from '../../../../seeds/emission-factors.js';
import { efficientAcV1 } from '../../../../seeds/methodologies/efficient-ac.v1.js';
import { efficientAcV2 as efficientAcV2Seed } from '../../../../seeds/methodologies/efficient-ac.v2.js';
import { factorRefsIn, resolveFactorRefs } from '../factor-refs.js';
import { efficientAcV2, efficientAcV2ParamsSchema } from './efficient-ac-v2.methodology.js';
import { efficientAc, efficientAcParamsSchema } from './efficient-ac.methodology.js';

const factors = emissionFactorMap();
const params = efficientAcV2ParamsSchema.parse(resolveFactorRefs(efficientAcV2Seed.params, factors));
const paramsV1 = efficientAcParamsSchema.parse(resolveFactorRefs(efficientAcV1.params, factors));

const claim = (
  coolingCapacityW: number,
  labelledAnnualKWh: string,
  creditYear = 2027,
  purchasedOn = '2026-12-05',
) => ({
  unitSerial: 'GREE-KFR35GW-000123',
  invoiceId: 'INV-2026-1205-88',
  purchasedOn,
  creditYear,
  coolingCapacityW,
  labelledAnnualKWh,
});
type Claim = ReturnType<typeof claim>;

// Baseline = CC × 1.1 kWh/W ÷ grade-3 APF (GB 21455-2019: 4.00 ≤ 4,500 W < 3.50 ≤ 7,100 W < 3.30
// ≤ 14,000 W); ER = floor((baseline − labelled) × 636.1 g/kWh).
describe('efficient-ac@2: the grade-3 baseline for the unit’s own capacity (GB 21455-2019 APF)', () => {
  it('cites GB 21455-2019 and its grade-3 APF per band, takes the grid factor from the table', () => {
    expect(efficientAcV2Seed).toMatchObject({ version: 2, moduleVersion: 2, regionScope: ['370000'] });
    expect(factorRefsIn(efficientAcV2Seed.params)).toEqual(['grid/north-china/2023']);
    expect(params.baseline.source).toMatch(/^\[P\] GB 21455-2019/);
    expect(params.baseline.grade3Apf).toEqual([
      { maxCapacityW: 4_500, apf: '4.00' },
      { maxCapacityW: 7_100, apf: '3.50' },
      { maxCapacityW: 14_000, apf: '3.30' },
    ]);
    expect(params.baseline.annualLoadKWhPerW.source).toMatch(/^\[D\]/);
  });

  const credited: [string, Claim, bigint][] = [
    [
      '2,600 W labelled 600: 2,600 × 1.1 ÷ 4.00 = 715; 115 × 636.1 = 73,151.5 → 73,151 g',
      claim(2_600, '600'),
      73_151n,
    ],
    ['2,601 W labelled 700: 715.275 − 700 = 15.275 × 636.1 = 9,716.4 → 9,716 g', claim(2_601, '700'), 9_716n],
    [
      'a grade-1 4,500 W unit (APF 5.0, 990 kWh): 1,237.5 − 990 = 247.5 → 157,434 g',
      claim(4_500, '990'),
      157_434n,
    ],
    [
      '4,500 W labelled 1,080: 157.5 × 636.1 = 100,185.75 → 100,185 g (v1: nothing)',
      claim(4_500, '1080'),
      100_185n,
    ],
    ['4,501 W, APF 3.50: 4,501 × 1.1 ÷ 3.5 = 1,414.6; − 1,200 → 136,507 g', claim(4_501, '1200'), 136_507n],
    [
      '7,100 W: 2,231.428… − 2,000 = 231.428… × 636.1 = 147,211.7 → 147,211 g',
      claim(7_100, '2000'),
      147_211n,
    ],
    [
      '7,101 W, APF 3.30: 2,367 − 2,000 = 367 × 636.1 = 233,448.7 → 233,448 g',
      claim(7_101, '2000'),
      233_448n,
    ],
    ['14,000 W, the top: 4,666.66… − 4,000 → 424,066 g', claim(14_000, '4000'), 424_066n],
    [
      'a small 1,000 W unit (the standard has no lower bound): 275 − 200 → 47,707 g',
      claim(1_000, '200'),
      47_707n,
    ],
    ['just below the baseline: 3,500 W labelled 962.499 → 0.001 × 636.1 → 0 g', claim(3_500, '962.499'), 0n],
    ['the 5th and last credit year (purchase 2026 → 2030)', claim(3_500, '800', 2030), 103_366n],
  ];
  it.each(credited)('%s', (_name, raw, grams) => {
    const result = efficientAcV2.quantify(efficientAcV2.inputSchema.parse(raw), params);
    expect(result).toMatchObject({ ok: true, grams });
    if (result.ok) expect(result.trace.at(-1)).toMatchObject({ step: 'reduction', value: grams.toString() });
  });

  const rejected: [string, Claim, string][] = [
    [
      'a grade-3 2,601 W unit (v1 credited it 171,556 g): 780.3 kWh ≥ 715.275',
      claim(2_601, '780.3'),
      'NOT_MORE_EFFICIENT',
    ],
    [
      'labelled exactly at its own grade-3 baseline (3,500 W, 962.5 kWh)',
      claim(3_500, '962.5'),
      'NOT_MORE_EFFICIENT',
    ],
    ['above the standard’s range (14,001 W)', claim(14_001, '4000'), 'CAPACITY_NOT_IN_TABLE'],
    ['for the 6th year after purchase', claim(3_500, '800', 2031), 'OUTSIDE_CREDIT_PERIOD'],
    ['for a year before the purchase', claim(3_500, '800', 2025), 'OUTSIDE_CREDIT_PERIOD'],
  ];
  it.each(rejected)('rejects %s', (_name, raw, reason) => {
    expect(efficientAcV2.quantify(efficientAcV2.inputSchema.parse(raw), params)).toMatchObject({
      ok: false,
      reason,
    });
  });

  it('leaves v1’s band results as they were for the same claims (v1 stays for what it settled)', () => {
    const v1 = (raw: Claim) => efficientAc.quantify(efficientAc.inputSchema.parse(raw), paramsV1);
    expect(v1(claim(2_601, '780.3', 2027))).toMatchObject({ ok: true, grams: 171_556n });
    expect(v1(claim(4_500, '1080', 2027))).toMatchObject({ ok: false, reason: 'NOT_MORE_EFFICIENT' });
  });

  it('traces the band, the load and the baseline for the unit’s own capacity', () => {
    const result = efficientAcV2.quantify(efficientAcV2.inputSchema.parse(claim(4_501, '1200')), params);
    if (!result.ok) throw new Error('expected a credit');
    expect(result.trace).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          step: 'baseline.apf',
          value: '3.50',
          note: 'grade 3, 4500 W < CC ≤ 7100 W',
        }),
        expect.objectContaining({ step: 'baseline.annual', value: '1414.6', unit: 'kWh' }),
      ]),
    );
  });

  it('refuses bands out of order', () => {
    const bands = [...params.baseline.grade3Apf].reverse();
    const bad = { ...params, baseline: { ...params.baseline, grade3Apf: bands } };
    expect(efficientAcV2ParamsSchema.safeParse(bad).success).toBe(false);
  });

  it('keeps module 1’s input, claim instant and unit-year identity', () => {
    const input = efficientAcV2.inputSchema.parse(claim(3_500, '800'));
    expect(efficientAcV2.inputSchema).toBe(efficientAc.inputSchema);
    expect(efficientAcV2.occurredAt(input)).toEqual(efficientAc.occurredAt(input));
    expect(efficientAcV2.fingerprint(input)).toBe(efficientAc.fingerprint(input));
    expect(efficientAcV2.fingerprintScope).toBe('everyone');
  });
});
