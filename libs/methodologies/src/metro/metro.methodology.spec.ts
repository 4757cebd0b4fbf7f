import { metroParamsV1 } from '../../../../seeds/methodologies/metro.v1.js';
import { metro, metroParamsSchema } from './metro.methodology.js';

const at = (minutes: number) => new Date(Date.UTC(2025, 5, 1, 0, minutes)).toISOString();
const trip = (distanceM: number, minutes: number) => ({ distanceM, startedAt: at(0), endedAt: at(minutes) });

describe('metro@1 with the seeded v1 parameters', () => {
  it('has parameters that satisfy its own schema', () => {
    expect(metroParamsSchema.safeParse(metroParamsV1).success).toBe(true);
  });

  it('refuses parameters whose minimum exceeds their maximum', () => {
    const eligibility = { ...metroParamsV1.eligibility, minDistanceM: 90_000 };
    expect(metroParamsSchema.safeParse({ ...metroParamsV1, eligibility }).success).toBe(false);
  });

  const credited: [string, ReturnType<typeof trip>, bigint][] = [
    ['10 km in 20 min → 10 × 46.7 = 467', trip(10_000, 20), 467n],
    ['exactly the minimum distance: 1 km → 46.7, floored to 46', trip(1000, 3), 46n],
    ['exactly the maximum distance: 80 km → 80 × 46.7 = 3,736', trip(80_000, 120), 3736n],
    ['rounds down, never up (1,234 m × 46.7 = 57.62…)', trip(1234, 5), 57n],
    ['exactly the speed limit: 40 km in 30 min (80 km/h) → 1,868', trip(40_000, 30), 1868n],
    ['exactly the minimum speed: 10 km in 60 min (10 km/h) → 467', trip(10_000, 60), 467n],
  ];
  it.each(credited)('%s', (_name, raw, grams) => {
    const input = metro.inputSchema.parse(raw);
    const result = metro.quantify(input, metroParamsV1);
    expect(result).toMatchObject({ ok: true, grams });
    if (result.ok) expect(result.trace.at(-1)).toMatchObject({ step: 'reduction', value: grams.toString() });
  });

  const rejected: [string, ReturnType<typeof trip>, string][] = [
    ['shorter than 1 km', trip(999, 3), 'DISTANCE_TOO_SHORT'],
    ['longer than 80 km', trip(80_001, 120), 'DISTANCE_TOO_LONG'],
    ['faster than 80 km/h', trip(40_001, 30), 'SPEED_IMPLAUSIBLE'],
    ['slower than 10 km/h', trip(9999, 60), 'SPEED_TOO_LOW'],
  ];
  it.each(rejected)('rejects a trip %s', (_name, raw, reason) => {
    const result = metro.quantify(metro.inputSchema.parse(raw), metroParamsV1);
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
    ['an extra field', { ...trip(5000, 20), line: '1号线' }],
    ['a time without offset', { ...trip(5000, 20), startedAt: '2025-06-01T00:00:00' }],
    ['a missing field', { distanceM: 5000, endedAt: at(20) }],
  ])('refuses input with %s', (_name, raw) => {
    expect(metro.inputSchema.safeParse(raw).success).toBe(false);
  });

  it('selects versions by the trip start and guards the trip interval', () => {
    const input = metro.inputSchema.parse(trip(5000, 20));
    expect(metro.occurredAt(input).toISOString()).toBe(at(0));
    expect(metro.interval(input)).toEqual({ start: new Date(at(0)), end: new Date(at(20)) });
    expect(metro.fingerprint(input)).toBeNull();
  });
});
