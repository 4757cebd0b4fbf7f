import { emissionFactorMap } from '../../../../seeds/emission-factors.js';
import { heatPumpV1 } from '../../../../seeds/methodologies/heat-pump.v1.js';
import { resolveFactorRefs } from '../factor-refs.js';
import { heatPump, heatPumpParamsSchema, type HeatPumpParams } from './heat-pump.methodology.js';

// Golden cases for the trace, as docs/methodologies.md §Air-source heat pump states it:
//   heat = consumedKWh × COP; grams = floor((heat × EF_coal_heat / η − consumedKWh × gridFactor) × 1000)
// with COP 2.8, η 0.6, EF_coal_heat 0.327 kgCO2/kWh, grid 0.6361 kgCO2/kWh, a draw of at most 20 kW.
const params: HeatPumpParams = heatPumpParamsSchema.parse(
  resolveFactorRefs(heatPumpV1.params, emissionFactorMap()),
);
const reading = (periodStart: string, periodEnd: string, consumedKWh: string) =>
  heatPump.inputSchema.parse({ deviceSerial: 'HP-JN-0001', periodStart, periodEnd, consumedKWh });
const withCoefficients = (cop: string, eta: string, coal: string): HeatPumpParams => ({
  ...params,
  cop: { ...params.cop, value: cop },
  baselineEfficiency: { ...params.baselineEfficiency, value: eta },
  coalHeatFactor: { ...params.coalHeatFactor, value: coal },
});

describe('heat-pump@1 trace (golden cases)', () => {
  it('traces the documented worked example: 1,000 kWh in a month → 889,900 g', () => {
    // heat 2,800 kWh; coal avoided 2,800 × 0.327 / 0.6 = 1,526 kg; electricity 1,000 × 0.6361 = 636.1 kg
    expect(heatPump.quantify(reading('2025-01-01', '2025-01-31', '1000'), params)).toEqual({
      ok: true,
      grams: 889_900n,
      trace: [
        { step: 'period', value: '2025-01-01/2025-01-31', note: '31 days, inclusive' },
        { step: 'electricity', value: '1000', unit: 'kWh' },
        { step: 'cop', value: '2.8', source: params.cop.source },
        { step: 'heat.delivered', value: '2800', unit: 'kWh', note: 'electricity × COP' },
        { step: 'baselineEfficiency', value: '0.6', source: params.baselineEfficiency.source },
        {
          step: 'factor.coalHeat',
          value: '0.327',
          unit: 'kgCO2/kWh',
          source: `${params.coalHeatFactor.source} (2024)`,
        },
        {
          step: 'emissions.baseline',
          value: '1526000',
          unit: 'gCO2',
          note: 'heat delivered × EF_coal_heat / η × 1000, floored for display only',
        },
        {
          step: 'factor.grid',
          value: '0.6361',
          unit: 'kgCO2/kWh',
          source: `${params.gridFactor.source} (2023)`,
        },
        { step: 'emissions.project', value: '636.1', unit: 'kgCO2', note: 'electricity × EF_grid' },
        {
          step: 'reduction',
          value: '889900',
          unit: 'gCO2e',
          note: 'floor((2800 × 0.327 / 0.6 − 636.1) × 1000), exact before flooring',
        },
      ],
    });
  });

  it('floors the displayed baseline but not the credit: 1.5 kWh → 1,334 g', () => {
    // heat 4.2 kWh; 4.2 × 0.327 / 0.6 = 2.289 kg; 1.5 × 0.6361 = 0.95415 kg; 1.33485 kg → 1,334 g
    const result = heatPump.quantify(reading('2025-01-01', '2025-01-01', '1.5'), params);
    expect(result).toMatchObject({ ok: true, grams: 1_334n });
    expect(result.ok && result.trace.filter((s) => s.step.startsWith('emissions.'))).toEqual([
      expect.objectContaining({ value: '2289' }),
      expect.objectContaining({ value: '0.95415' }),
    ]);
  });

  it.each([
    [
      'a stove as efficient as the heat pump and a cleaner fuel (COP 1, η 1, coal 0.3)',
      withCoefficients('1', '1', '0.3'),
    ],
    [
      'a baseline exactly equal to the project emissions (COP 1, η 1, coal 0.6361)',
      withCoefficients('1', '1', '0.6361'),
    ],
  ])('credits 0 and says why with %s', (_name, variant) => {
    const result = heatPump.quantify(reading('2025-01-01', '2025-01-31', '1000'), variant);
    expect(result).toMatchObject({ ok: true, grams: 0n });
    expect(result.ok && result.trace.at(-1)).toEqual({
      step: 'reduction',
      value: '0',
      unit: 'gCO2e',
      note: 'the baseline does not exceed the project emissions: credited 0, never negative',
    });
  });

  it('accepts a draw of exactly 20 kW around the clock and refuses one kWh more, saying why', () => {
    // 31 days × 24 h × 20 kW = 14,880 kWh
    expect(heatPump.quantify(reading('2025-01-01', '2025-01-31', '14880'), params)).toMatchObject({
      ok: true,
    });
    expect(heatPump.quantify(reading('2025-01-01', '2025-01-31', '14880.001'), params)).toEqual({
      ok: false,
      reason: 'CONSUMPTION_IMPLAUSIBLE',
      message: '14880.001 kWh is more than a 20 kW heat pump can draw in 31 days',
      details: { consumedKWh: '14880.001', maxKWh: '14880', maxKW: '20', days: 31 },
    });
  });

  it.each([
    ['an efficiency of exactly 1', '1', true],
    ['an efficiency above 1', '1.01', false],
  ])('checks the baseline efficiency: %s', (_name, eta, valid) => {
    const variant = { ...params, baselineEfficiency: { ...params.baselineEfficiency, value: eta } };
    expect(heatPumpParamsSchema.safeParse(variant).success).toBe(valid);
  });
});
