import { carpoolParamsV1 } from '../../../../seeds/methodologies/carpool.v1.js';
import { carpool, carpoolParamsSchema, type CarpoolParams } from './carpool.methodology.js';

// Golden cases for the trace: every line an officer reads to redo the figure by hand, as
// docs/methodologies.md §Car-pooling states it:
//   grams = floor((occupants − 1) × distanceM / 1000 × 60 − detourM / 1000 × 150), at least 0
const at = (minutes: number) => new Date(Date.UTC(2025, 5, 1, 0, minutes)).toISOString();
const trip = (occupants: number, distanceM: number, detourM: number, minutes: number) =>
  carpool.inputSchema.parse({ distanceM, detourM, occupants, startedAt: at(0), endedAt: at(minutes) });
const withFactors = (factor: string, detourFactor: string): CarpoolParams => ({
  ...carpoolParamsV1,
  factor: { ...carpoolParamsV1.factor, value: factor },
  detourFactor: { ...carpoolParamsV1.detourFactor, value: detourFactor },
});
const factorLine = {
  step: 'factor',
  value: '60',
  unit: 'gCO2e/pkm',
  source: `${carpoolParamsV1.factor.source} (2021)`,
};
const detourFactorLine = {
  step: 'detourFactor',
  value: '150',
  unit: 'gCO2e/km',
  source: 'our provisional default [D] (a private car per vehicle-km) (2024)',
};

describe('carpool@1 trace (golden cases)', () => {
  it('traces the documented worked example line by line: 3 occupants, 20 km, 2 km detour → 2,100 g', () => {
    // 2 riders × 20 km × 60 = 2,400; 2 km × 150 = 300; 2,400 − 300 = 2,100 (before the day's cap)
    expect(carpool.quantify(trip(3, 20_000, 2000, 20), carpoolParamsV1)).toEqual({
      ok: true,
      grams: 2100n,
      trace: [
        { step: 'distance', value: '20000', unit: 'm' },
        { step: 'riders', value: '2', unit: 'persons', note: '3 occupants − the driver' },
        factorLine,
        { step: 'gross', value: '2400', unit: 'gCO2e', note: '2 × 20000 m / 1000 × 60' },
        { step: 'detour', value: '2000', unit: 'm' },
        detourFactorLine,
        { step: 'detourDeduction', value: '300', unit: 'gCO2e', note: '2000 m / 1000 × 150' },
        { step: 'reduction', value: '2100', unit: 'gCO2e', note: 'floor(gross − detourDeduction)' },
      ],
    });
  });

  it('says why the result is 0 when the detour outweighs the ride', () => {
    // 1 × 10 km × 60 = 600; 3 km × 500 = 1,500 > 600 → 0
    const result = carpool.quantify(trip(2, 10_000, 3000, 20), withFactors('60', '500'));
    expect(result.ok && result.trace.slice(-2)).toEqual([
      { step: 'detourDeduction', value: '1500', unit: 'gCO2e', note: '3000 m / 1000 × 500' },
      { step: 'reduction', value: '0', unit: 'gCO2e', note: 'the detour outweighs the ride: floored at 0' },
    ]);
  });

  it('calls a detour that exactly cancels the ride an outweighing one (nothing is left to floor)', () => {
    // 1 × 10 km × 60 = 600 = 3 km × 200
    const result = carpool.quantify(trip(2, 10_000, 3000, 20), withFactors('60', '200'));
    expect(result).toMatchObject({ ok: true, grams: 0n });
    expect(result.ok && result.trace.at(-1)).toEqual({
      step: 'reduction',
      value: '0',
      unit: 'gCO2e',
      note: 'the detour outweighs the ride: floored at 0',
    });
  });

  it('keeps both terms exact when the factor has more decimals than the detour factor', () => {
    // 1 × 1 km × 60.5 = 60.5 (written without trailing zeros); 0.1 km × 150 = 15; 45.5 → 45
    const result = carpool.quantify(trip(2, 1000, 100, 5), withFactors('60.5', '150'));
    expect(result).toMatchObject({ ok: true, grams: 45n });
    expect(
      result.ok && result.trace.filter((s) => s.step === 'gross' || s.step === 'detourDeduction'),
    ).toEqual([
      { step: 'gross', value: '60.5', unit: 'gCO2e', note: '1 × 1000 m / 1000 × 60.5' },
      { step: 'detourDeduction', value: '15', unit: 'gCO2e', note: '100 m / 1000 × 150' },
    ]);
  });

  it('keeps both terms exact when the detour factor has more decimals than the factor', () => {
    // 2 × 1.5 km × 60 = 180; 0.3 km × 150.25 = 45.075; 134.925 → 134
    const result = carpool.quantify(trip(3, 1500, 300, 5), withFactors('60', '150.25'));
    expect(result).toMatchObject({ ok: true, grams: 134n });
    expect(
      result.ok && result.trace.filter((s) => s.step === 'gross' || s.step === 'detourDeduction'),
    ).toEqual([
      { step: 'gross', value: '180', unit: 'gCO2e', note: '2 × 1500 m / 1000 × 60' },
      { step: 'detourDeduction', value: '45.075', unit: 'gCO2e', note: '300 m / 1000 × 150.25' },
    ]);
  });

  it.each([
    [
      'too many occupants',
      trip(8, 10_000, 0, 20),
      {
        reason: 'OCCUPANTS_OUT_OF_RANGE',
        message: 'a carpool carries 2 to 7 people, driver included',
        details: { minOccupants: 2, maxOccupants: 7, occupants: 8 },
      },
    ],
    [
      'a detour over 30 %',
      trip(2, 10_000, 3001, 20),
      {
        reason: 'DETOUR_TOO_LONG',
        message: 'the detour may be at most 30 % of the trip distance',
        details: { maxDetourPercent: 30, detourM: 3001, distanceM: 10_000 },
      },
    ],
    [
      'a car faster than 120 km/h',
      trip(2, 60_001, 0, 30),
      {
        reason: 'SPEED_IMPLAUSIBLE',
        message: 'mean speed above 120 km/h for a car',
        details: { maxSpeedKmh: 120 },
      },
    ],
  ])('explains the refusal of %s with the bounds it broke', (_name, input, refusal) => {
    expect(carpool.quantify(input, carpoolParamsV1)).toEqual({ ok: false, ...refusal });
  });

  it.each([
    [
      'minimum equal to maximum for each range',
      {
        minOccupants: 4,
        maxOccupants: 4,
        minDistanceM: 5000,
        maxDistanceM: 5000,
        minSpeedKmh: 30,
        maxSpeedKmh: 30,
      },
      true,
    ],
    ['a minimum distance above the maximum', { minDistanceM: 100_001 }, false],
    ['a minimum speed above the maximum', { minSpeedKmh: 121 }, false],
  ])('checks its eligibility ranges: %s', (_name, change, valid) => {
    const eligibility = { ...carpoolParamsV1.eligibility, ...change };
    expect(carpoolParamsSchema.safeParse({ ...carpoolParamsV1, eligibility }).success).toBe(valid);
  });
});
