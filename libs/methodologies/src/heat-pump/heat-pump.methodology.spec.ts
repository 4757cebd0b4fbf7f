import { emissionFactorMap } from '../../../../seeds/emission-factors.js';
import { heatPumpV1 } from '../../../../seeds/methodologies/heat-pump.v1.js';
import { factorRefsIn, resolveFactorRefs } from '../factor-refs.js';
import { heatPump, heatPumpParamsSchema, type HeatPumpParams } from './heat-pump.methodology.js';

const params = heatPumpParamsSchema.parse(resolveFactorRefs(heatPumpV1.params, emissionFactorMap()));

const reading = (periodStart: string, periodEnd: string, consumedKWh: string) => ({
  deviceSerial: 'HP-0531-0042',
  periodStart,
  periodEnd,
  consumedKWh,
});
type Reading = ReturnType<typeof reading>;
const january = (kWh: string) => reading('2024-01-01', '2024-01-31', kWh);

// Per kWh of electricity with the seeded values: 2.8 × 0.327 / 0.6 = 1.526 kg of coal CO2 avoided,
// less 0.6361 kg from the grid = 0.8899 kg = 889.9 g.
describe('heat-pump@1 with the seeded v1 parameters', () => {
  it('stores the 华北 2023 grid factor by reference and the [D] coefficients by value', () => {
    expect(factorRefsIn(heatPumpV1.params)).toEqual(['grid/north-china/2023']);
    expect(params.gridFactor).toMatchObject({ value: '0.6361', unit: 'kgCO2/kWh', vintage: 2023 });
    expect(params).toMatchObject({
      cop: { value: '2.8' },
      baselineEfficiency: { value: '0.6' },
      coalHeatFactor: { value: '0.327', unit: 'kgCO2/kWh' },
      eligibility: { maxKW: '20' },
    });
    expect(heatPumpV1).toMatchObject({ methodologyId: heatPump.id, moduleVersion: heatPump.version });
  });

  const credited: [string, Reading, bigint][] = [
    ['1,000 kWh in January: 1,000 × (1.526 − 0.6361) kg = 889.9 kg → 889,900 g', january('1000'), 889_900n],
    ['rounds down, never up: 1 kWh → 889.9 g → 889 g', january('1'), 889n],
    [
      'rounds down with decimals: 123.457 kWh × 889.9 g = 109,864.3843 → 109,864 g',
      january('123.457'),
      109_864n,
    ],
    [
      'exactly the bound: 30 days × 24 h × 20 kW = 14,400 kWh × 889.9 g → 12,814,560 g',
      reading('2024-06-01', '2024-06-30', '14400'),
      12_814_560n,
    ],
    [
      'a leap year at the bound: 366 × 24 × 20 = 175,680 kWh × 889.9 g → 156,337,632 g',
      reading('2024-01-01', '2024-12-31', '175680'),
      156_337_632n,
    ],
    ['no consumption: 0 kWh → 0 g', january('0'), 0n],
  ];
  it.each(credited)('%s', (_name, raw, grams) => {
    const input = heatPump.inputSchema.parse(raw);
    const result = heatPump.quantify(input, params);
    expect(result).toMatchObject({ ok: true, grams });
    if (result.ok) expect(result.trace.at(-1)).toMatchObject({ step: 'reduction', value: grams.toString() });
  });

  const variants: [string, HeatPumpParams, bigint][] = [
    [
      'a non-terminating quotient (η 0.65): 1,000 × (0.9156 / 0.65 − 0.6361) kg = 772,515.38… → 772,515 g',
      { ...params, baselineEfficiency: { ...params.baselineEfficiency, value: '0.65' } },
      772_515n,
    ],
    [
      'a net increase (COP 1.0): 1,000 × (0.545 − 0.6361) kg = −91.1 kg → 0 g, never negative',
      { ...params, cop: { ...params.cop, value: '1.0' } },
      0n,
    ],
    [
      'exactly no net reduction (grid factor 1.526): 1,000 × (1.526 − 1.526) → 0 g',
      { ...params, gridFactor: { ...params.gridFactor, value: '1.526' } },
      0n,
    ],
  ];
  it.each(variants)('with other parameters, %s', (_name, variant, grams) => {
    const result = heatPump.quantify(
      heatPump.inputSchema.parse(january('1000')),
      heatPumpParamsSchema.parse(variant),
    );
    expect(result).toMatchObject({ ok: true, grams });
    if (result.ok) expect(result.trace.at(-1)).toMatchObject({ step: 'reduction', value: grams.toString() });
  });

  const rejected: [string, Reading, string][] = [
    [
      'more than days × 24 h × 20 kW (14,400.001 kWh in 30 days)',
      reading('2024-06-01', '2024-06-30', '14400.001'),
      'CONSUMPTION_IMPLAUSIBLE',
    ],
    [
      'a month of heating reported for one day',
      reading('2024-01-01', '2024-01-01', '481'),
      'CONSUMPTION_IMPLAUSIBLE',
    ],
  ];
  it.each(rejected)('rejects a reading with %s', (_name, raw, reason) => {
    const result = heatPump.quantify(heatPump.inputSchema.parse(raw), params);
    expect(result).toMatchObject({ ok: false, reason });
  });

  it.each([
    ['a period ending before it starts', reading('2024-01-31', '2024-01-01', '10'), 'END_BEFORE_START'],
    ['a period of 367 days', reading('2024-01-01', '2025-01-01', '10'), 'PERIOD_TOO_LONG'],
  ])('refuses %s', (_name, raw, reason) => {
    const parsed = heatPump.inputSchema.safeParse(raw);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues[0]).toMatchObject({ params: { reason } });
  });

  it.each([
    ['kWh as a number', { ...january('10'), consumedKWh: 10 }],
    ['negative kWh', january('-1')],
    ['kWh with 4 decimals', january('1.0001')],
    ['kWh with a comma', january('1,000')],
    ['an absurd kWh', january('10000000')],
    ['a non-existent date', reading('2024-02-30', '2024-03-31', '10')],
    ['an empty serial', { ...january('10'), deviceSerial: '' }],
    ['an extra field', { ...january('10'), cop: '9' }],
    ['a missing field', { deviceSerial: 'HP-1', periodStart: '2024-01-01', consumedKWh: '10' }],
  ])('refuses input with %s', (_name, raw) => {
    expect(heatPump.inputSchema.safeParse(raw).success).toBe(false);
  });

  it.each([
    [
      'an efficiency above 1',
      { ...params, baselineEfficiency: { ...params.baselineEfficiency, value: '1.2' } },
    ],
    ['a zero COP', { ...params, cop: { ...params.cop, value: '0' } }],
    ['a coefficient without a source', { ...params, cop: { value: '2.8', source: '' } }],
    [
      'a coal factor per tonne',
      { ...params, coalHeatFactor: { ...params.coalHeatFactor, unit: 'tCO2/tce' } },
    ],
  ])('refuses parameters with %s', (_name, variant) => {
    expect(heatPumpParamsSchema.safeParse(variant).success).toBe(false);
  });

  it('selects versions by the period start (China time) and identifies the device and period', () => {
    const input = heatPump.inputSchema.parse({ ...january('10'), deviceSerial: 'hp-0531-0042' });
    expect(heatPump.occurredAt(input).toISOString()).toBe('2023-12-31T16:00:00.000Z');
    expect(heatPump.interval(input)).toBeNull();
    expect(heatPump.fingerprint(input)).toBe('heat-pump/HP-0531-0042/2024-01-01/2024-01-31');
  });
});
