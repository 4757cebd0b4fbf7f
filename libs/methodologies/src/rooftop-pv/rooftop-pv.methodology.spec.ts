import { emissionFactorMap } from '../../../../seeds/emission-factors.js';
import { rooftopPvV1 } from '../../../../seeds/methodologies/rooftop-pv.v1.js';
import { factorRefsIn, resolveFactorRefs } from '../factor-refs.js';
import { rooftopPv, rooftopPvParamsSchema } from './rooftop-pv.methodology.js';

const params = rooftopPvParamsSchema.parse(resolveFactorRefs(rooftopPvV1.params, emissionFactorMap()));

const reading = (
  periodStart: string,
  periodEnd: string,
  meteredKWh: string,
  installedKW = '10',
  greenCertifiedKWh?: string,
) => ({
  meterSerial: 'PV-3701-0001',
  periodStart,
  periodEnd,
  meteredKWh,
  installedKW,
  ...(greenCertifiedKWh === undefined ? {} : { greenCertifiedKWh }),
});
type Reading = ReturnType<typeof reading>;

describe('rooftop-pv@1 with the seeded v1 parameters', () => {
  it('stores the 华北 2023 grid factor by reference and resolves it to 0.6361 kgCO2/kWh', () => {
    expect(factorRefsIn(rooftopPvV1.params)).toEqual(['grid/north-china/2023']);
    expect(params.gridFactor).toMatchObject({ value: '0.6361', unit: 'kgCO2/kWh', vintage: 2023 });
    expect(rooftopPvV1).toMatchObject({ methodologyId: rooftopPv.id, moduleVersion: rooftopPv.version });
  });

  const credited: [string, Reading, bigint][] = [
    [
      'the worked example: 10 kW × 1,300 h = 13,000 kWh in 2023 × 0.6361 → 8,269,300 g',
      reading('2023-01-01', '2023-12-31', '13000'),
      8_269_300n,
    ],
    [
      'a month at exactly the bound: 10 kW × 30 days × 7 h = 2,100 kWh × 636.1 g → 1,335,810 g',
      reading('2024-06-01', '2024-06-30', '2100'),
      1_335_810n,
    ],
    [
      'rounds down, never up: 1,234.567 kWh × 636.1 g = 785,308.0687 → 785,308 g',
      reading('2024-06-01', '2024-06-30', '1234.567'),
      785_308n,
    ],
    [
      'subtracts green-certified kWh: (1,000 − 400) × 636.1 → 381,660 g',
      reading('2024-06-01', '2024-06-30', '1000', '10', '400'),
      381_660n,
    ],
    [
      'all of it green-certified: (1,000 − 1,000) × 636.1 → 0 g',
      reading('2024-06-01', '2024-06-30', '1000', '10', '1000'),
      0n,
    ],
    [
      'a tiny reading rounds down to nothing: 0.001 kWh × 636.1 g = 0.6361 → 0 g',
      reading('2024-06-01', '2024-06-01', '0.001'),
      0n,
    ],
    [
      'exactly 1 MW over a leap year at the bound: 1,000 × 366 × 7 = 2,562,000 kWh × 636.1 → 1,629,688,200 g',
      reading('2024-01-01', '2024-12-31', '2562000', '1000'),
      1_629_688_200n,
    ],
    [
      'fractional capacity: 3.2 kWh on a 0.5 kW system in one day (bound 3.5) × 636.1 = 2,035.52 → 2,035 g',
      reading('2024-06-01', '2024-06-01', '3.2', '0.5'),
      2_035n,
    ],
  ];
  it.each(credited)('%s', (_name, raw, grams) => {
    const input = rooftopPv.inputSchema.parse(raw);
    const result = rooftopPv.quantify(input, params);
    expect(result).toMatchObject({ ok: true, grams });
    if (result.ok) expect(result.trace.at(-1)).toMatchObject({ step: 'reduction', value: grams.toString() });
  });

  const rejected: [string, Reading, string][] = [
    ['above 1 MW', reading('2024-06-01', '2024-06-30', '1000', '1000.001'), 'CAPACITY_TOO_LARGE'],
    [
      'more than kW × days × 7 h (2,100.001 kWh from 10 kW in 30 days)',
      reading('2024-06-01', '2024-06-30', '2100.001'),
      'GENERATION_IMPLAUSIBLE',
    ],
    [
      'a year of generation reported for a single day',
      reading('2024-06-01', '2024-06-01', '13000'),
      'GENERATION_IMPLAUSIBLE',
    ],
    [
      'more green-certified than metered kWh',
      reading('2024-06-01', '2024-06-30', '1000', '10', '1000.001'),
      'CERTIFIED_EXCEEDS_METERED',
    ],
  ];
  it.each(rejected)('rejects a reading %s', (_name, raw, reason) => {
    const result = rooftopPv.quantify(rooftopPv.inputSchema.parse(raw), params);
    expect(result).toMatchObject({ ok: false, reason });
  });

  it.each([
    ['a period ending before it starts', reading('2024-06-30', '2024-06-01', '10'), 'END_BEFORE_START'],
    ['a period of 367 days', reading('2023-01-01', '2024-01-02', '10'), 'PERIOD_TOO_LONG'],
  ])('refuses %s', (_name, raw, reason) => {
    const parsed = rooftopPv.inputSchema.safeParse(raw);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues[0]).toMatchObject({ params: { reason } });
  });

  it('accepts a period of exactly 366 days (2023-01-01 to 2024-01-01 inclusive)', () => {
    expect(rooftopPv.inputSchema.safeParse(reading('2023-01-01', '2024-01-01', '10')).success).toBe(true);
  });

  it.each([
    ['a non-existent date', reading('2023-02-29', '2023-03-31', '10')],
    ['a date without dashes', reading('20240601', '2024-06-30', '10')],
    ['a date-time instead of a date', reading('2024-06-01T00:00:00+08:00', '2024-06-30', '10')],
    ['a date in another century', reading('1999-12-01', '1999-12-31', '10')],
    ['kWh as a number', { ...reading('2024-06-01', '2024-06-30', '10'), meteredKWh: 10 }],
    ['negative kWh', reading('2024-06-01', '2024-06-30', '-10')],
    ['kWh with 4 decimals', reading('2024-06-01', '2024-06-30', '10.0001')],
    ['kWh in exponent form', reading('2024-06-01', '2024-06-30', '1e3')],
    ['an absurd kWh', reading('2024-06-01', '2024-06-30', '10000000')],
    ['zero installed capacity', reading('2024-06-01', '2024-06-30', '10', '0')],
    ['an absurd installed capacity', reading('2024-06-01', '2024-06-30', '10', '100000')],
    ['a serial with a slash', { ...reading('2024-06-01', '2024-06-30', '10'), meterSerial: 'PV/1' }],
    ['an empty serial', { ...reading('2024-06-01', '2024-06-30', '10'), meterSerial: '' }],
    ['an extra field', { ...reading('2024-06-01', '2024-06-30', '10'), gramsCO2: '9999' }],
    [
      'a missing field',
      { meterSerial: 'PV-1', periodStart: '2024-06-01', periodEnd: '2024-06-30', installedKW: '10' },
    ],
  ])('refuses input with %s', (_name, raw) => {
    expect(rooftopPv.inputSchema.safeParse(raw).success).toBe(false);
  });

  it('defaults green-certified kWh to 0', () => {
    expect(rooftopPv.inputSchema.parse(reading('2024-06-01', '2024-06-30', '10')).greenCertifiedKWh).toBe(
      '0',
    );
  });

  it('selects versions by the period start (China time) and identifies the meter and period', () => {
    const input = rooftopPv.inputSchema.parse({
      ...reading('2024-06-01', '2024-06-30', '10'),
      meterSerial: 'pv-3701-0001',
    });
    expect(rooftopPv.occurredAt(input).toISOString()).toBe('2024-05-31T16:00:00.000Z');
    expect(rooftopPv.interval(input)).toBeNull();
    expect(rooftopPv.fingerprint(input)).toBe('rooftop-pv/PV-3701-0001/2024-06-01/2024-06-30');
  });

  it('refuses a grid factor that is not per kWh in kg', () => {
    const gPerKWh = { ...params, gridFactor: { ...params.gridFactor, value: '636.1', unit: 'gCO2/kWh' } };
    expect(rooftopPvParamsSchema.safeParse(gPerKWh).success).toBe(false);
  });
});
