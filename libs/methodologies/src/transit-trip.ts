import { floorMultiply, parseDecimal, type ExactDecimal, ErrorCode } from '@app/domain';
import { z } from 'zod';
import { capsSchema, type Factor, factorSchema, factorStep, selfReportedSchema } from './common-params.js';
import { reject, type Methodology, type QuantifyResult, type TraceStep } from './methodology.js';
import { fasterThan, refineTripTimes, slowerThan, tripTimesSchema } from './trip-input.js';

/** distance (m) × net factor (g/pkm) / 1000, floored, with the trace of how. */
export function netFactorReduction(
  distanceM: number,
  factor: Factor,
  step = 'factor',
): { grams: bigint; trace: TraceStep[] } {
  const value: ExactDecimal = parseDecimal(factor.value);
  const grams = floorMultiply(BigInt(distanceM), value, 1000n);
  return {
    grams,
    trace: [
      { step: 'distance', value: String(distanceM), unit: 'm' },
      factorStep(step, factor),
      {
        step: 'reduction',
        value: grams.toString(),
        unit: 'gCO2e',
        note: `floor(${distanceM} m / 1000 × ${factor.value})`,
      },
    ],
  };
}

/** DISTANCE_TOO_SHORT / DISTANCE_TOO_LONG, or null when the distance is in range. */
export function checkDistance(
  distanceM: number,
  minDistanceM: number,
  maxDistanceM: number,
): QuantifyResult | null {
  if (distanceM < minDistanceM) {
    return reject(ErrorCode.DistanceTooShort, `a trip must be at least ${minDistanceM} m`, {
      minDistanceM,
      distanceM,
    });
  }
  if (distanceM > maxDistanceM) {
    return reject(ErrorCode.DistanceTooLong, `a trip may be at most ${maxDistanceM} m`, {
      maxDistanceM,
      distanceM,
    });
  }
  return null;
}

/** SPEED_TOO_LOW / SPEED_IMPLAUSIBLE, or null when the mean speed is within [min, max] km/h. */
export function checkSpeed(
  trip: { distanceM: number; startedAt: Date; endedAt: Date },
  minSpeedKmh: number,
  maxSpeedKmh: number,
  what: string,
): QuantifyResult | null {
  if (slowerThan(trip.distanceM, trip.startedAt, trip.endedAt, minSpeedKmh)) {
    return reject(ErrorCode.SpeedTooLow, `mean speed below ${minSpeedKmh} km/h for ${what}`, { minSpeedKmh });
  }
  if (fasterThan(trip.distanceM, trip.startedAt, trip.endedAt, maxSpeedKmh)) {
    return reject(ErrorCode.SpeedImplausible, `mean speed above ${maxSpeedKmh} km/h for ${what}`, {
      maxSpeedKmh,
    });
  }
  return null;
}

export const transitTripInputSchema = tripTimesSchema
  .extend({
    // Hard bound against absurd values; the plausible range is a parameter (eligibility).
    distanceM: z.number().int().positive().max(1_000_000),
  })
  .strict()
  .superRefine(refineTripTimes);
export type TransitTripInput = z.infer<typeof transitTripInputSchema>;

export const transitTripParamsSchema = z
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
export type TransitTripParams = z.infer<typeof transitTripParamsSchema>;

/**
 * Public transport by passenger-km: ER = distance (km) × net reduction factor (g/pkm), floored.
 * Bus and metro share the formula and differ only in their parameters.
 */
export function transitTripMethodology(
  id: string,
  title: string,
  what: string,
): Methodology<TransitTripInput, TransitTripParams> {
  return {
    id,
    version: 1,
    title,
    inputSchema: transitTripInputSchema,
    paramsSchema: transitTripParamsSchema,
    occurredAt: (input) => input.startedAt,
    interval: (input) => ({ start: input.startedAt, end: input.endedAt }),
    fingerprint: () => null,
    quantify(input, params): QuantifyResult {
      const { minDistanceM, maxDistanceM, minSpeedKmh, maxSpeedKmh } = params.eligibility;
      const refused =
        checkDistance(input.distanceM, minDistanceM, maxDistanceM) ??
        checkSpeed(input, minSpeedKmh, maxSpeedKmh, what);
      if (refused) return refused;
      return { ok: true, ...netFactorReduction(input.distanceM, params.factor) };
    },
  };
}
