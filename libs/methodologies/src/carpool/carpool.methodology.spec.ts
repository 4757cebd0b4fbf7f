import { carpoolParamsV1 } from '../../../../seeds/methodologies/carpool.v1.js';
import { carpool, carpoolParamsSchema, type CarpoolParams } from './carpool.methodology.js';

const at = (minutes: number) => new Date(Date.UTC(2025, 5, 1, 0, minutes)).toISOString();
const trip = (occupants: number, distanceM: number, detourM: number, minutes: number) => ({
  distanceM,
  detourM,
  occupants,
  startedAt: at(0),
  endedAt: at(minutes),
});

describe('carpool@1 with the seeded v1 parameters', () => {
  it('has parameters that satisfy its own schema', () => {
    expect(carpoolParamsSchema.safeParse(carpoolParamsV1).success).toBe(true);
  });

  it.each([
    ['a minimum above its maximum', { ...carpoolParamsV1.eligibility, minOccupants: 8 }],
    ['a solo driver counted as a carpool', { ...carpoolParamsV1.eligibility, minOccupants: 1 }],
    ['a detour allowance above 100 %', { ...carpoolParamsV1.eligibility, maxDetourPercent: 101 }],
  ])('refuses parameters with %s', (_name, eligibility) => {
    expect(carpoolParamsSchema.safeParse({ ...carpoolParamsV1, eligibility }).success).toBe(false);
  });

  const credited: [string, ReturnType<typeof trip>, bigint][] = [
    [
      '3 people, 10 km, 1 km detour → 2 × 10 × 60 − 1 × 150 = 1,200 − 150 = 1,050',
      trip(3, 10_000, 1000, 20),
      1050n,
    ],
    ['2 people, 10 km, no detour → 1 × 10 × 60 = 600', trip(2, 10_000, 0, 20), 600n],
    ['exactly the maximum occupants: 7 people, 10 km → 6 × 10 × 60 = 3,600', trip(7, 10_000, 0, 20), 3600n],
    ['exactly the minimum distance: 2 people, 1 km → 60', trip(2, 1000, 0, 5), 60n],
    ['exactly the maximum distance: 2 people, 100 km in 60 min → 6,000', trip(2, 100_000, 0, 60), 6000n],
    [
      'a detour of exactly 30 %: 2 people, 10 km, 3 km detour → 600 − 450 = 150',
      trip(2, 10_000, 3000, 20),
      150n,
    ],
    ['exactly the speed limit: 60 km in 30 min (120 km/h) → 3,600', trip(2, 60_000, 0, 30), 3600n],
    ['exactly the minimum speed: 5 km in 60 min (5 km/h) → 300', trip(2, 5000, 0, 60), 300n],
    [
      'rounds down once: 1,234 m × 60 = 74.04, − 111 m × 150 = 16.65 → 57.39, floored to 57',
      trip(2, 1234, 111, 5),
      57n,
    ],
    // Flooring the gross first would give floor(140 − 0.3) = 139: only the result is rounded.
    [
      'rounds the difference, not each term: 2,345 m × 60 = 140.7, − 2 m × 150 = 0.3 → 140.4, floored to 140',
      trip(2, 2345, 2, 5),
      140n,
    ],
  ];
  it.each(credited)('%s', (_name, raw, grams) => {
    const input = carpool.inputSchema.parse(raw);
    const result = carpool.quantify(input, carpoolParamsV1);
    expect(result).toMatchObject({ ok: true, grams });
    if (result.ok) expect(result.trace.at(-1)).toMatchObject({ step: 'reduction', value: grams.toString() });
  });

  it('traces the gross reduction and the detour deduction exactly', () => {
    const result = carpool.quantify(carpool.inputSchema.parse(trip(2, 1234, 111, 5)), carpoolParamsV1);
    expect(result.ok && result.trace).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ step: 'riders', value: '1' }),
        expect.objectContaining({ step: 'gross', value: '74.04' }),
        expect.objectContaining({ step: 'detourDeduction', value: '16.65' }),
      ]),
    );
  });

  it('floors the result at 0 when the detour outweighs the ride (a costlier detour factor)', () => {
    // 1 × 10 km × 60 = 600 g; 3 km × 500 g/km = 1,500 g → 0
    const costly: CarpoolParams = {
      ...carpoolParamsV1,
      detourFactor: { ...carpoolParamsV1.detourFactor, value: '500' },
    };
    const result = carpool.quantify(carpool.inputSchema.parse(trip(2, 10_000, 3000, 20)), costly);
    expect(result).toMatchObject({ ok: true, grams: 0n });
  });

  const rejected: [string, ReturnType<typeof trip>, string][] = [
    ['with the driver alone', trip(1, 10_000, 0, 20), 'OCCUPANTS_OUT_OF_RANGE'],
    ['with more than 7 people', trip(8, 10_000, 0, 20), 'OCCUPANTS_OUT_OF_RANGE'],
    ['shorter than 1 km', trip(2, 999, 0, 5), 'DISTANCE_TOO_SHORT'],
    ['longer than 100 km', trip(2, 100_001, 0, 60), 'DISTANCE_TOO_LONG'],
    ['whose detour is over 30 % of the distance', trip(2, 10_000, 3001, 20), 'DETOUR_TOO_LONG'],
    ['faster than 120 km/h', trip(2, 60_001, 0, 30), 'SPEED_IMPLAUSIBLE'],
    ['slower than 5 km/h', trip(2, 4999, 0, 60), 'SPEED_TOO_LOW'],
  ];
  it.each(rejected)('rejects a trip %s', (_name, raw, reason) => {
    const result = carpool.quantify(carpool.inputSchema.parse(raw), carpoolParamsV1);
    expect(result).toMatchObject({ ok: false, reason });
  });

  it.each([
    ['end before start', { ...trip(2, 10_000, 0, 20), endedAt: at(0), startedAt: at(10) }],
    ['end equal to start', trip(2, 10_000, 0, 0)],
    ['a negative distance', trip(2, -5, 0, 20)],
    ['a negative detour', trip(2, 10_000, -1, 20)],
    ['no occupants at all', trip(0, 10_000, 0, 20)],
    ['an absurd number of occupants', trip(1000, 10_000, 0, 20)],
    ['fractional occupants', trip(2.5, 10_000, 0, 20)],
    ['an absurd distance', trip(2, 5_000_000_000, 0, 20)],
    ['occupants as a string', { ...trip(2, 10_000, 0, 20), occupants: '2' }],
    ['an extra field', { ...trip(2, 10_000, 0, 20), plate: '鲁A12345' }],
    ['a time without offset', { ...trip(2, 10_000, 0, 20), startedAt: '2025-06-01T00:00:00' }],
    ['a missing detour', { distanceM: 10_000, occupants: 2, startedAt: at(0), endedAt: at(20) }],
  ])('refuses input with %s', (_name, raw) => {
    expect(carpool.inputSchema.safeParse(raw).success).toBe(false);
  });

  it('selects versions by the trip start and guards the trip interval', () => {
    const input = carpool.inputSchema.parse(trip(2, 10_000, 0, 20));
    expect(carpool.occurredAt(input).toISOString()).toBe(at(0));
    expect(carpool.interval(input)).toEqual({ start: new Date(at(0)), end: new Date(at(20)) });
    expect(carpool.fingerprint(input)).toBeNull();
  });
});
