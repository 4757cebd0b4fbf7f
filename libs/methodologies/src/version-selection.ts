import { scopeCovers } from '@app/domain';

/** A parameter set as stored, reduced to what selection needs. */
export interface ParameterVersion {
  id: string;
  methodologyId: string;
  version: number;
  moduleVersion: number;
  status: 'draft' | 'published' | 'retired';
  effectiveFrom: Date;
  effectiveTo: Date | null;
  regionScope: string[] | null;
  params: unknown;
}

/**
 * The version in force for a district at an instant: published, effective at that instant, scoped to
 * the district; the highest version wins where several qualify. Drafts and retired versions never do.
 */
export function selectVersionInForce(
  versions: readonly ParameterVersion[],
  methodologyId: string,
  district: string,
  at: Date,
): ParameterVersion | undefined {
  const t = at.getTime();
  let best: ParameterVersion | undefined;
  for (const v of versions) {
    if (v.methodologyId !== methodologyId || v.status !== 'published') continue;
    if (v.effectiveFrom.getTime() > t || (v.effectiveTo && v.effectiveTo.getTime() <= t)) continue;
    if (!scopeCovers(v.regionScope, district)) continue;
    if (!best || v.version > best.version) best = v;
  }
  return best;
}
