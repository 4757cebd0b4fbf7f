import { emissionFactorMap } from '../../../seeds/emission-factors.js';
import { busV2 as busV2Seed } from '../../../seeds/methodologies/bus.v2.js';
import {
  busDieselPerPkm,
  ebikePerPkm,
  privateCarPerPkm,
  taxiPerPkm,
  activePerPkm,
} from '../../../seeds/methodologies/transit-shandong.js';
import { busV2 } from './bus/bus.methodology.js';
import { resolveFactorRefs } from './factor-refs.js';
import {
  netFactorOf,
  transitComponentParamsSchema,
  type TransitComponentParams,
  type TransitComponents,
} from './transit-components.js';
import { trip } from './transit-trip.spec-support.js';

// Golden cases for the trace of a net factor computed from its components, as docs/methodologies.md
// §Bus and metro for Shandong states it:
//   EF_baseline = Σ share_i × EF_i; EF_project = electric share × kWh/pkm × grid + Σ fuel share × EF_fuel
//   grams = floor(distanceM / 1000 × (EF_baseline − EF_project))
const busParams = transitComponentParamsSchema.parse(
  resolveFactorRefs(busV2Seed.params, emissionFactorMap()),
);
const electric = busParams.components.project.electric!;
const mode = (step: string, factor: { value: string; source: string }, share: string) => ({
  step,
  value: factor.value,
  unit: 'gCO2e/pkm',
  source: `${factor.source} (2026)`,
  note: `share ${share}`,
});
const withComponents = (components: unknown) => ({ ...busParams, components });

