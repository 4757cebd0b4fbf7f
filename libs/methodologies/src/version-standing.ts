import { DISTRICTS, scopeCovers } from '@app/domain';
import { selectVersionInForce, type ParameterVersion } from './version-selection.js';

/**
 * Where a version stands at an instant, by the same rule that picks the version for an action
 * (selectVersionInForce): in force if it is the one chosen for at least one district of its scope;
 * superseded if it is effective but a higher version is chosen everywhere in its scope; scheduled
 * before its start; expired after its end; withdrawn once retired.
 */
export type VersionStanding = 'draft' | 'in-force' | 'scheduled' | 'superseded' | 'expired' | 'withdrawn';

export interface Standing {
  standing: VersionStanding;
  /** For a superseded version: the version chosen instead (for the first district of its scope). */
  supersededBy: number | null;
}

export function versionStanding(
  versions: readonly ParameterVersion[],
  version: ParameterVersion,
  at: Date,
  districts: readonly string[] = Object.keys(DISTRICTS),
): Standing {
  const standing = (value: VersionStanding, supersededBy: number | null = null) => ({
    standing: value,
    supersededBy,
  });
  if (version.status === 'draft') return standing('draft');
  if (version.status === 'retired') return standing('withdrawn');
  if (version.effectiveFrom.getTime() > at.getTime()) return standing('scheduled');
  if (version.effectiveTo && version.effectiveTo.getTime() <= at.getTime()) return standing('expired');
  let chosenInstead: number | null = null;
  for (const district of districts) {
    if (!scopeCovers(version.regionScope, district)) continue;
    const chosen = selectVersionInForce(versions, version.methodologyId, district, at);
    if (chosen?.version === version.version) return standing('in-force');
    chosenInstead ??= chosen?.version ?? null;
  }
  return standing('superseded', chosenInstead);
}
