import type { Methodology } from './methodology.js';
import { transitTripParamsSchema, type TransitTripInput, type TransitTripParams } from './transit-trip.js';

/** A trip starting 2025-06-01T00:00Z that lasts `minutes`. */
export const at = (minutes: number) => new Date(Date.UTC(2025, 5, 1, 0, minutes)).toISOString();
export const trip = (distanceM: number, minutes: number) => ({
  distanceM,
  startedAt: at(0),
  endedAt: at(minutes),
});
type Trip = ReturnType<typeof trip>;

/**
 * The golden cases every transit-trip methodology (bus, metro) is held to: its seeded parameters, the
 * grams credited at and inside its bounds, a reason for each implausible trip, malformed input refused.
 */
export function describeTransitTrip(spec: {
  methodology: Methodology<TransitTripInput, TransitTripParams>;
  params: TransitTripParams;
  /** An eligibility change that makes a minimum exceed its maximum. */
  impossibleEligibility: Partial<TransitTripParams['eligibility']>;
  credited: [string, Trip, bigint][];
  rejected: [string, Trip, string][];
  extraField: Record<string, unknown>;
  missingField: Record<string, unknown>;
}): void {
  const { methodology, params } = spec;
  describe(`${methodology.id}@1 with the seeded v1 parameters`, () => {
    it('has parameters that satisfy its own schema', () => {
      expect(transitTripParamsSchema.safeParse(params).success).toBe(true);
    });

    it('refuses parameters whose minimum exceeds their maximum', () => {
      const eligibility = { ...params.eligibility, ...spec.impossibleEligibility };
      expect(transitTripParamsSchema.safeParse({ ...params, eligibility }).success).toBe(false);
    });

    it.each(spec.credited)('%s', (_name, raw, grams) => {
      const result = methodology.quantify(methodology.inputSchema.parse(raw), params);
      expect(result).toMatchObject({ ok: true, grams });
      if (result.ok)
        expect(result.trace.at(-1)).toMatchObject({ step: 'reduction', value: grams.toString() });
    });

    it.each(spec.rejected)('rejects a trip %s', (_name, raw, reason) => {
      const result = methodology.quantify(methodology.inputSchema.parse(raw), params);
      expect(result).toMatchObject({ ok: false, reason });
    });

    it.each([
      ['end before start', { ...trip(5000, 20), endedAt: at(0), startedAt: at(10) }],
      ['end equal to start', trip(5000, 0)],
      ['a negative distance', trip(-5, 20)],
      ['a zero distance', trip(0, 20)],
      ['an absurd distance', trip(5_000_000_000, 20)],
      ['a fractional distance', trip(1000.5, 20)],
      ['a distance as a string', { ...trip(5000, 20), distanceM: '5000' }],
      ['an extra field', spec.extraField],
      ['a time without offset', { ...trip(5000, 20), startedAt: '2025-06-01T00:00:00' }],
      ['a missing field', spec.missingField],
    ])('refuses input with %s', (_name, raw) => {
      expect(methodology.inputSchema.safeParse(raw).success).toBe(false);
    });

    it('selects versions by the trip start and guards the trip interval', () => {
      const input = methodology.inputSchema.parse(trip(5000, 20));
      expect(methodology.occurredAt(input).toISOString()).toBe(at(0));
      expect(methodology.interval(input)).toEqual({ start: new Date(at(0)), end: new Date(at(20)) });
      expect(methodology.fingerprint(input)).toBeNull();
    });
  });
}