describe('transit components (bus@2, metro@2) trace (golden cases)', () => {
  it('traces the documented bus@2 example: 10 km → floor(10 × 7.551825) = 75 g', () => {
    // baseline 0.35 × 92 + 0.10 × 90 + 0.30 × 6.99 + 0.25 × 0 = 43.297
    // project 0.85 × 0.055 × 636.1 + 0.15 × 40.05 = 29.737675 + 6.0075 = 35.745175
    expect(busV2.quantify(busV2.inputSchema.parse(trip(10_000, 30)), busParams)).toEqual({
      ok: true,
      grams: 75n,
      trace: [
        { step: 'distance', value: '10000', unit: 'm' },
        mode('baseline.private-car', privateCarPerPkm, '0.35'),
        mode('baseline.taxi', taxiPerPkm, '0.10'),
        mode('baseline.e-bike', ebikePerPkm, '0.30'),
        mode('baseline.walk-or-cycle', activePerPkm, '0.25'),
        {
          step: 'baseline',
          value: '43.297',
          unit: 'gCO2e/pkm',
          source: busParams.components.baseline.source,
          note: 'Σ share × factor',
        },
        {
          step: 'project.electric.energy',
          value: '0.055',
          unit: 'kWh/pkm',
          source: electric.kWhPerPkm.source,
          note: 'share 0.85',
        },
        {
          step: 'project.electric.grid',
          value: '0.6361',
          unit: 'kgCO2/kWh',
          source: `${electric.gridFactor.source} (2023)`,
        },
        mode('project.diesel', busDieselPerPkm, '0.15'),
        {
          step: 'project',
          value: '35.745175',
          unit: 'gCO2e/pkm',
          note: 'share_e × kWh/pkm × grid × 1000 + Σ share × fuel factor',
        },
        { step: 'factor.net', value: '7.551825', unit: 'gCO2e/pkm', note: 'max(0, baseline − project)' },
        { step: 'reduction', value: '75', unit: 'gCO2e', note: 'floor(10000 m / 1000 × 7.551825)' },
      ],
    });
  });

  it('computes a project of fuels only, with no electric lines in the trace', () => {
    // baseline 92 (all car); project 1 × 40.05 (all diesel); net 51.95 g/pkm
    const components: TransitComponents = {
      baseline: { source: 'test [D]', modes: [{ mode: 'car', share: '1', factor: privateCarPerPkm }] },
      project: { fuels: [{ fuel: 'diesel', share: '1', factor: busDieselPerPkm }] },
    };
    const { net, trace } = netFactorOf(components);
    expect(net).toEqual({ units: 5195n, scale: 2 });
    expect(trace.map((s) => [s.step, s.value])).toEqual([
      ['baseline.car', '92'],
      ['baseline', '92'],
      ['project.diesel', '40.05'],
      ['project', '40.05'],
      ['factor.net', '51.95'],
    ]);
  });

  it('floors the net factor at 0 when the project emits more than the baseline, and says so', () => {
    // baseline 6.99 (all e-bike); project 1 × 40.05 → max(0, 6.99 − 40.05) = 0
    const { net, trace } = netFactorOf({
      baseline: { source: 'test [D]', modes: [{ mode: 'e-bike', share: '1', factor: ebikePerPkm }] },
      project: { fuels: [{ fuel: 'diesel', share: '1', factor: busDieselPerPkm }] },
    });
    expect(net.units).toBe(0n);
    expect(trace.at(-1)).toEqual({
      step: 'factor.net',
      value: '0',
      unit: 'gCO2e/pkm',
      note: 'max(0, baseline − project)',
    });
  });

  it('counts electric traction as share × kWh/pkm × grid kg/kWh × 1000 g/kg', () => {
    // 0.5 × 0.05 × 0.6361 × 1000 + 0.5 × 40.05 = 15.9025 + 20.025 = 35.9275; net 92 − 35.9275 = 56.0725
    const { trace } = netFactorOf({
      baseline: { source: 'test [D]', modes: [{ mode: 'car', share: '1', factor: privateCarPerPkm }] },
      project: {
        electric: { ...electric, share: '0.5', kWhPerPkm: { value: '0.05', source: 'test [D]' } },
        fuels: [{ fuel: 'diesel', share: '0.5', factor: busDieselPerPkm }],
      },
    });
    expect(trace.slice(-2).map((s) => s.value)).toEqual(['35.9275', '56.0725']);
  });

  const oneModeOneFuel = (baselineShare: string, fuelShare: string) =>
    withComponents({
      baseline: {
        source: 'test [D]',
        modes: [{ mode: 'car', share: baselineShare, factor: privateCarPerPkm }],
      },
      project: { fuels: [{ fuel: 'diesel', share: fuelShare, factor: busDieselPerPkm }] },
    });
  it.each([
    ['shares written "1.0" and "1.0000"', oneModeOneFuel('1.0', '1.0000'), true],
    ['a share with 5 decimals', oneModeOneFuel('1.00000', '1'), false],
    ['a share of 0', oneModeOneFuel('0', '1'), false],
    [
      'a mode with a share of 0 in a mix that still adds up to 1',
      withComponents({
        baseline: {
          source: 'test [D]',
          modes: [
            { mode: 'car', share: '1', factor: privateCarPerPkm },
            { mode: 'taxi', share: '0', factor: taxiPerPkm },
          ],
        },
        project: { fuels: [{ fuel: 'diesel', share: '1', factor: busDieselPerPkm }] },
      }),
      false,
    ],
    ['traction shares adding up to 0.5', oneModeOneFuel('1', '0.5'), false],
    ['a share of 10.5', oneModeOneFuel('10.5', '1'), false],
    ['a share of "1x"', oneModeOneFuel('1x', '1'), false],
    ['a share written ".5"', oneModeOneFuel('1', '.5'), false],
    [
      'no baseline modes',
      withComponents({ baseline: { source: 'x', modes: [] }, project: busParams.components.project }),
      false,
    ],
  ] as [string, TransitComponentParams, boolean][])('checks the components: %s', (_name, params, valid) => {
    expect(transitComponentParamsSchema.safeParse(params).success).toBe(valid);
  });
});
