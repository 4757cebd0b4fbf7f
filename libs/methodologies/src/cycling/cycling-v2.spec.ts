import { cyclingParamsV1 } from '../../../../seeds/methodologies/cycling.v1.js';
import { cyclingParamsV2, cyclingV2 } from '../../../../seeds/methodologies/cycling.v2.js';
import { cycling, cyclingParamsSchema } from './cycling.methodology.js';

const trip = (mode: 'bike' | 'ebike', distanceM: number, minutes: number) => ({
  mode,
  distanceM,
  startedAt: '2026-12-05T08:00:00+08:00',
  endedAt: new Date(Date.parse('2026-12-05T08:00:00+08:00') + minutes * 60_000).toISOString(),
});

describe('cycling@2: which modes each factor is published for, and own bikes', () => {
  it('is a parameter version of module 1 whose parameters satisfy its schema', () => {
    expect(cyclingV2).toMatchObject({ version: 2, moduleVersion: cycling.version, regionScope: null });
    expect(cyclingParamsSchema.safeParse(cyclingParamsV2).success).toBe(true);
  });

  it('says the bike factor is published for shared bikes and applied to own bikes, with the reason', () => {
    const { bike, ebike } = cyclingParamsV2.factors;
    expect(bike).toMatchObject({ publishedFor: ['shared-bike'], appliedTo: ['shared-bike', 'own-bike'] });
    expect(ebike).toMatchObject({ publishedFor: ['shared-ebike'], appliedTo: ['shared-ebike', 'own-ebike'] });
    for (const f of [bike, ebike]) expect(f.source).toMatch(/^\[P\].*conservatively/);
  });

  it('refuses a mode nobody rides', () => {
    const bad = {
      ...cyclingParamsV2,
      factors: {
        ...cyclingParamsV2.factors,
        bike: { ...cyclingParamsV2.factors.bike, appliedTo: ['scooter'] },
      },
    };
    expect(cyclingParamsSchema.safeParse(bad).success).toBe(false);
  });

  it.each([
    ['5 km by bike (shared or own) → floor(5 × 33.88) = 169', trip('bike', 5000, 20), 169n],
    ['5 km by e-bike (shared or own) → floor(5 × 35.01) = 175', trip('ebike', 5000, 20), 175n],
    ['rounds down (1,234 m × 33.88 = 41.80…)', trip('bike', 1234, 10), 41n],
  ])('credits the v1 numbers: %s', (_name, raw, grams) => {
    const input = cycling.inputSchema.parse(raw);
    expect(cycling.quantify(input, cyclingParamsV2)).toMatchObject({ ok: true, grams });
    expect(cycling.quantify(input, cyclingParamsV1)).toMatchObject({ ok: true, grams });
  });
});
