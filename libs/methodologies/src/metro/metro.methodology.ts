import { floorMultiply, parseDecimal } from '@app/domain';
import { z } from 'zod';
import { capsSchema, factorSchema, selfReportedSchema } from '../common-params.js';
import { reject, type Methodology, type QuantifyResult } from '../methodology.js';
import { fasterThan, refineTripTimes, slowerThan, tripTimesSchema } from '../trip-input.js';

export const metroInputSchema = tripTimesSchema
  .extend({
    // Hard bound against absurd values; the plausible range is a parameter (eligibility).
    distanceM: z.number().int().positive().max(1_000_000),
  })
  .strict()
  .superRefine(refineTripTimes);
export type MetroInput = z.infer<typeof metroInputSchema>;

export const metroParamsSchema = z
  .object({
    factor: factorSchema,
    eligibility: z
      .object({
        minDistanceM: z.number().int().nonnegative(),
        maxDistanceM: z.number().int().positive(),
        minSpeedKmh: z.number().int().nonnegative(),
        maxSpeedKmh: z.number().int().positive(),
      })
      .strict()
      .refine((e) => e.minDistanceM <= e.maxDistanceM && e.minSpeedKmh <= e.maxSpeedKmh, {
        message: 'each minimum must not exceed its maximum',
      }),
    caps: capsSchema,
    selfReported: selfReportedSchema,
  })
  .strict();
export type MetroParams = z.infer<typeof metroParamsSchema>;

/** ER = distance (km) × net reduction factor (g/pkm), floored to whole grams. */
export const metro: Methodology<MetroInput, MetroParams> = {
  id: 'metro',
  version: 1,
  title: '低碳出行 · 地铁 (metro)',
  inputSchema: metroInputSchema,
  paramsSchema: metroParamsSchema,
  occurredAt: (input) => input.startedAt,
  interval: (input) => ({ start: input.startedAt, end: input.endedAt }),
  fingerprint: () => null,

  quantify(input, params): QuantifyResult {
    const { minDistanceM, maxDistanceM, minSpeedKmh, maxSpeedKmh } = params.eligibility;
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
    if (slowerThan(input.distanceM, input.startedAt, input.endedAt, minSpeedKmh)) {
      return reject('SPEED_TOO_LOW', `mean speed below ${minSpeedKmh} km/h for a metro ride`, {
        minSpeedKmh,
      });
    }
    if (fasterThan(input.distanceM, input.startedAt, input.endedAt, maxSpeedKmh)) {
      return reject('SPEED_IMPLAUSIBLE', `mean speed above ${maxSpeedKmh} km/h for a metro ride`, {
        maxSpeedKmh,
      });
    }

    const { factor } = params;
    const grams = floorMultiply(BigInt(input.distanceM), parseDecimal(factor.value), 1000n);
    return {
      ok: true,
      grams,
      trace: [
        { step: 'distance', value: String(input.distanceM), unit: 'm' },
        {
          step: 'factor',
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
