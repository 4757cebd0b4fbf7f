import {
  isDecimalString,
  addDecimals,
  compareDecimals,
  type ExactDecimal,
  formatDecimal,
  multiplyDecimals,
  parseDecimal,
  subtractDecimals,
} from '@app/domain';
import { z } from 'zod';
import { capsSchema, factorSchema, factorStep, selfReportedSchema } from './common-params.js';
import { gridFactorSchema, positiveDecimalSchema } from './energy-common.js';
import type { TraceStep } from './methodology.js';
import { tripEligibilitySchema } from './transit-trip.js';

/**
 * The components of a net reduction factor per passenger-km, as the published transit
 * methodologies (深圳 低碳公共出行, 北京 DB11/T 3043-2024) write it: EF_net = EF_baseline − EF_project,
 * the baseline a mode mix (what riders would have used instead), the project its traction energy by
 * source (electric traction × a grid factor referenced from the factor table; diesel, CNG per pkm).
 */

/** A share of a mix, 0 < share ≤ 1, as a decimal string ("0.35"). */
const shareSchema = z
  .string()
  .refine(
    (text) => /^(0(\.\d{1,4})?|1(\.0{1,4})?)$/.test(text) && parseDecimal(text).units > 0n,
    'must be a share in (0, 1] with at most 4 decimals, e.g. "0.35"',
  );

const gramsPerPkm = (factor: { unit: string }) => factor.unit === 'gCO2e/pkm';
const perPkmFactorSchema = factorSchema.refine(gramsPerPkm, 'the factor must be in gCO2e/pkm');

// Zod runs the sum even when a share failed its own check, which reports a malformed one.
const sumIsOne = (shares: string[]) =>
  shares.some((share) => !isDecimalString(share)) ||
  compareDecimals(shares.map(parseDecimal).reduce(addDecimals, parseDecimal('0')), parseDecimal('1')) === 0;

export const baselineMixSchema = z
  .object({
    /** Where the mix comes from (a travel survey, a published methodology) and why it is conservative. */
    source: z.string().min(1),
    modes: z
      .array(z.object({ mode: z.string().min(1), share: shareSchema, factor: perPkmFactorSchema }).strict())
      .min(1)
      .refine((modes) => sumIsOne(modes.map((m) => m.share)), 'the mode shares must add up to 1'),
  })
  .strict();

export const projectTractionSchema = z
  .object({
    electric: z
      .object({
        share: shareSchema,
        /** Traction (and station) electricity per passenger-km. */
        kWhPerPkm: z.object({ value: positiveDecimalSchema, source: z.string().min(1) }).strict(),
        gridFactor: gridFactorSchema,
      })
      .strict()
      .optional(),
    /** Diesel, CNG, hybrid… by share, each with its emission per passenger-km. */
    fuels: z
      .array(z.object({ fuel: z.string().min(1), share: shareSchema, factor: perPkmFactorSchema }).strict())
      .default([]),
  })
  .strict()
  .refine(
    (p) => sumIsOne([...(p.electric ? [p.electric.share] : []), ...p.fuels.map((f) => f.share)]),
    'the traction shares must add up to 1',
  );

export const transitComponentsSchema = z
  .object({ baseline: baselineMixSchema, project: projectTractionSchema })
  .strict();
export type TransitComponents = z.infer<typeof transitComponentsSchema>;

export const transitComponentParamsSchema = z
  .object({
    components: transitComponentsSchema,
    eligibility: tripEligibilitySchema,
    caps: capsSchema,
    selfReported: selfReportedSchema,
  })
  .strict();
export type TransitComponentParams = z.infer<typeof transitComponentParamsSchema>;

const KG_TO_G = parseDecimal('1000');
const ZERO = parseDecimal('0');

/**
 * EF_net (g/pkm) = Σ share × EF_mode − (share_e × kWh/pkm × grid kg/kWh × 1000 + Σ share × EF_fuel),
 * exact; 0 where the project emits as much as the baseline or more (a reduction is never negative).
 */
export function netFactorOf(components: TransitComponents): { net: ExactDecimal; trace: TraceStep[] } {
  const trace: TraceStep[] = [];
  let baseline = ZERO;
  for (const m of components.baseline.modes) {
    const part = multiplyDecimals(parseDecimal(m.share), parseDecimal(m.factor.value));
    baseline = addDecimals(baseline, part);
    trace.push({ ...factorStep(`baseline.${m.mode}`, m.factor), note: `share ${m.share}` });
  }
  trace.push({
    step: 'baseline',
    value: formatDecimal(baseline),
    unit: 'gCO2e/pkm',
    source: components.baseline.source,
    note: 'Σ share × factor',
  });

  let project = ZERO;
  const { electric, fuels } = components.project;
  if (electric) {
    const gPerPkm = multiplyDecimals(
      multiplyDecimals(parseDecimal(electric.kWhPerPkm.value), parseDecimal(electric.gridFactor.value)),
      KG_TO_G,
    );
    project = addDecimals(project, multiplyDecimals(parseDecimal(electric.share), gPerPkm));
    trace.push(
      {
        step: 'project.electric.energy',
        value: electric.kWhPerPkm.value,
        unit: 'kWh/pkm',
        source: electric.kWhPerPkm.source,
        note: `share ${electric.share}`,
      },
      factorStep('project.electric.grid', electric.gridFactor),
    );
  }
  for (const f of fuels) {
    project = addDecimals(project, multiplyDecimals(parseDecimal(f.share), parseDecimal(f.factor.value)));
    trace.push({ ...factorStep(`project.${f.fuel}`, f.factor), note: `share ${f.share}` });
  }
  trace.push({
    step: 'project',
    value: formatDecimal(project),
    unit: 'gCO2e/pkm',
    note: 'share_e × kWh/pkm × grid × 1000 + Σ share × fuel factor',
  });

  const net = compareDecimals(baseline, project) > 0 ? subtractDecimals(baseline, project) : ZERO;
  trace.push({
    step: 'factor.net',
    value: formatDecimal(net),
    unit: 'gCO2e/pkm',
    note: 'max(0, baseline − project)',
  });
  return { net, trace };
}
