import { z } from 'zod';
import { capsSchema, factorSchema, selfReportedSchema } from '../common-params.js';
import type { Methodology, QuantifyResult } from '../methodology.js';
import { checkDistance, checkSpeed, netFactorReduction } from '../transit-trip.js';
import { refineTripTimes, tripTimesSchema } from '../trip-input.js';

const modes = ['bike', 'ebike'] as const;

/** Who rides: a factor is published for some of these and may be applied to others, with a reason. */
export const ridingModes = ['shared-bike', 'shared-ebike', 'own-bike', 'own-ebike'] as const;

/**
 * A cycling factor may say which riding modes its source published it for and which it is applied to
 * here (the source text then says why, e.g. a shared-bike factor applied conservatively to own bikes).
 * Both are optional, so parameter sets written before them stay valid and quantify the same.
 */
const cyclingFactorSchema = factorSchema
  .extend({
    publishedFor: z.array(z.enum(ridingModes)).min(1).optional(),
    appliedTo: z.array(z.enum(ridingModes)).min(1).optional(),
  })
  .strict();

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
    factors: z.object({ bike: cyclingFactorSchema, ebike: cyclingFactorSchema }).strict(),
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
    const refused =
      checkDistance(input.distanceM, minDistanceM, maxDistanceM) ??
      checkSpeed(input, 0, maxSpeedKmh[input.mode], input.mode === 'bike' ? 'a bike' : 'an e-bike');
    if (refused) return refused;
    return {
      ok: true,
      ...netFactorReduction(input.distanceM, params.factors[input.mode], `factor.${input.mode}`),
    };
  },
};
