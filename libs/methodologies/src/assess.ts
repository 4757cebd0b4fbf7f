import { isErrorCode, type ErrorCode } from '@app/domain';
import type { z } from 'zod';
import { resolveFactorRefs, type EmissionFactor } from './factor-refs.js';
import type { Methodology, SourcePolicy, TimeInterval, TraceStep } from './methodology.js';
import { methodologyRegistry } from './registry.js';
import { selectVersionInForce, type ParameterVersion } from './version-selection.js';

export interface InputIssue {
  field: string;
  problem: string;
  reason?: ErrorCode;
}

interface Assessed {
  version: ParameterVersion;
  /** The version's caps and self-reported data policy. */
  policy: SourcePolicy;
  occurredAt: Date;
  interval: TimeInterval | null;
  fingerprint: string | null;
  fingerprintScope: 'citizen' | 'everyone';
}

export type Assessment =
  | { kind: 'unknown-methodology'; known: string[] }
  | { kind: 'invalid-input'; issues: InputIssue[] }
  | { kind: 'not-in-force'; occurredAt: Date }
  | ({ kind: 'rejected'; reason: ErrorCode; message: string; details?: Record<string, unknown> } & Assessed)
  | ({ kind: 'quantified'; grams: bigint; trace: TraceStep[] } & Assessed);

export interface AssessmentContext {
  /** Parameter versions to choose from (published and retired; drafts are ignored by selection). */
  versions: readonly ParameterVersion[];
  /** Emission factors by `kind/region/year`, for the references inside parameter sets. */
  factors: ReadonlyMap<string, EmissionFactor>;
  /** Methodology ids present in the database; others are unknown even if code exists. */
  availableIds?: ReadonlySet<string>;
}

// Published parameter sets and factors never change, so their parsed form is kept for the life of the process.
const parsedParams = new Map<string, SourcePolicy>();

/** A version's parameters with factor references resolved, checked against the module's schema. */
export function paramsOf(
  module: Methodology,
  version: ParameterVersion,
  factors: ReadonlyMap<string, EmissionFactor>,
): SourcePolicy {
  const parse = () => module.paramsSchema.parse(resolveFactorRefs(version.params, factors));
  if (version.status === 'draft') return parse();
  const key = `${version.id}@${module.id}@${module.version}`;
  let params = parsedParams.get(key);
  if (params === undefined) {
    params = parse();
    parsedParams.set(key, params);
  }
  return params as SourcePolicy;
}

export function issuesOf(error: z.ZodError, prefix = ''): InputIssue[] {
  return error.issues.map((issue) => {
    const reason = (issue as { params?: { reason?: unknown } }).params?.reason;
    return {
      field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
      problem: issue.message,
      ...(isErrorCode(reason) ? { reason } : {}),
    };
  });
}

/** Quantifies an action's data with one given parameter version (used for dry runs and by assessAction). */
export function assessWithVersion(
  version: ParameterVersion,
  data: unknown,
  factors: ReadonlyMap<string, EmissionFactor>,
): Exclude<Assessment, { kind: 'unknown-methodology' } | { kind: 'not-in-force' }> {
  const module = methodologyRegistry.get(version.methodologyId, version.moduleVersion);
  if (!module)
    throw new Error(
      `no module ${version.methodologyId}@${version.moduleVersion} for parameter version ${version.id}`,
    );
  const parsed = module.inputSchema.safeParse(data);
  if (!parsed.success) return { kind: 'invalid-input', issues: issuesOf(parsed.error, 'data') };
  const params = paramsOf(module, version, factors);
  const assessed: Assessed = {
    version,
    policy: { caps: params.caps, selfReported: params.selfReported },
    occurredAt: module.occurredAt(parsed.data),
    interval: module.interval(parsed.data),
    fingerprint: module.fingerprint(parsed.data),
    fingerprintScope: module.fingerprintScope ?? 'citizen',
  };
  const result = module.quantify(parsed.data, params);
  if (!result.ok)
    return {
      kind: 'rejected',
      reason: result.reason,
      message: result.message,
      details: result.details,
      ...assessed,
    };
  return { kind: 'quantified', grams: result.grams, trace: result.trace, ...assessed };
}

/**
 * Validates and quantifies one action's data against the parameter version in force for the
 * citizen's district at the time the action happened. Pure: the caller supplies versions and factors.
 */
export function assessAction(
  context: AssessmentContext,
  methodologyId: string,
  data: unknown,
  district: string,
): Assessment {
  const { availableIds } = context;
  const latest = methodologyRegistry.latest(methodologyId);
  if (!latest || (availableIds && !availableIds.has(methodologyId))) {
    return {
      kind: 'unknown-methodology',
      known: methodologyRegistry.ids().filter((id) => !availableIds || availableIds.has(id)),
    };
  }
  // The newest module's schema finds when the action happened; the version in force then decides.
  const first = latest.inputSchema.safeParse(data);
  if (!first.success) return { kind: 'invalid-input', issues: issuesOf(first.error, 'data') };
  const occurredAt = latest.occurredAt(first.data);
  const version = selectVersionInForce(context.versions, methodologyId, district, occurredAt);
  if (!version) return { kind: 'not-in-force', occurredAt };
  return assessWithVersion(version, data, context.factors);
}
