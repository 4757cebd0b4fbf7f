import { parseDecimal, ErrorCode } from '@app/domain';
import { z } from 'zod';
import { capsSchema, factorSchema, factorStep, selfReportedSchema } from '../common-params.js';
import { reject, type Methodology, type QuantifyResult } from '../methodology.js';
import { refineTripTimes, tripTimesSchema } from '../trip-input.js';
import { checkDistance, checkSpeed } from '../transit-trip.js';

export const carpoolInputSchema = tripTimesSchema
  .extend({
    // Hard bounds against absurd values; the plausible ranges are parameters (eligibility).
    /** Metres travelled with the riders aboard, between startedAt and endedAt. */
    distanceM: z.number().int().positive().max(1_000_000),
    /** Extra metres the driver drove to pick the riders up, beyond the route of the shared ride. */
    detourM: z.number().int().nonnegative().max(1_000_000),
    /** Everyone in the car, the driver included. */
    occupants: z.number().int().min(1).max(100),
  })
  .strict()
  .superRefine(refineTripTimes);
export type CarpoolInput = z.infer<typeof carpoolInputSchema>;

export const carpoolParamsSchema = z
  .object({
    /** Net reduction per extra rider per km (the shared-car factor). */
    factor: factorSchema,
    /** A car's emission per km driven, deducted for the detour. */
    detourFactor: factorSchema,
    eligibility: z
      .object({
        // A car with the driver alone is not a carpool.
        minOccupants: z.number().int().min(2),
        maxOccupants: z.number().int().min(2),
        /** detourM may be at most this percentage of distanceM. */
        maxDetourPercent: z.number().int().nonnegative().max(100),
        minDistanceM: z.number().int().nonnegative(),
        maxDistanceM: z.number().int().positive(),
        minSpeedKmh: z.number().int().nonnegative(),
        maxSpeedKmh: z.number().int().positive(),
      })
      .strict()
      .refine(
        (e) =>
          e.minOccupants <= e.maxOccupants &&
          e.minDistanceM <= e.maxDistanceM &&
          e.minSpeedKmh <= e.maxSpeedKmh,
        { message: 'each minimum must not exceed its maximum' },
      ),
    caps: capsSchema,
    selfReported: selfReportedSchema,
  })
  .strict();
export type CarpoolParams = z.infer<typeof carpoolParamsSchema>;

/** An exact non-negative decimal string for units / 10^scale, without trailing zeros. */
function decimalText(units: bigint, scale: number): string {
  const divisor = 10n ** BigInt(scale);
  const fraction = (units % divisor).toString().padStart(scale, '0').replace(/0+$/, '');
  return fraction ? `${units / divisor}.${fraction}` : String(units / divisor);
}

/**
 * ER = (occupants − 1) × distance (km) × factor − detour (km) × detourFactor, floored to whole grams
 * and never below 0 (T/CCAA 38-2021: baseline minus project emissions, the driver's detour counted
 * against the ride). Both terms are exact; only the difference is rounded, once, down.
 */
export const carpool: Methodology<CarpoolInput, CarpoolParams> = {
  id: 'carpool',
  version: 1,
  title: '低碳出行 · 合乘 (carpool, private-car ride sharing)',
  inputSchema: carpoolInputSchema,
  paramsSchema: carpoolParamsSchema,
  occurredAt: (input) => input.startedAt,
  interval: (input) => ({ start: input.startedAt, end: input.endedAt }),
  fingerprint: () => null,

  quantify(input, params): QuantifyResult {
    const {
      minOccupants,
      maxOccupants,
      maxDetourPercent,
      minDistanceM,
      maxDistanceM,
      minSpeedKmh,
      maxSpeedKmh,
    } = params.eligibility;
    if (input.occupants < minOccupants || input.occupants > maxOccupants) {
      return reject(
        ErrorCode.OccupantsOutOfRange,
        `a carpool carries ${minOccupants} to ${maxOccupants} people, driver included`,
        { minOccupants, maxOccupants, occupants: input.occupants },
      );
    }
    const wrongDistance = checkDistance(input.distanceM, minDistanceM, maxDistanceM);
    if (wrongDistance) return wrongDistance;
    // detourM / distanceM > maxDetourPercent / 100, compared in integers
    if (BigInt(input.detourM) * 100n > BigInt(maxDetourPercent) * BigInt(input.distanceM)) {
      return reject(
        ErrorCode.DetourTooLong,
        `the detour may be at most ${maxDetourPercent} % of the trip distance`,
        {
          maxDetourPercent,
          detourM: input.detourM,
          distanceM: input.distanceM,
        },
      );
    }
    const wrongSpeed = checkSpeed(input, minSpeedKmh, maxSpeedKmh, 'a car');
    if (wrongSpeed) return wrongSpeed;

    const { factor, detourFactor } = params;
    const riders = input.occupants - 1;
    const perRider = parseDecimal(factor.value);
    const perKm = parseDecimal(detourFactor.value);
    // Both terms as exact integers over one power of ten: grams = term / 10^scale, where scale is
    // the larger factor scale plus 3 (metres → km).
    const common = Math.max(perRider.scale, perKm.scale);
    const scale = common + 3;
    const gross =
      BigInt(riders) * BigInt(input.distanceM) * perRider.units * 10n ** BigInt(common - perRider.scale);
    const deduction = BigInt(input.detourM) * perKm.units * 10n ** BigInt(common - perKm.scale);
    const net = gross > deduction ? gross - deduction : 0n;
    const grams = net / 10n ** BigInt(scale);

    return {
      ok: true,
      grams,
      trace: [
        { step: 'distance', value: String(input.distanceM), unit: 'm' },
        {
          step: 'riders',
          value: String(riders),
          unit: 'persons',
          note: `${input.occupants} occupants − the driver`,
        },
        factorStep('factor', factor),
        {
          step: 'gross',
          value: decimalText(gross, scale),
          unit: 'gCO2e',
          note: `${riders} × ${input.distanceM} m / 1000 × ${factor.value}`,
        },
        { step: 'detour', value: String(input.detourM), unit: 'm' },
        factorStep('detourFactor', detourFactor),
        {
          step: 'detourDeduction',
          value: decimalText(deduction, scale),
          unit: 'gCO2e',
          note: `${input.detourM} m / 1000 × ${detourFactor.value}`,
        },
        {
          step: 'reduction',
          value: grams.toString(),
          unit: 'gCO2e',
          note:
            gross > deduction
              ? 'floor(gross − detourDeduction)'
              : 'the detour outweighs the ride: floored at 0',
        },
      ],
    };
  },
};
