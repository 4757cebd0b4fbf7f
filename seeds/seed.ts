import { factorKey, methodologyRegistry, resolveFactorRefs } from '@app/methodologies';
import type { DataSource } from 'typeorm';
import { EMISSION_FACTORS, emissionFactorMap } from './emission-factors.js';
import { busV1 } from './methodologies/bus.v1.js';
import { busV2 } from './methodologies/bus.v2.js';
import { carpoolV1 } from './methodologies/carpool.v1.js';
import { clothesRecyclingV1 } from './methodologies/clothes-recycling.v1.js';
import { cyclingV1 } from './methodologies/cycling.v1.js';
import { cyclingV2 } from './methodologies/cycling.v2.js';
import { efficientAcV1 } from './methodologies/efficient-ac.v1.js';
import { efficientAcV2 } from './methodologies/efficient-ac.v2.js';
import { flatActionsV1 } from './methodologies/flat-actions.v1.js';
import { heatPumpWaterHeaterV1 } from './methodologies/heat-pump-water-heater.v1.js';
import { heatPumpV1 } from './methodologies/heat-pump.v1.js';
import { householdPowerV1 } from './methodologies/household-power.v1.js';
import { nevTripV1 } from './methodologies/nev-trip.v1.js';
import { metroV1 } from './methodologies/metro.v1.js';
import { metroV2 } from './methodologies/metro.v2.js';
import { rooftopPvV1 } from './methodologies/rooftop-pv.v1.js';
import { walkingV1 } from './methodologies/walking.v1.js';
import { defaultPointsRule } from './points-rules.js';
import type { MethodologyVersionSeed } from './seed-types.js';

export const METHODOLOGY_SEEDS: MethodologyVersionSeed[] = [
  cyclingV1,
  busV1,
  metroV1,
  walkingV1,
  carpoolV1,
  clothesRecyclingV1,
  rooftopPvV1,
  heatPumpV1,
  efficientAcV1,
  busV2,
  metroV2,
  cyclingV2,
  efficientAcV2,
  nevTripV1,
  householdPowerV1,
  heatPumpWaterHeaterV1,
  ...flatActionsV1,
];

export interface SeedReport {
  inserted: string[];
  unchanged: string[];
  /** Seeded versions whose stored published parameters differ: never overwritten, only reported. */
  differing: string[];
}

/**
 * Idempotent upserts of the published methodology versions and the default points rule. A published
 * version is immutable, so a seed never rewrites one; a changed seed must become a new version.
 */
export async function runSeeds(dataSource: DataSource): Promise<SeedReport> {
  const report: SeedReport = { inserted: [], unchanged: [], differing: [] };
  await dataSource.transaction(async (m) => {
    for (const factor of EMISSION_FACTORS) {
      const label = `factor ${factorKey(factor)}`;
      const inserted = await m.query<unknown[]>(
        `INSERT INTO emission_factors (kind, region, year, edition, value, unit, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (kind, region, year, edition) DO NOTHING RETURNING year`,
        [
          factor.kind,
          factor.region,
          factor.year,
          factor.edition ?? 1,
          factor.value,
          factor.unit,
          factor.source,
        ],
      );
      if (inserted.length) report.inserted.push(label);
      else report.unchanged.push(label);
    }
    for (const seed of METHODOLOGY_SEEDS) {
      const module = methodologyRegistry.get(seed.methodologyId, seed.moduleVersion);
      if (!module)
        throw new Error(
          `seed ${seed.methodologyId}@${seed.version} names unknown module version ${seed.moduleVersion}`,
        );
      const parsed = module.paramsSchema.safeParse(resolveFactorRefs(seed.params, emissionFactorMap()));
      if (!parsed.success)
        throw new Error(
          `seed ${seed.methodologyId}@${seed.version} has invalid parameters: ${parsed.error.message}`,
        );

      await m.query(
        `INSERT INTO methodologies (id, title) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title`,
        [seed.methodologyId, seed.title],
      );
      const label = `${seed.methodologyId}@${seed.version}`;
      const inserted = await m.query<{ id: string }[]>(
        `INSERT INTO methodology_versions
           (methodology_id, version, module_version, status, params, effective_from, region_scope, source, published_at)
         VALUES ($1, $2, $3, 'published', $4, $5, $6, $7, now())
         ON CONFLICT (methodology_id, version) DO NOTHING RETURNING id`,
        [
          seed.methodologyId,
          seed.version,
          seed.moduleVersion,
          JSON.stringify(seed.params),
          seed.effectiveFrom,
          seed.regionScope,
          seed.source,
        ],
      );
      if (inserted.length) {
        report.inserted.push(label);
        continue;
      }
      const [same] = await m.query<{ same: boolean }[]>(
        `SELECT params = $3::jsonb AS same FROM methodology_versions WHERE methodology_id = $1 AND version = $2`,
        [seed.methodologyId, seed.version, JSON.stringify(seed.params)],
      );
      (same.same ? report.unchanged : report.differing).push(label);
    }

    const rule = await m.query<{ version: number }[]>(
      `INSERT INTO points_rules (version, points_per_gram, effective_from, source) VALUES ($1, $2, $3, $4)
       ON CONFLICT (version) DO NOTHING RETURNING version`,
      [
        defaultPointsRule.version,
        defaultPointsRule.pointsPerGram,
        defaultPointsRule.effectiveFrom,
        defaultPointsRule.source,
      ],
    );
    (rule.length ? report.inserted : report.unchanged).push(`points-rule@${defaultPointsRule.version}`);
  });
  return report;
}
