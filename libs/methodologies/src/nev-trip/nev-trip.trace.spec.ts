import { emissionFactorMap } from '../../../../seeds/emission-factors.js';
import { nevTripV1 } from '../../../../seeds/methodologies/nev-trip.v1.js';
import { resolveFactorRefs } from '../factor-refs.js';
import { trip } from '../transit-trip.spec-support.js';
import { nevTrip, nevTripParamsSchema, type NevTripParams } from './nev-trip.methodology.js';

// Golden cases for the trace, as docs/methodologies.md §New-energy car trips states it:
//   EF_computed = 138 − 0.165 × 636.1 = 33.0435 g/km; grams = floor(distanceM / 1000 × min(EF_computed, 7))
const params: NevTripParams = nevTripParamsSchema.parse(
  resolveFactorRefs(nevTripV1.params, emissionFactorMap()),
);
const drive = (distanceM: number, minutes: number) => nevTrip.inputSchema.parse(trip(distanceM, minutes));
const withCeiling = (value: string | null): NevTripParams => ({
  ...params,
  ceiling: value === null ? null : { ...params.ceiling!, value },
});

describe('nev-trip@1 trace (golden cases)', () => {
  it("traces 武碳江湖's case: 24 km → 24 × 7 = 168 g, the published ceiling applied", () => {
    expect(nevTrip.quantify(drive(24_000, 30), params)).toEqual({
      ok: true,
      grams: 168n,
      trace: [
        { step: 'distance', value: '24000', unit: 'm' },
        { step: 'baseline', value: '138', unit: 'gCO2/km', source: `${params.baseline.source} (2026)` },
        {
          step: 'project.energy',
          value: '0.165',
          unit: 'kWh/km',
          source: params.project.kWhPerKm.source,
        },
        {
          step: 'project.grid',
          value: '0.6361',
          unit: 'kgCO2/kWh',
          source: `${params.project.gridFactor.source} (2023)`,
        },
        {
          step: 'factor.computed',
          value: '33.0435',
          unit: 'gCO2/km',
          note: 'max(0, baseline − kWh/km × grid × 1000)',
        },
        {
          step: 'factor.ceiling',
          value: '7',
          unit: 'gCO2/km',
          source: `${params.ceiling!.source} (2024)`,
          note: 'applied',
        },
        { step: 'reduction', value: '168', unit: 'gCO2e', note: 'floor(24000 m / 1000 × 7)' },
      ],
    });
  });

  it('credits the computed factor where there is no ceiling: 24 km × 33.0435 = 793.044 → 793 g', () => {
    const result = nevTrip.quantify(drive(24_000, 30), withCeiling(null));
    expect(result).toMatchObject({ ok: true, grams: 793n });
    expect(result.ok && result.trace.map((s) => s.step)).not.toContain('factor.ceiling');
    expect(result.ok && result.trace.at(-1)?.note).toBe('floor(24000 m / 1000 × 33.0435)');
  });

  it.each([
    ['above the computed factor', '40'],
    ['equal to the computed factor', '33.0435'],
  ])('says a ceiling %s is not reached, and credits the computed one', (_name, ceiling) => {
    const result = nevTrip.quantify(drive(24_000, 30), withCeiling(ceiling));
    expect(result).toMatchObject({ ok: true, grams: 793n });
    expect(result.ok && result.trace.find((s) => s.step === 'factor.ceiling')?.note).toBe('not reached');
  });

  it('credits 0, never negative, where the charger emits more than the fuel car: 0.25 kWh/km × 636.1 > 138', () => {
    const dirty = {
      ...params,
      project: { ...params.project, kWhPerKm: { value: '0.25', source: 'test [D]' } },
    };
    const result = nevTrip.quantify(drive(24_000, 30), dirty);
    expect(result).toMatchObject({ ok: true, grams: 0n });
    expect(result.ok && result.trace.find((s) => s.step === 'factor.computed')?.value).toBe('0');
  });

  it('explains a refused trip with the bounds broken, naming a car', () => {
    // 300 km is the longest trip; 120 km/h the fastest mean speed
    expect(nevTrip.quantify(drive(300_001, 180), params)).toEqual({
      ok: false,
      reason: 'DISTANCE_TOO_LONG',
      message: 'a trip may be at most 300000 m',
      details: { maxDistanceM: 300_000, distanceM: 300_001 },
    });
    expect(nevTrip.quantify(drive(60_001, 30), params)).toEqual({
      ok: false,
      reason: 'SPEED_IMPLAUSIBLE',
      message: 'mean speed above 120 km/h for a car',
      details: { maxSpeedKmh: 120 },
    });
  });
});
