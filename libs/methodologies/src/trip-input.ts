import { ErrorCode } from '@app/domain';
import { z } from 'zod';
import { reasonParams } from './methodology.js';

const instant = z.iso.datetime({ offset: true }).transform((text) => new Date(text));

/** Start and end of a trip; the end must come after the start. */
export const tripTimesSchema = z.object({ startedAt: instant, endedAt: instant });

export function refineTripTimes<T extends { startedAt: Date; endedAt: Date }>(
  trip: T,
  ctx: z.RefinementCtx,
): void {
  // Zod still runs refinements when a field failed: only compare two parsed instants.
  if (!(trip.startedAt instanceof Date) || !(trip.endedAt instanceof Date)) return;
  if (trip.endedAt.getTime() <= trip.startedAt.getTime()) {
    ctx.addIssue({
      code: 'custom',
      path: ['endedAt'],
      message: 'endedAt must be after startedAt',
      params: reasonParams(ErrorCode.EndBeforeStart),
    });
  }
}

/** True when distanceM over the interval is faster than maxKmh, compared in integers. */
export function fasterThan(distanceM: number, start: Date, end: Date, maxKmh: number): boolean {
  const durationMs = BigInt(end.getTime() - start.getTime());
  // km/h = (m / 1000) / (ms / 3 600 000) = m × 3600 / ms
  return BigInt(distanceM) * 3600n > BigInt(maxKmh) * durationMs;
}

/** True when distanceM over the interval is slower than minKmh, compared in integers. */
export function slowerThan(distanceM: number, start: Date, end: Date, minKmh: number): boolean {
  const durationMs = BigInt(end.getTime() - start.getTime());
  // km/h = m × 3600 / ms, as in fasterThan
  return BigInt(distanceM) * 3600n < BigInt(minKmh) * durationMs;
}
