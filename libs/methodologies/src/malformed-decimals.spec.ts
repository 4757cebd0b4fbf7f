import { emissionFactorMap } from '../../../seeds/emission-factors.js';
import { busV2 as busV2Seed } from '../../../seeds/methodologies/bus.v2.js';
import { heatPumpWaterHeaterV1 } from '../../../seeds/methodologies/heat-pump-water-heater.v1.js';
import { heatPumpV1 } from '../../../seeds/methodologies/heat-pump.v1.js';
import { householdPowerV1 } from '../../../seeds/methodologies/household-power.v1.js';
import { resolveFactorRefs } from './factor-refs.js';
import { heatPumpWaterHeaterParamsSchema } from './heat-pump-water-heater/heat-pump-water-heater.methodology.js';
import { heatPumpParamsSchema } from './heat-pump/heat-pump.methodology.js';
import { householdPowerParamsSchema } from './household-power/household-power.methodology.js';
import { rooftopPv } from './rooftop-pv/rooftop-pv.methodology.js';
import { transitComponentParamsSchema } from './transit-components.js';

// Zod runs a refinement even when the field's own format check failed. A refinement that parses the
// decimal then threw RangeError out of safeParse: a malformed installedKW in a citizen's PV reading,
// or a malformed share or efficiency in an officer's draft, became a 500 instead of a refusal naming
// the field (ACTION_DATA_INVALID / PARAMS_INVALID).
const resolved = <T>(schema: { parse(value: unknown): T }, params: unknown): T =>
  schema.parse(resolveFactorRefs(params, emissionFactorMap()));

/** The paths of the issues, or the error thrown. */
function verdict(parse: () => { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) {
  try {
    const result = parse();
    return result.success ? 'valid' : result.error!.issues.map((i) => i.path.join('.'));
  } catch (error) {
    return `threw ${String(error)}`;
  }
}

describe('a malformed decimal is refused, not thrown', () => {
  it('in a rooftop PV reading: installedKW "abc"', () => {
    const reading = {
      meterSerial: 'PV-1',
      periodStart: '2025-01-01',
      periodEnd: '2025-01-31',
      meteredKWh: '1100',
      installedKW: 'abc',
    };
    expect(verdict(() => rooftopPv.inputSchema.safeParse(reading))).toEqual(['installedKW']);
  });

  it("in a heat pump's baseline efficiency", () => {
    const params = resolved(heatPumpParamsSchema, heatPumpV1.params);
    const draft = { ...params, baselineEfficiency: { ...params.baselineEfficiency, value: '0,6' } };
    expect(verdict(() => heatPumpParamsSchema.safeParse(draft))).toEqual(['baselineEfficiency.value']);
  });

  it.each(['share', 'efficiency'])("in a water heater's baseline heater %s", (field) => {
    const params = resolved(heatPumpWaterHeaterParamsSchema, heatPumpWaterHeaterV1.params);
    const heaters = params.baseline.heaters.map((h, i) => (i ? h : { ...h, [field]: 'half' }));
    const draft = { ...params, baseline: { ...params.baseline, heaters } };
    expect(verdict(() => heatPumpWaterHeaterParamsSchema.safeParse(draft))).toEqual([
      `baseline.heaters.0.${field}`,
    ]);
  });

  it("in household power's saving share", () => {
    const params = resolved(householdPowerParamsSchema, householdPowerV1.params);
    const draft = { ...params, eligibility: { ...params.eligibility, maxSavingShare: 'x' } };
    expect(verdict(() => householdPowerParamsSchema.safeParse(draft))).toEqual([
      'eligibility.maxSavingShare',
    ]);
  });

  it('in a transit mode share', () => {
    const params = resolved(transitComponentParamsSchema, busV2Seed.params);
    const modes = params.components.baseline.modes.map((m, i) => (i ? m : { ...m, share: '.35' }));
    const draft = {
      ...params,
      components: { ...params.components, baseline: { ...params.components.baseline, modes } },
    };
    expect(verdict(() => transitComponentParamsSchema.safeParse(draft))).toEqual([
      'components.baseline.modes.0.share',
    ]);
  });

  it('in a transit traction share', () => {
    const params = resolved(transitComponentParamsSchema, busV2Seed.params);
    const fuels = [{ ...params.components.project.fuels[0], share: '0.15%' }];
    const draft = {
      ...params,
      components: { ...params.components, project: { ...params.components.project, fuels } },
    };
    expect(verdict(() => transitComponentParamsSchema.safeParse(draft))).toEqual([
      'components.project.fuels.0.share',
    ]);
  });
});
