import { ErrorCode, floorMultiply, formatDecimal, parseDecimal, type ExactDecimal } from '@app/domain';
import { z } from 'zod';
import { capsSchema, type Factor, factorSchema, factorStep, selfReportedSchema } from './common-params.js';
import { reject, type Methodology, type QuantifyResult, type TraceStep } from './methodology.js';
import { fasterThan, refineTripTimes, slowerThan, tripTimesSchema } from './trip-input.js';

/**
 * The step every trip methodology ends with: distance (m) × net factor (g per km) / 1000, floored to
 * whole grams; the trace is the distance, the steps that found the net factor, and the reduction.
 */
export function distanceReduction(
  distanceM: number,
  net: ExactDecimal,
  netSteps: TraceStep[],
  netText = formatDecimal(net),
): { grams: bigint; trace: TraceStep[] } {
  const grams = floorMultiply(BigInt(distanceM), net, 1000n);
  return {
    grams,
    trace: [
      { step: 'distance', value: String(distanceM), unit: 'm' },
      ...netSteps,
      {
        step: 'reduction',
        value: grams.toString(),
        unit: 'gCO2e',
        note: `floor(${distanceM} m / 1000 × ${netText})`,
      },
    ],
  };
}

/** distance (m) × a published net factor (g/pkm) / 1000, floored, with the trace of how. */
export function netFactorReduction(
  distanceM: number,
  factor: Factor,
  step = 'factor',
): { grams: bigint; trace: TraceStep[] } {
  return distanceReduction(distanceM, parseDecimal(factor.value), [factorStep(step, factor)], factor.value);
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

/** The plausible range of a trip (distance and mean speed), a parameter of the trip methodologies. */
export const tripEligibilitySchema = z
  .object({
    minDistanceM: z.number().int().nonnegative(),
    maxDistanceM: z.number().int().positive(),
    minSpeedKmh: z.number().int().nonnegative(),
    maxSpeedKmh: z.number().int().positive(),
  })
  .strict()
  .refine((e) => e.minDistanceM <= e.maxDistanceM && e.minSpeedKmh <= e.maxSpeedKmh, {
    message: 'each minimum must not exceed its maximum',
  });
export type TripEligibility = z.infer<typeof tripEligibilitySchema>;

/** DISTANCE_* or SPEED_* for a trip outside its eligibility, or null when it is plausible. */
export function checkTrip(
  trip: { distanceM: number; startedAt: Date; endedAt: Date },
  eligibility: TripEligibility,
  what: string,
): QuantifyResult | null {
  const { minDistanceM, maxDistanceM, minSpeedKmh, maxSpeedKmh } = eligibility;
  return (
    checkDistance(trip.distanceM, minDistanceM, maxDistanceM) ??
    checkSpeed(trip, minSpeedKmh, maxSpeedKmh, what)
  );
}

export const transitTripInputSchema = tripTimesSchema
  .extend({
    // Hard bound against absurd values; the plausible range is a parameter (eligibility).
    distanceM: z.number().int().positive().max(1_000_000),
  })
  .strict()
  .superRefine(refineTripTimes);
export type TransitTripInput = z.infer<typeof transitTripInputSchema>;

/**
 * What a trip methodology says about its input besides quantifying it: distance and times; it
 * happened when it started; its interval must not overlap another trip; no fingerprint.
 */
export const tripShape = {
  inputSchema: transitTripInputSchema,
  occurredAt: (input: TransitTripInput) => input.startedAt,
  interval: (input: TransitTripInput) => ({ start: input.startedAt, end: input.endedAt }),
  fingerprint: () => null,
} satisfies Pick<Methodology<TransitTripInput>, 'inputSchema' | 'occurredAt' | 'interval' | 'fingerprint'>;

export const transitTripParamsSchema = z
  .object({
    factor: factorSchema,
    eligibility: tripEligibilitySchema,
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
    paramsSchema: transitTripParamsSchema,
    ...tripShape,
    quantify(input, params): QuantifyResult {
      return (
        checkTrip(input, params.eligibility, what) ?? {
          ok: true,
          ...netFactorReduction(input.distanceM, params.factor),
        }
      );
    },
  };
}
