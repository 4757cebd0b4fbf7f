import { emissionFactorMap } from '../../../../seeds/emission-factors.js';
import { heatPumpWaterHeaterV1 } from '../../../../seeds/methodologies/heat-pump-water-heater.v1.js';
import { resolveFactorRefs } from '../factor-refs.js';
import {
  heatPumpWaterHeater,
  heatPumpWaterHeaterParamsSchema,
  type HeatPumpWaterHeaterParams,
} from './heat-pump-water-heater.methodology.js';

const params = heatPumpWaterHeaterParamsSchema.parse(
  resolveFactorRefs(heatPumpWaterHeaterV1.params, emissionFactorMap()),
);
const period = (consumedKWh: string, periodStart = '2026-12-01', periodEnd = '2026-12-31') => ({
  deviceSerial: 'HPWH-3701-0001',
  periodStart,
  periodEnd,
  consumedKWh,
});
const quantify = (raw: unknown, p: HeatPumpWaterHeaterParams = params) =>
  heatPumpWaterHeater.quantify(heatPumpWaterHeater.inputSchema.parse(raw), p);

// Per kWh drawn: 3.0 × (0.5 × 0.6361 / 0.95 + 0.5 × 0.202 / 0.88) − 0.6361 = 0.712586602… kg.
describe('heat-pump-water-heater@1 with the seeded v1 parameters', () => {
  it('resolves the electric heater and the project to the 华北 2023 grid factor', () => {
    expect(params.gridFactor).toMatchObject({ value: '0.6361', vintage: 2023 });
    expect(params.baseline.heaters[0].factor).toMatchObject({ value: '0.6361' });
  });

  it.each([
    ['a month, 100 kWh → 71,258.66 → 71,258 g', period('100'), 71_258n],
    ['1 kWh → 712 g', period('1'), 712n],
    ['0.001 kWh → 0.71 → 0 g', period('0.001'), 0n],
    ['exactly 5 kW for a day: 120 kWh → 85,510 g', period('120', '2026-12-01', '2026-12-01'), 85_510n],
  ])('%s', (_name, raw, grams) => {
    const result = quantify(raw);
    expect(result).toMatchObject({ ok: true, grams });
    if (result.ok) expect(result.trace.at(-1)).toMatchObject({ step: 'reduction', value: grams.toString() });
  });

  it('as 广东 2019 (an electric baseline only) credits more: 100 kWh × (3 × 0.6361 / 0.95 − 0.6361) = 137,263 g', () => {
    const electricOnly = {
      ...params,
      baseline: { ...params.baseline, heaters: [{ ...params.baseline.heaters[0], share: '1' }] },
    };
    // 100 × (1.9083 / 0.95 − 0.6361) × 1000 = 137,263.1…
    expect(quantify(period('100'), heatPumpWaterHeaterParamsSchema.parse(electricOnly))).toMatchObject({
      ok: true,
      grams: 137_263n,
    });
  });

  it('credits 0 g, never a negative amount, against a gas-only baseline with a poor COP', () => {
    const gasOnly = {
      ...params,
      cop: { value: '2', source: 'test' },
      baseline: { ...params.baseline, heaters: [{ ...params.baseline.heaters[1], share: '1' }] },
    };
    expect(quantify(period('100'), heatPumpWaterHeaterParamsSchema.parse(gasOnly))).toMatchObject({
      ok: true,
      grams: 0n,
    });
  });

  it('rejects more than 5 kW over the period', () => {
    expect(quantify(period('120.001', '2026-12-01', '2026-12-01'))).toMatchObject({
      ok: false,
      reason: 'CONSUMPTION_IMPLAUSIBLE',
    });
  });

  it('refuses heater shares not adding up to 1 and an efficiency above 1', () => {
    const half = {
      ...params,
      baseline: { ...params.baseline, heaters: params.baseline.heaters.slice(0, 1) },
    };
    expect(heatPumpWaterHeaterParamsSchema.safeParse(half).success).toBe(false);
    const magic = {
      ...params,
      baseline: {
        ...params.baseline,
        heaters: params.baseline.heaters.map((h) => ({ ...h, efficiency: '1.2' })),
      },
    };
    expect(heatPumpWaterHeaterParamsSchema.safeParse(magic).success).toBe(false);
  });

  it('is one claim per device period, whoever makes it', () => {
    const input = heatPumpWaterHeater.inputSchema.parse(period('100'));
    expect(heatPumpWaterHeater.fingerprint(input)).toBe(
      'heat-pump-water-heater/HPWH-3701-0001/2026-12-01/2026-12-31',
    );
    expect(heatPumpWaterHeater.fingerprintScope).toBe('everyone');
  });
});
