import type { Factor } from './common-params.js';

/** A published emission factor, one row of the emission_factors table, keyed by (kind, region, year). */
export interface EmissionFactor {
  kind: string;
  region: string;
  year: number;
  value: string;
  unit: string;
  source: string;
}

/**
 * In a stored parameter set, `{ "$factor": "grid/north-china/2023" }` stands where a factor object
 * would, so a new MEE announcement is a new table row and a new parameter version that points at it,
 * never an edit of numbers inside JSON.
 */
export interface FactorRef {
  $factor: string;
}

export const factorRef = (kind: string, region: string, year: number): FactorRef => ({
  $factor: `${kind}/${region}/${year}`,
});

const isRef = (value: unknown): value is FactorRef =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as FactorRef).$factor === 'string' &&
  Object.keys(value).length === 1;

export const factorKey = (f: Pick<EmissionFactor, 'kind' | 'region' | 'year'>) =>
  `${f.kind}/${f.region}/${f.year}`;

export class UnknownFactorError extends Error {
  constructor(readonly key: string) {
    super(`no emission factor ${key}`);
    this.name = 'UnknownFactorError';
  }
}

/** Every factor key a parameter set refers to. */
export function factorRefsIn(params: unknown): string[] {
  if (isRef(params)) return [params.$factor];
  if (Array.isArray(params)) return params.flatMap(factorRefsIn);
  if (typeof params === 'object' && params !== null) return Object.values(params).flatMap(factorRefsIn);
  return [];
}

/** Replaces every factor reference with the factor it names (value, unit, source, vintage = year). */
export function resolveFactorRefs(params: unknown, factors: ReadonlyMap<string, EmissionFactor>): unknown {
  if (isRef(params)) {
    const factor = factors.get(params.$factor);
    if (!factor) throw new UnknownFactorError(params.$factor);
    const resolved: Factor = {
      value: factor.value,
      unit: factor.unit,
      source: factor.source,
      vintage: factor.year,
    };
    return resolved;
  }
  if (Array.isArray(params)) return params.map((item) => resolveFactorRefs(item, factors));
  if (typeof params === 'object' && params !== null) {
    return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, resolveFactorRefs(v, factors)]));
  }
  return params;
}
