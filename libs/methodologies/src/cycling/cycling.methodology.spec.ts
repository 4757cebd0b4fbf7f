import { cyclingParamsV1 } from '../../../../seeds/methodologies/cycling.v1.js';
import { cycling, cyclingParamsSchema } from './cycling.methodology.js';

const at = (minutes: number) => new Date(Date.UTC(2025, 5, 1, 0, minutes)).toISOString();
const trip = (mode: 'bike' | 'ebike', distanceM: number, minutes: number) => ({
  mode,
  distanceM,
  startedAt: at(0),
  endedAt: at(minutes),
});

describe('cycling@1 with the seeded v1 parameters', () => {
  it('has parameters that satisfy its own schema', () => {
    expect(cyclingParamsSchema.safeParse(cyclingParamsV1).success).toBe(true);
  });

  const credited: [string, ReturnType<typeof trip>, bigint][] = [
    ['the worked example: 5 km by bike → floor(5 × 33.88)', trip('bike', 5000, 20), 169n],
    ['5 km by e-bike → floor(5 × 35.01)', trip('ebike', 5000, 20), 175n],
    ['exactly the minimum distance', trip('bike', 500, 5), 16n],
    ['exactly the maximum distance', trip('bike', 30_000, 90), 1016n],
    ['rounds down, never up (1,234 m × 33.88 = 41.80…)', trip('bike', 1234, 10), 41n],
    ['exactly the speed limit: 25 km in 60 min', trip('bike', 25_000, 60), 847n],
    ['e-bike at 30 km/h is plausible', trip('ebike', 15_000, 30), 525n],
  ];
  it.each(credited)('%s', (_name, raw, grams) => {
    const input = cycling.inputSchema.parse(raw);
    const result = cycling.quantify(input, cyclingParamsV1);
    expect(result).toMatchObject({ ok: true, grams });
    if (result.ok) expect(result.trace.at(-1)).toMatchObject({ step: 'reduction', value: grams.toString() });
  });

  const rejected: [string, ReturnType<typeof trip>, string][] = [
    ['shorter than 500 m', trip('bike', 499, 5), 'DISTANCE_TOO_SHORT'],
    ['longer than 30 km', trip('bike', 30_001, 120), 'DISTANCE_TOO_LONG'],
    ['a bike faster than 25 km/h', trip('bike', 25_001, 60), 'SPEED_IMPLAUSIBLE'],
    ['an e-bike faster than 30 km/h', trip('ebike', 15_001, 30), 'SPEED_IMPLAUSIBLE'],
  ];
  it.each(rejected)('rejects a trip %s', (_name, raw, reason) => {
    const result = cycling.quantify(cycling.inputSchema.parse(raw), cyclingParamsV1);
    expect(result).toMatchObject({ ok: false, reason });
  });

  it.each([
    ['end before start', { ...trip('bike', 5000, 20), endedAt: at(0), startedAt: at(10) }],
    ['end equal to start', { ...trip('bike', 5000, 0) }],
    ['a negative distance', trip('bike', -5, 20)],
    ['an absurd distance', trip('bike', 5_000_000_000, 20)],
    ['a fractional distance', trip('bike', 1000.5, 20)],
    ['an unknown mode', { ...trip('bike', 5000, 20), mode: 'scooter' }],
    ['an extra field', { ...trip('bike', 5000, 20), carbon: 9999 }],
    ['a time without offset', { ...trip('bike', 5000, 20), startedAt: '2025-06-01T00:00:00' }],
    ['a missing field', { mode: 'bike', distanceM: 5000, startedAt: at(0) }],
  ])('refuses input with %s', (_name, raw) => {
    expect(cycling.inputSchema.safeParse(raw).success).toBe(false);
  });

  it('selects versions by the trip start', () => {
    const input = cycling.inputSchema.parse(trip('bike', 5000, 20));
    expect(cycling.occurredAt(input).toISOString()).toBe(at(0));
    expect(cycling.interval(input)).toEqual({ start: new Date(at(0)), end: new Date(at(20)) });
  });
});
