import {
  isDecimalString,
  addDecimals,
  compareDecimals,
  type ExactDecimal,
  floorDivideDecimals,
  formatDecimal,
  multiplyDecimals,
  parseDecimal,
  subtractDecimals,
} from '@app/domain';
import { z } from 'zod';
import { factorStep } from '../common-params.js';
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
import type { Methodology, QuantifyResult } from '../methodology.js';

export const heatPumpWaterHeaterInputSchema = meteringPeriodSchema
  .extend({
    deviceSerial: identifierSchema,
    /** Electricity the water heater drew in the period, from the device platform or the utility. */
    consumedKWh: kwhSchema,
  })
  .strict()
  .superRefine(refineMeteringPeriod);
export type HeatPumpWaterHeaterInput = z.infer<typeof heatPumpWaterHeaterInputSchema>;

const ONE = parseDecimal('1');
// Zod runs these refinements even when a decimal failed its own check: that issue is reported there.
const atMostOne = (text: string) => !isDecimalString(text) || compareDecimals(parseDecimal(text), ONE) <= 0;

const baselineHeaterSchema = z
  .object({
    heater: z.string().min(1),
    share: positiveDecimalSchema.refine(atMostOne, 'a share is at most 1'),
    /** kWh of hot-water heat per kWh of fuel or electricity. */
    efficiency: positiveDecimalSchema.refine(atMostOne, 'an efficiency is at most 1'),
    /** CO2 per kWh of the fuel or electricity the heater uses. */
    factor: factorInUnitSchema('kgCO2/kWh'),
  })
  .strict();

export const heatPumpWaterHeaterParamsSchema = gridParamsSchema({
  /** kWh of hot-water heat delivered per kWh of electricity. */
  cop: z.object({ value: positiveDecimalSchema, source: z.string().min(1) }).strict(),
  baseline: z
    .object({
      source: z.string().min(1),
      heaters: z
        .array(baselineHeaterSchema)
        .min(1)
        .refine(
          (heaters) =>
            heaters.some((h) => !isDecimalString(h.share)) ||
            compareDecimals(heaters.map((h) => parseDecimal(h.share)).reduce(addDecimals), ONE) === 0,
          'the heater shares must add up to 1',
        ),
    })
    .strict(),
  eligibility: z.object({ maxKW: positiveDecimalSchema }).strict(),
});
export type HeatPumpWaterHeaterParams = z.infer<typeof heatPumpWaterHeaterParamsSchema>;

const product = (values: ExactDecimal[]) => values.reduce(multiplyDecimals, ONE);

/**
 * 空气源热泵热水器 (form of 广东 2019): the heat delivered, E × COP, would otherwise have come from the
 * baseline water heaters (a mix, each fuel ÷ its efficiency); ER = E × COP × Σ share × EF / η − E ×
 * EF_grid, exact over the common denominator Π η, × 1000, floored, never negative.
 */
export const heatPumpWaterHeater: Methodology<HeatPumpWaterHeaterInput, HeatPumpWaterHeaterParams> = {
  id: 'heat-pump-water-heater',
  version: 1,
  title: '空气源热泵热水器 (air-source heat-pump water heater)',
  inputSchema: heatPumpWaterHeaterInputSchema,
  paramsSchema: heatPumpWaterHeaterParamsSchema,
  ...meteredDeviceShape<HeatPumpWaterHeaterInput>('heat-pump-water-heater', (input) => input.deviceSerial),

  quantify(input, params): QuantifyResult {
    const { days, consumed, refused } = meteredDraw(input, params.eligibility.maxKW, 'water heater');
    if (refused) return refused;

    const { heaters } = params.baseline;
    const efficiencies = heaters.map((h) => parseDecimal(h.efficiency));
    const denominator = product(efficiencies);
    // Σ share_i × EF_i × Π_{j≠i} η_j: the baseline kg per kWh of heat, times Π η.
    const baselineTimesD = heaters
      .map((h, i) =>
        product([
          parseDecimal(h.share),
          parseDecimal(h.factor.value),
          ...efficiencies.filter((_, j) => j !== i),
        ]),
      )
      .reduce(addDecimals);
    const heat = multiplyDecimals(consumed, parseDecimal(params.cop.value));
    const avoided = multiplyDecimals(heat, baselineTimesD);
    const emitted = multiplyDecimals(
      multiplyDecimals(consumed, parseDecimal(params.gridFactor.value)),
      denominator,
    );
    const net =
      compareDecimals(avoided, emitted) > 0 ? subtractDecimals(avoided, emitted) : parseDecimal('0');
    const grams = floorDivideDecimals(net, denominator, 1000n);
    return {
      ok: true,
      grams,
      trace: [
        { step: 'period', value: `${input.periodStart}/${input.periodEnd}`, note: `${days} days` },
        { step: 'consumed', value: input.consumedKWh, unit: 'kWh' },
        { step: 'cop', value: params.cop.value, source: params.cop.source },
        { step: 'heat', value: formatDecimal(heat), unit: 'kWh', note: 'consumed × COP' },
        ...heaters.map((h) => ({
          ...factorStep(`baseline.${h.heater}`, h.factor),
          note: `share ${h.share}, efficiency ${h.efficiency}`,
        })),
        { step: 'baseline', value: params.baseline.source },
        factorStep('factor.grid', params.gridFactor),
        {
          step: 'reduction',
          value: grams.toString(),
          unit: 'gCO2e',
          note: 'floor(max(0, heat × Σ share × EF ÷ η − consumed × EF_grid) × 1000)',
        },
      ],
    };
  },
};
