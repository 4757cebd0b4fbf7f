import { busParamsV1 } from '../../../seeds/methodologies/bus.v1.js';
import { cyclingParamsV1 } from '../../../seeds/methodologies/cycling.v1.js';
import { metroParamsV1 } from '../../../seeds/methodologies/metro.v1.js';
import { bus } from './bus/bus.methodology.js';
import { cycling } from './cycling/cycling.methodology.js';
import { metro } from './metro/metro.methodology.js';
import { transitTripParamsSchema } from './transit-trip.js';
import { at, trip } from './transit-trip.spec-support.js';

// Golden cases for the trace of the trips credited by one published net factor, as
// docs/methodologies.md §Low-carbon travel states it: grams = floor(distanceM × factor / 1000).
describe('trips by one net factor: trace (golden cases)', () => {
  it('traces the documented bus example: 10,000 m × 26.9 / 1,000 = 269 g', () => {
    expect(bus.quantify(bus.inputSchema.parse(trip(10_000, 30)), busParamsV1)).toEqual({
      ok: true,
      grams: 269n,
      trace: [
        { step: 'distance', value: '10000', unit: 'm' },
        { step: 'factor', value: '26.9', unit: 'gCO2e/pkm', source: `${busParamsV1.factor.source} (2021)` },
        { step: 'reduction', value: '269', unit: 'gCO2e', note: 'floor(10000 m / 1000 × 26.9)' },
      ],
    });
  });

  it('traces the documented metro example: floor(12,000 × 46.7 / 1,000) = floor(560.4) = 560 g', () => {
    const result = metro.quantify(metro.inputSchema.parse(trip(12_000, 20)), metroParamsV1);
    expect(result).toMatchObject({ ok: true, grams: 560n });
    expect(result.ok && result.trace.at(-1)?.note).toBe('floor(12000 m / 1000 × 46.7)');
  });

  it.each([
    ['bike', 5_000, 169n, '33.88', 'floor(5000 m / 1000 × 33.88)'], // floor(169.4)
    ['ebike', 5_000, 175n, '35.01', 'floor(5000 m / 1000 × 35.01)'], // floor(175.05)
  ] as const)('traces the documented cycling example by %s', (mode, distanceM, grams, value, note) => {
    const input = cycling.inputSchema.parse({ ...trip(distanceM, 20), mode });
    expect(cycling.quantify(input, cyclingParamsV1)).toEqual({
      ok: true,
      grams,
      trace: [
        { step: 'distance', value: String(distanceM), unit: 'm' },
        {
          step: `factor.${mode}`,
          value,
          unit: 'gCO2e/pkm',
          source: `${cyclingParamsV1.factors[mode].source} (2022)`,
        },
        { step: 'reduction', value: String(grams), unit: 'gCO2e', note },
      ],
    });
  });

  it.each([
    ['a bike above 25 km/h', 'bike', 'mean speed above 25 km/h for a bike', { maxSpeedKmh: 25 }],
    ['an e-bike above 30 km/h', 'ebike', 'mean speed above 30 km/h for an e-bike', { maxSpeedKmh: 30 }],
  ] as const)('explains the refusal of %s', (_name, mode, message, details) => {
    // 10.001 km in 20 min is 30.003 km/h: too fast for either
    const input = cycling.inputSchema.parse({ ...trip(10_001, 20), mode });
    expect(cycling.quantify(input, cyclingParamsV1)).toEqual({
      ok: false,
      reason: 'SPEED_IMPLAUSIBLE',
      message,
      details,
    });
  });

  it('accepts an e-bike at exactly 30 km/h but not a bike', () => {
    const ride = (mode: 'bike' | 'ebike') => cycling.inputSchema.parse({ ...trip(10_000, 20), mode });
    expect(cycling.quantify(ride('ebike'), cyclingParamsV1)).toMatchObject({ ok: true, grams: 350n });
    expect(cycling.quantify(ride('bike'), cyclingParamsV1)).toMatchObject({ ok: false });
  });

  it.each([
    [
      'a bus trip too short',
      trip(499, 5),
      {
        reason: 'DISTANCE_TOO_SHORT',
        message: 'a trip must be at least 500 m',
        details: { minDistanceM: 500, distanceM: 499 },
      },
    ],
    [
      'a bus trip too long',
      trip(60_001, 120),
      {
        reason: 'DISTANCE_TOO_LONG',
        message: 'a trip may be at most 60000 m',
        details: { maxDistanceM: 60_000, distanceM: 60_001 },
      },
    ],
    [
      'a bus slower than 5 km/h',
      trip(4_999, 60),
      { reason: 'SPEED_TOO_LOW', message: 'mean speed below 5 km/h for a bus', details: { minSpeedKmh: 5 } },
    ],
  ])('explains the refusal of %s', (_name, raw, refusal) => {
    expect(bus.quantify(bus.inputSchema.parse(raw), busParamsV1)).toEqual({ ok: false, ...refusal });
  });

  it('dates a trip by its start and guards its interval', () => {
    const input = bus.inputSchema.parse(trip(10_000, 30));
    expect(bus.occurredAt(input).toISOString()).toBe(at(0));
    expect(bus.interval(input)).toEqual({ start: new Date(at(0)), end: new Date(at(30)) });
    expect(bus.fingerprint(input)).toBeNull();
  });

  it.each([
    [
      'equal minimum and maximum',
      { minDistanceM: 500, maxDistanceM: 500, minSpeedKmh: 5, maxSpeedKmh: 5 },
      true,
    ],
    ['a minimum distance above the maximum', { ...busParamsV1.eligibility, minDistanceM: 60_001 }, false],
    ['a minimum speed above the maximum', { ...busParamsV1.eligibility, minSpeedKmh: 61 }, false],
  ])('checks the eligibility: %s', (_name, eligibility, valid) => {
    expect(transitTripParamsSchema.safeParse({ ...busParamsV1, eligibility }).success).toBe(valid);
  });
});
