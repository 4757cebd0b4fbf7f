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

/** A scope entry covers a district itself, or every district of a city (xxxx00) or of the province (370000). */
export function scopeCovers(scope: string[] | null, district: string): boolean {
  if (!scope || scope.length === 0) return true;
  const city = `${district.slice(0, 4)}00`;
  const province = `${district.slice(0, 2)}0000`;
  return scope.some((code) => code === district || code === city || code === province);
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
