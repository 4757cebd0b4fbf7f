import type { MethodologyVersionEntity } from '@app/persistence';
import { versionStanding, type ParameterVersion } from '@app/methodologies';
import type { MethodologyVersionDto } from './dto/methodology-version.dto.js';

export function toParameterVersion(row: MethodologyVersionEntity): ParameterVersion {
  return {
    id: String(row.id),
    methodologyId: row.methodologyId,
    version: row.version,
    moduleVersion: row.moduleVersion,
    status: row.status,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    regionScope: row.regionScope,
    params: row.params,
  };
}

/**
 * A version as the admin API answers it; `siblings` are every version of its methodology, which its
 * standing today depends on.
 */
export function toVersionDto(
  row: MethodologyVersionEntity,
  siblings: readonly MethodologyVersionEntity[],
  resolvedParams?: unknown,
): MethodologyVersionDto {
  const { standing, supersededBy } = versionStanding(
    siblings.map(toParameterVersion),
    toParameterVersion(row),
    new Date(),
  );
  return {
    methodologyId: row.methodologyId,
    version: row.version,
    moduleVersion: row.moduleVersion,
    status: row.status,
    effectiveFrom: row.effectiveFrom.toISOString(),
    effectiveTo: row.effectiveTo?.toISOString() ?? null,
    regionScope: row.regionScope,
    source: row.source,
    params: row.params,
    ...(resolvedParams === undefined ? {} : { resolvedParams }),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    standing,
    supersededBy,
  };
}
