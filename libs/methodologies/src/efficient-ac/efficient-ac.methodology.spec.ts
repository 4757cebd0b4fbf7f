import { emissionFactorMap } from '../../../../seeds/emission-factors.js';
import { efficientAcV1 } from '../../../../seeds/methodologies/efficient-ac.v1.js';
import { factorRefsIn, resolveFactorRefs } from '../factor-refs.js';
import { efficientAc, efficientAcParamsSchema } from './efficient-ac.methodology.js';

const params = efficientAcParamsSchema.parse(resolveFactorRefs(efficientAcV1.params, emissionFactorMap()));

const claim = (
  coolingCapacityW: number,
  labelledAnnualKWh: string,
  creditYear = 2024,
  purchasedOn = '2024-07-01',
) => ({
  unitSerial: 'GREE-KFR35GW-000123',
  invoiceId: 'INV-2024-0701-88',
  purchasedOn,
  creditYear,
  coolingCapacityW,
  labelledAnnualKWh,
});
type Claim = ReturnType<typeof claim>;

// Seeded grade-3 baselines [D]: 1,800–2,600 W 750 kWh; 2,601–4,500 W 1,050; 4,501–7,100 W 1,748;
// 7,101–14,000 W 2,618. Grid factor 0.6361 kg/kWh = 636.1 g/kWh.
describe('efficient-ac@1 with the seeded v1 parameters', () => {
  it('stores the 华北 2023 grid factor by reference, a 4-band baseline table and 5 credit years', () => {
    expect(factorRefsIn(efficientAcV1.params)).toEqual(['grid/north-china/2023']);
    expect(params.gridFactor).toMatchObject({ value: '0.6361', unit: 'kgCO2/kWh', vintage: 2023 });
    expect(params.baseline.bands).toHaveLength(4);
    expect(params.eligibility.creditYears).toBe(5);
    expect(efficientAcV1).toMatchObject({
      methodologyId: efficientAc.id,
      moduleVersion: efficientAc.version,
    });
  });

  const credited: [string, Claim, bigint][] = [
    [
      'a 1.5匹 unit (3,500 W) labelled 800 kWh: (1,050 − 800) × 636.1 → 159,025 g',
      claim(3_500, '800'),
      159_025n,
    ],
    [
      'rounds down, never up: (1,050 − 849.9) × 636.1 = 127,283.61 → 127,283 g',
      claim(3_500, '849.9'),
      127_283n,
    ],
    ['just below the baseline: 0.001 kWh × 636.1 = 0.6361 → 0 g', claim(3_500, '1049.999'), 0n],
    ['the top of the first band, 2,600 W: (750 − 600) × 636.1 → 95,415 g', claim(2_600, '600'), 95_415n],
    ['the bottom of the first band, 1,800 W: (750 − 700) × 636.1 → 31,805 g', claim(1_800, '700'), 31_805n],
    [
      'the bottom of the second band, 2,601 W: (1,050 − 1,000) × 636.1 → 31,805 g',
      claim(2_601, '1000'),
      31_805n,
    ],
    ['a 2匹 unit (5,100 W): (1,748 − 1,200) × 636.1 = 348,582.8 → 348,582 g', claim(5_100, '1200'), 348_582n],
    [
      'the top of the table, 14,000 W: (2,618 − 2,000) × 636.1 = 393,109.8 → 393,109 g',
      claim(14_000, '2000'),
      393_109n,
    ],
    ['the 5th and last credit year (2028 for a 2024 purchase)', claim(3_500, '800', 2028), 159_025n],
    ['bought on 31 December, credited for that year', claim(3_500, '800', 2024, '2024-12-31'), 159_025n],
  ];
  it.each(credited)('%s', (_name, raw, grams) => {
    const input = efficientAc.inputSchema.parse(raw);
    const result = efficientAc.quantify(input, params);
    expect(result).toMatchObject({ ok: true, grams });
    if (result.ok) expect(result.trace.at(-1)).toMatchObject({ step: 'reduction', value: grams.toString() });
  });

  const rejected: [string, Claim, string][] = [
    ['for the 6th year after purchase (2029)', claim(3_500, '800', 2029), 'OUTSIDE_CREDIT_PERIOD'],
    ['for a year before the purchase', claim(3_500, '800', 2023), 'OUTSIDE_CREDIT_PERIOD'],
    ['below the table (1,799 W)', claim(1_799, '500'), 'CAPACITY_NOT_IN_TABLE'],
    ['above the table (14,001 W)', claim(14_001, '2000'), 'CAPACITY_NOT_IN_TABLE'],
    ['labelled exactly at the grade-3 baseline', claim(3_500, '1050'), 'NOT_MORE_EFFICIENT'],
    ['labelled above the grade-3 baseline', claim(3_500, '1050.001'), 'NOT_MORE_EFFICIENT'],
  ];
  it.each(rejected)('rejects a claim %s', (_name, raw, reason) => {
    const result = efficientAc.quantify(efficientAc.inputSchema.parse(raw), params);
    expect(result).toMatchObject({ ok: false, reason });
  });

  it.each([
    ['a fractional capacity', claim(3_500.5, '800')],
    ['a capacity as a string', { ...claim(3_500, '800'), coolingCapacityW: '3500' }],
    ['an absurd capacity', claim(100_001, '800')],
    ['kWh as a number', { ...claim(3_500, '800'), labelledAnnualKWh: 800 }],
    ['negative kWh', claim(3_500, '-800')],
    ['a fractional credit year', claim(3_500, '800', 2024.5)],
    ['an absurd credit year', claim(3_500, '800', 3024)],
    ['a non-existent purchase date', claim(3_500, '800', 2024, '2024-02-30')],
    ['a purchase date-time', claim(3_500, '800', 2024, '2024-07-01T10:00:00+08:00')],
    ['an empty invoice', { ...claim(3_500, '800'), invoiceId: '' }],
    ['a serial with a slash', { ...claim(3_500, '800'), unitSerial: 'A/1' }],
    ['an extra field', { ...claim(3_500, '800'), grade: 1 }],
    [
      'a missing field',
      { unitSerial: 'U1', purchasedOn: '2024-07-01', creditYear: 2024, coolingCapacityW: 3500 },
    ],
  ])('refuses input with %s', (_name, raw) => {
    expect(efficientAc.inputSchema.safeParse(raw).success).toBe(false);
  });

  it.each([
    [
      'overlapping bands',
      [
        { minCapacityW: 1_800, maxCapacityW: 2_600, annualKWh: '750' },
        { minCapacityW: 2_600, maxCapacityW: 4_500, annualKWh: '1050' },
      ],
    ],
    [
      'descending bands',
      [
        { minCapacityW: 2_601, maxCapacityW: 4_500, annualKWh: '1050' },
        { minCapacityW: 1_800, maxCapacityW: 2_600, annualKWh: '750' },
      ],
    ],
    ['an inverted band', [{ minCapacityW: 2_600, maxCapacityW: 1_800, annualKWh: '750' }]],
    ['no bands', []],
  ])('refuses a baseline table with %s', (_name, bands) => {
    const variant = { ...params, baseline: { ...params.baseline, bands } };
    expect(efficientAcParamsSchema.safeParse(variant).success).toBe(false);
  });

  it('selects versions by the start of the credited span and identifies the unit and year', () => {
    const first = efficientAc.inputSchema.parse({
      ...claim(3_500, '800'),
      unitSerial: 'gree-kfr35gw-000123',
    });
    expect(efficientAc.occurredAt(first).toISOString()).toBe('2024-06-30T16:00:00.000Z');
    expect(efficientAc.interval(first)).toBeNull();
    expect(efficientAc.fingerprint(first)).toBe('efficient-ac/GREE-KFR35GW-000123/2024');

    const third = efficientAc.inputSchema.parse(claim(3_500, '800', 2026));
    expect(efficientAc.occurredAt(third).toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(efficientAc.fingerprint(third)).toBe('efficient-ac/GREE-KFR35GW-000123/2026');
  });
});
