import { emissionFactorMap } from '../../../../seeds/emission-factors.js';
import { householdPowerV1 } from '../../../../seeds/methodologies/household-power.v1.js';
import { resolveFactorRefs } from '../factor-refs.js';
import { householdPower, householdPowerParamsSchema } from './household-power.methodology.js';

const params = householdPowerParamsSchema.parse(
  resolveFactorRefs(householdPowerV1.params, emissionFactorMap()),
);
const bill = (consumedKWh: string, baselineKWh: string, month = '2026-12') => ({
  accountId: '3701-0012345678',
  month,
  consumedKWh,
  baselineKWh,
});
const quantify = (raw: unknown) => householdPower.quantify(householdPower.inputSchema.parse(raw), params);

// Grid 华北 2023: 636.1 g/kWh. Saving credited up to 30 % of the baseline.
describe('household-power@1 with the seeded v1 parameters', () => {
  it('uses the 华北 2023 grid factor and takes the grid company’s push only', () => {
    expect(params.gridFactor).toMatchObject({ value: '0.6361', vintage: 2023 });
    expect(params.selfReported.accepted).toBe(false);
  });

  it.each([
    ['200 kWh against 250 last year: 50 × 636.1 = 31,805 g', bill('200', '250'), 31_805n],
    ['rounds down: 0.5 kWh saved → 318.05 → 318 g', bill('99.5', '100'), 318n],
    ['exactly 30 % saved: 70 of 100 → 30 × 636.1 = 19,083 g', bill('70', '100'), 19_083n],
    ['more than 30 % saved is credited 30 %: 10 of 100 → 19,083 g', bill('10', '100'), 19_083n],
    ['the minimum baseline, 30 kWh: 25 used → 5 × 636.1 = 3,180.5 → 3,180 g', bill('25', '30'), 3_180n],
  ])('%s', (_name, raw, grams) => {
    const result = quantify(raw);
    expect(result).toMatchObject({ ok: true, grams });
    if (result.ok) expect(result.trace.at(-1)).toMatchObject({ step: 'reduction', value: grams.toString() });
  });

  it.each([
    ['a baseline under 30 kWh (vacant home)', bill('10', '29.999'), 'BASELINE_TOO_LOW'],
    ['as much as last year', bill('250', '250'), 'NO_SAVING'],
    ['more than last year', bill('300', '250'), 'NO_SAVING'],
  ])('rejects %s', (_name, raw, reason) => {
    expect(quantify(raw)).toMatchObject({ ok: false, reason });
  });

  it('is one claim per account and month, whoever makes it, dated the month’s last day (CST)', () => {
    const input = householdPower.inputSchema.parse(bill('200', '250', '2027-02'));
    expect(householdPower.fingerprint(input)).toBe('household-power/3701-0012345678/2027-02');
    expect(householdPower.fingerprintScope).toBe('everyone');
    expect(householdPower.occurredAt(input).toISOString()).toBe('2027-02-27T16:00:00.000Z');
  });

  it.each([
    ['a month 13', { ...bill('1', '2'), month: '2026-13' }],
    ['a date instead of a month', { ...bill('1', '2'), month: '2026-12-01' }],
    ['negative kWh', bill('-1', '2')],
    ['a number instead of a string', { ...bill('1', '2'), consumedKWh: 1 }],
  ])('refuses input with %s', (_name, raw) => {
    expect(householdPower.inputSchema.safeParse(raw).success).toBe(false);
  });
});
