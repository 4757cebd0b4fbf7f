import { busParamsV1 } from '../../../../seeds/methodologies/bus.v1.js';
import { bus, busParamsSchema } from './bus.methodology.js';

const at = (minutes: number) => new Date(Date.UTC(2025, 5, 1, 0, minutes)).toISOString();
const trip = (distanceM: number, minutes: number) => ({ distanceM, startedAt: at(0), endedAt: at(minutes) });

describe('bus@1 with the seeded v1 parameters', () => {
  it('has parameters that satisfy its own schema', () => {
    expect(busParamsSchema.safeParse(busParamsV1).success).toBe(true);
  });

  it('refuses parameters whose minimum exceeds their maximum', () => {
    const eligibility = { ...busParamsV1.eligibility, minSpeedKmh: 70 };
    expect(busParamsSchema.safeParse({ ...busParamsV1, eligibility }).success).toBe(false);
  });

  const credited: [string, ReturnType<typeof trip>, bigint][] = [
    ['10 km in 30 min → 10 × 26.9 = 269', trip(10_000, 30), 269n],
    ['exactly the minimum distance: 500 m → 13.45, floored to 13', trip(500, 5), 13n],
    ['exactly the maximum distance: 60 km → 60 × 26.9 = 1,614', trip(60_000, 120), 1614n],
    ['rounds down, never up (1,234 m × 26.9 = 33.19…)', trip(1234, 10), 33n],
    ['exactly the speed limit: 30 km in 30 min (60 km/h) → 807', trip(30_000, 30), 807n],
    ['exactly the minimum speed: 5 km in 60 min (5 km/h) → 134.5, floored to 134', trip(5000, 60), 134n],
  ];
  it.each(credited)('%s', (_name, raw, grams) => {
    const input = bus.inputSchema.parse(raw);
    const result = bus.quantify(input, busParamsV1);
    expect(result).toMatchObject({ ok: true, grams });
    if (result.ok) expect(result.trace.at(-1)).toMatchObject({ step: 'reduction', value: grams.toString() });
  });

  const rejected: [string, ReturnType<typeof trip>, string][] = [
    ['shorter than 500 m', trip(499, 5), 'DISTANCE_TOO_SHORT'],
    ['longer than 60 km', trip(60_001, 120), 'DISTANCE_TOO_LONG'],
    ['faster than 60 km/h', trip(30_001, 30), 'SPEED_IMPLAUSIBLE'],
    ['slower than 5 km/h', trip(4999, 60), 'SPEED_TOO_LOW'],
  ];
  it.each(rejected)('rejects a trip %s', (_name, raw, reason) => {
    const result = bus.quantify(bus.inputSchema.parse(raw), busParamsV1);
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
    ['an extra field', { ...trip(5000, 20), carbon: 9999 }],
    ['a time without offset', { ...trip(5000, 20), startedAt: '2025-06-01T00:00:00' }],
    ['a missing field', { distanceM: 5000, startedAt: at(0) }],
  ])('refuses input with %s', (_name, raw) => {
    expect(bus.inputSchema.safeParse(raw).success).toBe(false);
  });

  it('selects versions by the trip start and guards the trip interval', () => {
    const input = bus.inputSchema.parse(trip(5000, 20));
    expect(bus.occurredAt(input).toISOString()).toBe(at(0));
    expect(bus.interval(input)).toEqual({ start: new Date(at(0)), end: new Date(at(20)) });
    expect(bus.fingerprint(input)).toBeNull();
  });
});
