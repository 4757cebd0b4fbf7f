import { emissionFactorMap } from '../../../seeds/emission-factors.js';
import { busParamsV1 } from '../../../seeds/methodologies/bus.v1.js';
import { busV2 as busV2Seed } from '../../../seeds/methodologies/bus.v2.js';
import { metroParamsV1 } from '../../../seeds/methodologies/metro.v1.js';
import { metroV2 as metroV2Seed } from '../../../seeds/methodologies/metro.v2.js';
import { bus, busV2 } from './bus/bus.methodology.js';
import { factorRef, factorRefsIn, resolveFactorRefs } from './factor-refs.js';
import { metro, metroV2 } from './metro/metro.methodology.js';
import { transitComponentParamsSchema, type TransitComponentParams } from './transit-components.js';
import { trip } from './transit-trip.spec-support.js';

const resolve = (params: unknown) =>
  transitComponentParamsSchema.parse(resolveFactorRefs(params, emissionFactorMap()));
const busParams = resolve(busV2Seed.params);
const metroParams = resolve(metroV2Seed.params);

const quantify = (m: typeof busV2, params: TransitComponentParams, raw: unknown) =>
  m.quantify(m.inputSchema.parse(raw), params);

// bus@2 Shandong: baseline 0.35×92 + 0.10×90 + 0.30×6.99 + 0.25×0 = 43.297 g/pkm; project
// 0.85 × 0.055 × 636.1 + 0.15 × 40.05 = 29.737675 + 6.0075 = 35.745175; net 7.551825 g/pkm.
// metro@2 Shandong: baseline 0.30×92 + 0.10×90 + 0.35×35.74 + 0.15×6.99 + 0.10×0 = 50.1575;
// project 1 × 0.05 × 636.1 = 31.805; net 18.3525 g/pkm.
describe('bus@2 and metro@2 (module 2, net factor from components) with the seeded Shandong parameters', () => {
  it('are scoped to Shandong, written for module 2, and take the grid factor from the table (华北 2023)', () => {
    for (const seed of [busV2Seed, metroV2Seed]) {
      expect(seed).toMatchObject({ version: 2, moduleVersion: 2, regionScope: ['370000'] });
      expect(factorRefsIn(seed.params)).toEqual(['grid/north-china/2023']);
    }
    expect(busParams.components.project.electric?.gridFactor).toMatchObject({
      value: '0.6361',
      vintage: 2023,
    });
  });

  it('marks every component [P] or [D] with its source', () => {
    for (const params of [busParams, metroParams]) {
      const { baseline, project } = params.components;
      const sources = [
        baseline.source,
        ...baseline.modes.map((m) => m.factor.source),
        project.electric!.kWhPerPkm.source,
        ...project.fuels.map((f) => f.factor.source),
      ];
      for (const source of sources) expect(source).toMatch(/\[(P|D)\]/);
    }
  });

  const credited: [string, typeof busV2, TransitComponentParams, ReturnType<typeof trip>, bigint][] = [
    ['bus, 10 km in 30 min: 10 × 7.551825 = 75.5 → 75 g (v1: 269)', busV2, busParams, trip(10_000, 30), 75n],
    ['bus, the minimum 500 m: 3.78 → 3 g', busV2, busParams, trip(500, 5), 3n],
    ['bus, the maximum 60 km: 453.1 → 453 g', busV2, busParams, trip(60_000, 120), 453n],
    ['bus, rounds down (1,234 m → 9.319)', busV2, busParams, trip(1234, 10), 9n],
    [
      'metro, 10 km in 20 min: 10 × 18.3525 = 183.5 → 183 g (v1: 467)',
      metroV2,
      metroParams,
      trip(10_000, 20),
      183n,
    ],
    ['metro, the minimum 1 km: 18.35 → 18 g', metroV2, metroParams, trip(1_000, 5), 18n],
    ['metro, the maximum 80 km: 1,468.2 → 1,468 g', metroV2, metroParams, trip(80_000, 60), 1468n],
  ];
  it.each(credited)('%s', (_name, m, params, raw, grams) => {
    const result = quantify(m, params, raw);
    expect(result).toMatchObject({ ok: true, grams });
    if (result.ok) {
      expect(result.trace.at(-1)).toMatchObject({ step: 'reduction', value: grams.toString() });
      expect(result.trace.find((s) => s.step === 'project.electric.grid')).toMatchObject({ value: '0.6361' });
    }
  });

  it('shows the net factor and its parts in the trace', () => {
    const result = quantify(busV2, busParams, trip(10_000, 30));
    if (!result.ok) throw new Error('expected a credit');
    const step = (name: string) => result.trace.find((s) => s.step === name)?.value;
    expect([step('baseline'), step('project'), step('factor.net')]).toEqual([
      '43.297',
      '35.745175',
      '7.551825',
    ]);
  });

  it('gives v1 results unchanged for the same trips (v1 stays for what it settled)', () => {
    expect(bus.quantify(bus.inputSchema.parse(trip(10_000, 30)), busParamsV1)).toMatchObject({
      ok: true,
      grams: 269n,
    });
    expect(metro.quantify(metro.inputSchema.parse(trip(10_000, 20)), metroParamsV1)).toMatchObject({
      ok: true,
      grams: 467n,
    });
  });

  it.each([
    ['bus shorter than 500 m', busV2, busParams, trip(499, 5), 'DISTANCE_TOO_SHORT'],
    ['bus faster than 60 km/h', busV2, busParams, trip(30_001, 30), 'SPEED_IMPLAUSIBLE'],
    ['bus slower than 5 km/h', busV2, busParams, trip(4999, 60), 'SPEED_TOO_LOW'],
    ['metro longer than 80 km', metroV2, metroParams, trip(80_001, 60), 'DISTANCE_TOO_LONG'],
  ] as const)('rejects %s', (_name, m, params, raw, reason) => {
    expect(quantify(m, params, raw)).toMatchObject({ ok: false, reason });
  });

  it('is a data change for another grid: the same bus on 华北 2022 (edition 2, 0.6776) credits less', () => {
    const params = resolve({
      ...(busV2Seed.params as object),
      components: {
        ...busParams.components,
        project: {
          ...busParams.components.project,
          electric: {
            ...busParams.components.project.electric,
            gridFactor: factorRef('grid', 'north-china', 2022, 2),
          },
        },
      },
    });
    // project = 0.85 × 0.055 × 677.6 + 6.0075 = 37.6853; net 5.6117 → 56 g for 10 km
    expect(quantify(busV2, params, trip(10_000, 30))).toMatchObject({ ok: true, grams: 56n });
  });

  it('credits 0 g, not a negative amount, where the project emits more than the baseline', () => {
    const project = {
      electric: {
        ...busParams.components.project.electric!,
        kWhPerPkm: { value: '0.2', source: 'test [D]' },
      },
      fuels: [],
    };
    const params = {
      ...busParams,
      components: {
        ...busParams.components,
        project: { ...project, electric: { ...project.electric, share: '1' } },
      },
    };
    expect(quantify(busV2, transitComponentParamsSchema.parse(params), trip(10_000, 30))).toMatchObject({
      ok: true,
      grams: 0n,
    });
  });

  it.each([
    [
      'baseline shares not adding up to 1',
      (p: TransitComponentParams) => ({
        ...p,
        components: {
          ...p.components,
          baseline: { ...p.components.baseline, modes: p.components.baseline.modes.slice(1) },
        },
      }),
    ],
    [
      'traction shares not adding up to 1',
      (p: TransitComponentParams) => ({
        ...p,
        components: { ...p.components, project: { ...p.components.project, fuels: [] } },
      }),
    ],
    [
      'a share above 1',
      (p: TransitComponentParams) => ({
        ...p,
        components: {
          ...p.components,
          project: { electric: { ...p.components.project.electric!, share: '1.5' }, fuels: [] },
        },
      }),
    ],
    [
      'a mode factor not per passenger-km',
      (p: TransitComponentParams) => ({
        ...p,
        components: {
          ...p.components,
          baseline: {
            ...p.components.baseline,
            modes: p.components.baseline.modes.map((m) => ({ ...m, factor: { ...m.factor, unit: 'g/km' } })),
          },
        },
      }),
    ],
    [
      'a grid factor not in kgCO2/kWh',
      (p: TransitComponentParams) => ({
        ...p,
        components: {
          ...p.components,
          project: {
            ...p.components.project,
            electric: {
              ...p.components.project.electric!,
              gridFactor: { ...p.components.project.electric!.gridFactor, unit: 'g/kWh' },
            },
          },
        },
      }),
    ],
  ])('refuses parameters with %s', (_name, change) => {
    expect(transitComponentParamsSchema.safeParse(change(busParams)).success).toBe(false);
  });

  it('keeps the same input schema as module 1, so the newest module finds when any trip happened', () => {
    expect(busV2.inputSchema).toBe(bus.inputSchema);
    expect(metroV2.inputSchema).toBe(metro.inputSchema);
  });
});
