import {
  isDecimalString,
  compareDecimals,
  floorDivideDecimals,
  formatDecimal,
  multiplyDecimals,
  parseDecimal,
  subtractDecimals,
} from '@app/domain';
import { z } from 'zod';
import { factorStep } from '../common-params.js';
import type { Methodology, QuantifyResult } from '../methodology.js';
import {
  factorInUnitSchema,
  gridParamsSchema,
  identifierSchema,
  kwhSchema,
  meteredDeviceShape,
  meteredDraw,
  meteringPeriodSchema,
  positiveDecimalSchema,
  refineMeteringPeriod,
} from '../energy-common.js';

export const heatPumpInputSchema = meteringPeriodSchema
  .extend({
    deviceSerial: identifierSchema,
    /** Electricity the heat pump drew in the period, from the utility or the device platform. */
    consumedKWh: kwhSchema,
  })
  .strict()
  .superRefine(refineMeteringPeriod);
export type HeatPumpInput = z.infer<typeof heatPumpInputSchema>;

/** A dimensionless coefficient (COP, efficiency) with where it comes from. */
const coefficientSchema = z.object({ value: positiveDecimalSchema, source: z.string().min(1) }).strict();

export const heatPumpParamsSchema = gridParamsSchema({
  /** CO2 per kWh of heat in the coal burnt (fuel energy, before stove losses). */
  coalHeatFactor: factorInUnitSchema('kgCO2/kWh'),
  /** Seasonal coefficient of performance: kWh of heat delivered per kWh of electricity. */
  cop: coefficientSchema,
  /** Efficiency of the scattered-coal stove replaced: kWh of heat delivered per kWh of coal heat. */
  baselineEfficiency: coefficientSchema.refine(
    // Run even when the value failed its own check, which reports a malformed one.
    (coefficient) =>
      !isDecimalString(coefficient.value) ||
      compareDecimals(parseDecimal(coefficient.value), parseDecimal('1')) <= 0,
    'an efficiency is at most 1',
  ),
  eligibility: z
    .object({
      /** Largest electrical draw credited: kWh ≤ days × 24 h × maxKW. */
      maxKW: positiveDecimalSchema,
    })
    .strict(),
});
export type HeatPumpParams = z.infer<typeof heatPumpParamsSchema>;

/**
 * ER = E × COP × EF_coal_heat / η − E × EF_grid: the coal a stove of efficiency η would have burnt to
 * deliver the same heat, less the grid emissions of the heat pump's electricity. Computed exactly, then
 * × 1000 and floored to whole grams. Where the parameters make the net result zero or negative, the
 * period is credited 0 g: a reduction is never negative, and a period is not refused for it.
 */
export const heatPump: Methodology<HeatPumpInput, HeatPumpParams> = {
  id: 'heat-pump',
  version: 1,
  title: '空气源热泵替代散煤取暖 (air-source heat pump replacing scattered-coal heating)',
  inputSchema: heatPumpInputSchema,
  paramsSchema: heatPumpParamsSchema,
  ...meteredDeviceShape<HeatPumpInput>('heat-pump', (input) => input.deviceSerial),

  quantify(input, params): QuantifyResult {
    const { days, consumed, refused } = meteredDraw(input, params.eligibility.maxKW, 'heat pump');
    if (refused) return refused;

    const { cop, baselineEfficiency: eta, coalHeatFactor: coal, gridFactor: grid } = params;
    const heat = multiplyDecimals(consumed, parseDecimal(cop.value));
    // ER = (E × COP × EF_coal − E × EF_grid × η) / η, so only the last step divides.
    const coalFuelKg = multiplyDecimals(heat, parseDecimal(coal.value));
    const gridKg = multiplyDecimals(consumed, parseDecimal(grid.value));
    const gridKgTimesEta = multiplyDecimals(gridKg, parseDecimal(eta.value));
    const positive = compareDecimals(coalFuelKg, gridKgTimesEta) > 0;
    const grams = positive
      ? floorDivideDecimals(subtractDecimals(coalFuelKg, gridKgTimesEta), parseDecimal(eta.value), 1000n)
      : 0n;
    const baselineG = floorDivideDecimals(coalFuelKg, parseDecimal(eta.value), 1000n);

    return {
      ok: true,
      grams,
      trace: [
        { step: 'period', value: `${input.periodStart}/${input.periodEnd}`, note: `${days} days, inclusive` },
        { step: 'electricity', value: input.consumedKWh, unit: 'kWh' },
        { step: 'cop', value: cop.value, source: cop.source },
        { step: 'heat.delivered', value: formatDecimal(heat), unit: 'kWh', note: 'electricity × COP' },
        { step: 'baselineEfficiency', value: eta.value, source: eta.source },
        factorStep('factor.coalHeat', coal),
        {
          step: 'emissions.baseline',
          value: baselineG.toString(),
          unit: 'gCO2',
          note: 'heat delivered × EF_coal_heat / η × 1000, floored for display only',
        },
        factorStep('factor.grid', grid),
        {
          step: 'emissions.project',
          value: formatDecimal(gridKg),
          unit: 'kgCO2',
          note: 'electricity × EF_grid',
        },
        {
          step: 'reduction',
          value: grams.toString(),
          unit: 'gCO2e',
          note: positive
            ? `floor((${formatDecimal(heat)} × ${coal.value} / ${eta.value} − ${formatDecimal(gridKg)}) × 1000), exact before flooring`
            : 'the baseline does not exceed the project emissions: credited 0, never negative',
        },
      ],
    };
  },
};
