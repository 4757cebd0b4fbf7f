import { emissionFactorMap } from '../../../../seeds/emission-factors.js';
import { nevTripV1 } from '../../../../seeds/methodologies/nev-trip.v1.js';
import { resolveFactorRefs } from '../factor-refs.js';
import { trip } from '../transit-trip.spec-support.js';
import { nevTrip, nevTripParamsSchema } from './nev-trip.methodology.js';

const params = nevTripParamsSchema.parse(resolveFactorRefs(nevTripV1.params, emissionFactorMap()));
const quantify = (raw: unknown, p = params) => nevTrip.quantify(nevTrip.inputSchema.parse(raw), p);

// Computed: 138 − 0.165 × 636.1 = 138 − 104.9565 = 33.0435 g/km; ceiling 7 g/km [P 武碳江湖] applies.
describe('nev-trip@1 with the seeded v1 parameters', () => {
  it('takes partner pushes only and the 华北 2023 grid factor from the table', () => {
    expect(params.selfReported.accepted).toBe(false);
    expect(params.project.gridFactor).toMatchObject({ value: '0.6361', vintage: 2023 });
    expect(nevTripV1.params).toMatchObject({ project: { gridFactor: { $factor: 'grid/north-china/2023' } } });
  });

  it.each([
    ['武碳江湖’s published case: 24 km → 168 g', trip(24_000, 40), 168n],
    ['the minimum 1 km → 7 g', trip(1_000, 5), 7n],
    ['the maximum 300 km → 2,100 g (the daily cap is applied by the worker)', trip(300_000, 180), 2100n],
    ['rounds down: 1,234 m × 7 = 8.638 → 8 g', trip(1_234, 5), 8n],
  ])('%s', (_name, raw, grams) => {
    const result = quantify(raw);
    expect(result).toMatchObject({ ok: true, grams });
    if (result.ok) {
      expect(result.trace).toContainEqual(
        expect.objectContaining({ step: 'factor.computed', value: '33.0435' }),
      );
      expect(result.trace).toContainEqual(
        expect.objectContaining({ step: 'factor.ceiling', note: 'applied' }),
      );
    }
  });

  it('credits the computed factor where no ceiling is set: 24 km × 33.0435 = 793.04 → 793 g', () => {
    expect(quantify(trip(24_000, 40), { ...params, ceiling: null })).toMatchObject({ ok: true, grams: 793n });
  });

  it('credits 0 g, never a negative amount, where the car emits more on the grid than the fuel car', () => {
    const hungry = {
      ...params,
      ceiling: null,
      project: { ...params.project, kWhPerKm: { value: '0.3', source: 'test' } },
    };
    expect(quantify(trip(24_000, 40), hungry)).toMatchObject({ ok: true, grams: 0n });
  });

  it.each([
    ['shorter than 1 km', trip(999, 5), 'DISTANCE_TOO_SHORT'],
    ['longer than 300 km', trip(300_001, 240), 'DISTANCE_TOO_LONG'],
    ['faster than 120 km/h on average', trip(60_001, 30), 'SPEED_IMPLAUSIBLE'],
    ['slower than 5 km/h on average', trip(4_999, 60), 'SPEED_TOO_LOW'],
  ])('rejects a trip %s', (_name, raw, reason) => {
    expect(quantify(raw)).toMatchObject({ ok: false, reason });
  });

  it('refuses a baseline not per km and an unknown field', () => {
    const bad = { ...params, baseline: { ...params.baseline, unit: 'gCO2/pkm' } };
    expect(nevTripParamsSchema.safeParse(bad).success).toBe(false);
    expect(nevTrip.inputSchema.safeParse({ ...trip(5_000, 10), fuel: 'petrol' }).success).toBe(false);
  });
});
