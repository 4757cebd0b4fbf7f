import type { Factor } from './common-params.js';

/**
 * A published emission factor, one row of the emission_factors table, keyed by (kind, region, year,
 * edition). A row is immutable; a correction (a wrong citation, a revised value) is the next edition of
 * the same (kind, region, year), and the versions that cited the earlier edition keep it.
 */
export interface EmissionFactor {
  kind: string;
  region: string;
  year: number;
  /** 1 for the first row of a (kind, region, year); a correction is the next number. */
  edition?: number;
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

/** A reference to a factor row; edition 1 is written without a suffix (how references were first stored). */
export const factorRef = (kind: string, region: string, year: number, edition = 1): FactorRef => ({
  $factor: factorKey({ kind, region, year, edition }),
});

const isRef = (value: unknown): value is FactorRef =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as FactorRef).$factor === 'string' &&
  Object.keys(value).length === 1;

/** `kind/region/year` for edition 1, `kind/region/year/e<n>` for a later edition. */
export const factorKey = (f: Pick<EmissionFactor, 'kind' | 'region' | 'year' | 'edition'>) =>
  `${f.kind}/${f.region}/${f.year}${(f.edition ?? 1) > 1 ? `/e${f.edition}` : ''}`;

/**
 * The references in a parameter set to a factor row that a later edition corrects: a new version
 * should cite the correction (published versions keep what they cited).
 */
export function supersededRefsIn(params: unknown, factors: ReadonlyMap<string, EmissionFactor>): string[] {
  return factorRefsIn(params).filter((key) => {
    const cited = factors.get(key);
    if (!cited) return false;
    return [...factors.values()].some(
      (f) =>
        f.kind === cited.kind &&
        f.region === cited.region &&
        f.year === cited.year &&
        (f.edition ?? 1) > (cited.edition ?? 1),
    );
  });
}

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
