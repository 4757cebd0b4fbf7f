import { emissionFactorMap } from '../../../../seeds/emission-factors.js';
import { heatPumpWaterHeaterV1 } from '../../../../seeds/methodologies/heat-pump-water-heater.v1.js';
import { resolveFactorRefs } from '../factor-refs.js';
import {
  heatPumpWaterHeater,
  heatPumpWaterHeaterParamsSchema,
  type HeatPumpWaterHeaterParams,
} from './heat-pump-water-heater.methodology.js';

// Golden cases for the trace, as docs/methodologies.md §Air-source heat-pump water heater states it:
//   grams = floor((E × COP × Σ share_h × EF_h ÷ η_h − E × gridFactor) × 1000), at least 0
// COP 3.0; electric heater share 0.5, η 0.95, EF 0.6361; gas heater share 0.5, η 0.88, EF 0.202.
const params: HeatPumpWaterHeaterParams = heatPumpWaterHeaterParamsSchema.parse(
  resolveFactorRefs(heatPumpWaterHeaterV1.params, emissionFactorMap()),
);
const reading = (periodStart: string, periodEnd: string, consumedKWh: string) =>
  heatPumpWaterHeater.inputSchema.parse({ deviceSerial: 'HPWH-1', periodStart, periodEnd, consumedKWh });
const [electric, gas] = params.baseline.heaters;

describe('heat-pump-water-heater@1 trace (golden cases)', () => {
  it('traces the documented example: 100 kWh in a month → 71,258 g', () => {
    // 300 kWh of heat × (0.5 × 0.6361 ÷ 0.95 + 0.5 × 0.202 ÷ 0.88) = 134.86862… kg; − 100 × 0.6361 = 71.25862… kg
    expect(heatPumpWaterHeater.quantify(reading('2026-12-01', '2026-12-31', '100'), params)).toEqual({
      ok: true,
      grams: 71_258n,
      trace: [
        { step: 'period', value: '2026-12-01/2026-12-31', note: '31 days' },
        { step: 'consumed', value: '100', unit: 'kWh' },
        { step: 'cop', value: '3.0', source: params.cop.source },
        { step: 'heat', value: '300', unit: 'kWh', note: 'consumed × COP' },
        {
          step: 'baseline.electric',
          value: '0.6361',
          unit: 'kgCO2/kWh',
          source: `${electric.factor.source} (2023)`,
          note: 'share 0.5, efficiency 0.95',
        },
        {
          step: 'baseline.gas',
          value: '0.202',
          unit: 'kgCO2/kWh',
          source: `${gas.factor.source} (2006)`,
          note: 'share 0.5, efficiency 0.88',
        },
        { step: 'baseline', value: params.baseline.source },
        {
          step: 'factor.grid',
          value: '0.6361',
          unit: 'kgCO2/kWh',
          source: `${params.gridFactor.source} (2023)`,
        },
        {
          step: 'reduction',
          value: '71258',
          unit: 'gCO2e',
          note: 'floor(max(0, heat × Σ share × EF ÷ η − consumed × EF_grid) × 1000)',
        },
      ],
    });
  });

  it.each([
    ['1 kWh → 712 g', reading('2026-12-01', '2026-12-31', '1'), 712n],
    ['120 kWh in one day (exactly 5 kW) → 85,510 g', reading('2026-12-01', '2026-12-01', '120'), 85_510n],
  ])('credits the documented %s', (_name, input, grams) => {
    expect(heatPumpWaterHeater.quantify(input, params)).toMatchObject({ ok: true, grams });
  });

  it('weighs each heater by its own efficiency: electric 0.6 share, η 0.9; gas 0.4, η 0.8', () => {
    // 100 kWh × 3.0 × (0.6 × 0.6361 ÷ 0.9 + 0.4 × 0.202 ÷ 0.8) = 300 × (0.42406… + 0.101) = 157.5200 kg;
    // − 63.61 = 93.91 kg → 93,910 g
    const variant = {
      ...params,
      baseline: {
        ...params.baseline,
        heaters: [
          { ...electric, share: '0.6', efficiency: '0.9' },
          { ...gas, share: '0.4', efficiency: '0.8' },
        ],
      },
    };
    expect(heatPumpWaterHeater.quantify(reading('2026-12-01', '2026-12-31', '100'), variant)).toMatchObject({
      ok: true,
      grams: 93_910n,
    });
  });

  it('refuses more than 5 kW around the clock, saying why', () => {
    expect(heatPumpWaterHeater.quantify(reading('2026-12-01', '2026-12-01', '120.001'), params)).toEqual({
      ok: false,
      reason: 'CONSUMPTION_IMPLAUSIBLE',
      message: '120.001 kWh is more than a 5 kW water heater can draw in 1 days',
      details: { consumedKWh: '120.001', maxKWh: '120', maxKW: '5', days: 1 },
    });
  });

  it.each([
    ['a share and an efficiency of exactly 1', [{ ...electric, share: '1', efficiency: '1' }], true],
    ['an efficiency above 1', [{ ...electric, share: '1', efficiency: '1.001' }], false],
    [
      'a share above 1',
      [
        { ...electric, share: '1.5', efficiency: '0.95' },
        { ...gas, share: '0.5', efficiency: '0.88' },
      ],
      false,
    ],
  ])('checks the heaters: %s', (_name, heaters, valid) => {
    const variant = { ...params, baseline: { ...params.baseline, heaters } };
    expect(heatPumpWaterHeaterParamsSchema.safeParse(variant).success).toBe(valid);
  });
});
