import type { z } from 'zod';
import type { Methodology, TimeInterval, TraceStep } from './methodology.js';
import { methodologyRegistry } from './registry.js';
import { selectVersionInForce, type ParameterVersion } from './version-selection.js';

export interface InputIssue {
  field: string;
  problem: string;
  reason?: string;
}

export type Assessment =
  | { kind: 'unknown-methodology'; known: string[] }
  | { kind: 'invalid-input'; issues: InputIssue[] }
  | { kind: 'not-in-force'; occurredAt: Date }
  | {
      kind: 'rejected';
      reason: string;
      message: string;
      details?: Record<string, unknown>;
      version: ParameterVersion;
      occurredAt: Date;
      interval: TimeInterval | null;
    }
  | {
      kind: 'quantified';
      grams: bigint;
      trace: TraceStep[];
      version: ParameterVersion;
      occurredAt: Date;
      interval: TimeInterval | null;
    };

// Published parameter sets never change, so their parsed form can be kept for the life of the process.
const parsedParams = new Map<string, unknown>();

function paramsOf(module: Methodology, version: ParameterVersion): unknown {
  const key = `${version.id}@${module.id}@${module.version}`;
  if (version.status === 'draft') return module.paramsSchema.parse(version.params);
  let params = parsedParams.get(key);
  if (params === undefined) {
    params = module.paramsSchema.parse(version.params);
    parsedParams.set(key, params);
  }
  return params;
}

export function issuesOf(error: z.ZodError, prefix = ''): InputIssue[] {
  return error.issues.map((issue) => {
    const reason = (issue as { params?: { reason?: string } }).params?.reason;
    return {
      field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
      problem: issue.message,
      ...(reason ? { reason } : {}),
    };
  });
}

/**
 * Validates and quantifies one action's data against the parameter version in force for the
 * citizen's district at the time the action happened. Pure: the caller supplies the versions.
 */
export function assessAction(
  versions: readonly ParameterVersion[],
  methodologyId: string,
  data: unknown,
  district: string,
  availableIds?: ReadonlySet<string>,
): Assessment {
  const latest = methodologyRegistry.latest(methodologyId);
  if (!latest || (availableIds && !availableIds.has(methodologyId))) {
    return {
      kind: 'unknown-methodology',
      known: methodologyRegistry.ids().filter((id) => !availableIds || availableIds.has(id)),
    };
  }
  const first = latest.inputSchema.safeParse(data);
  if (!first.success) return { kind: 'invalid-input', issues: issuesOf(first.error, 'data') };

  const occurredAt = latest.occurredAt(first.data);
  const version = selectVersionInForce(versions, methodologyId, district, occurredAt);
  if (!version) return { kind: 'not-in-force', occurredAt };

  // The version in force may have been written for an older module version: validate with that one.
  const module = methodologyRegistry.get(methodologyId, version.moduleVersion);
  if (!module)
    throw new Error(
      `no module ${methodologyId}@${version.moduleVersion} for parameter version ${version.id}`,
    );
  const parsed = module === latest ? first : module.inputSchema.safeParse(data);
  if (!parsed.success) return { kind: 'invalid-input', issues: issuesOf(parsed.error, 'data') };

  const interval = module.interval(parsed.data);
  const result = module.quantify(parsed.data, paramsOf(module, version));
  if (!result.ok)
    return {
      kind: 'rejected',
      reason: result.reason,
      message: result.message,
      details: result.details,
      version,
      occurredAt,
      interval,
    };
  return { kind: 'quantified', grams: result.grams, trace: result.trace, version, occurredAt, interval };
}
