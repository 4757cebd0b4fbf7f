import { floorMultiply, parseDecimal } from '@app/domain';
import { z } from 'zod';
import { capsSchema, factorSchema, selfReportedSchema } from '../common-params.js';
import { reject, type Methodology, type QuantifyResult } from '../methodology.js';
import { fasterThan, refineTripTimes, tripTimesSchema } from '../trip-input.js';

const modes = ['bike', 'ebike'] as const;

export const cyclingInputSchema = tripTimesSchema
  .extend({
    mode: z.enum(modes),
    // Hard bound against absurd values; the plausible range is a parameter (eligibility).
    distanceM: z.number().int().positive().max(1_000_000),
  })
  .strict()
  .superRefine(refineTripTimes);
export type CyclingInput = z.infer<typeof cyclingInputSchema>;

export const cyclingParamsSchema = z
  .object({
    factors: z.object({ bike: factorSchema, ebike: factorSchema }).strict(),
    eligibility: z
      .object({
        minDistanceM: z.number().int().nonnegative(),
        maxDistanceM: z.number().int().positive(),
        maxSpeedKmh: z
          .object({ bike: z.number().int().positive(), ebike: z.number().int().positive() })
          .strict(),
      })
      .strict(),
    caps: capsSchema,
    selfReported: selfReportedSchema,
  })
  .strict();
export type CyclingParams = z.infer<typeof cyclingParamsSchema>;

/** ER = distance (km) × net reduction factor (g/pkm), floored to whole grams. */
export const cycling: Methodology<CyclingInput, CyclingParams> = {
  id: 'cycling',
  version: 1,
  title: '低碳出行 · 骑行 (shared or own bike, e-bike)',
  inputSchema: cyclingInputSchema,
  paramsSchema: cyclingParamsSchema,
  occurredAt: (input) => input.startedAt,
  interval: (input) => ({ start: input.startedAt, end: input.endedAt }),
  fingerprint: () => null,

  quantify(input, params): QuantifyResult {
    const { minDistanceM, maxDistanceM, maxSpeedKmh } = params.eligibility;
    if (input.distanceM < minDistanceM) {
      return reject('DISTANCE_TOO_SHORT', `a trip must be at least ${minDistanceM} m`, {
        minDistanceM,
        distanceM: input.distanceM,
      });
    }
    if (input.distanceM > maxDistanceM) {
      return reject('DISTANCE_TOO_LONG', `a trip may be at most ${maxDistanceM} m`, {
        maxDistanceM,
        distanceM: input.distanceM,
      });
    }
    const maxKmh = maxSpeedKmh[input.mode];
    if (fasterThan(input.distanceM, input.startedAt, input.endedAt, maxKmh)) {
      return reject('SPEED_IMPLAUSIBLE', `mean speed above ${maxKmh} km/h for ${input.mode}`, {
        maxSpeedKmh: maxKmh,
      });
    }

    const factor = params.factors[input.mode];
    const grams = floorMultiply(BigInt(input.distanceM), parseDecimal(factor.value), 1000n);
    return {
      ok: true,
      grams,
      trace: [
        { step: 'distance', value: String(input.distanceM), unit: 'm' },
        {
          step: `factor.${input.mode}`,
          value: factor.value,
          unit: factor.unit,
          source: `${factor.source} (${factor.vintage})`,
        },
        {
          step: 'reduction',
          value: grams.toString(),
          unit: 'gCO2e',
          note: `floor(${input.distanceM} m / 1000 × ${factor.value})`,
        },
      ],
    };
  },
};
