/**
 * What a reviewer needs at a glance, read from an action's payload and the parameters of the version
 * that quantified it: the inputs that drive the number, the period it covers, and an outlier flag.
 *
 * The outlier rule uses each methodology's own plausibility bound (the largest value its eligibility
 * accepts): a claim at or above OUTLIER_SHARE of that bound is flagged. The bound is what the bureau
 * published as the most that is believable, so a claim near it is the one most worth a second look.
 */
export const OUTLIER_SHARE = 0.8;

type Json = Record<string, unknown>;

/** The payload fields that carry a claim's size, in the order a reviewer reads them. */
export const KEY_INPUT_FIELDS = [
  'mode',
  'distanceM',
  'detourM',
  'occupants',
  'steps',
  'weightG',
  'meteredKWh',
  'greenCertifiedKWh',
  'installedKW',
  'consumedKWh',
  'coolingCapacityW',
  'labelledAnnualKWh',
] as const;

export interface KeyInput {
  name: (typeof KEY_INPUT_FIELDS)[number];
  value: string;
}

export interface Outlier {
  /** The input compared (a KEY_INPUT_FIELDS name). */
  field: string;
  value: string;
  /** The methodology's bound for it under this version's parameters. */
  limit: string;
  /** value ÷ limit, 0..1 (rounded to 3 places). */
  share: number;
  /** The parameter(s) the bound comes from, e.g. eligibility.maxDistanceM. */
  bound: string;
}

export function keyInputs(data: unknown): KeyInput[] {
  const payload = (data ?? {}) as Json;
  return KEY_INPUT_FIELDS.filter((name) => payload[name] !== undefined && payload[name] !== null).map(
    (name) => ({ name, value: String(payload[name]) }),
  );
}

const num = (value: unknown): number => Number(value);
const eligibility = (params: unknown): Json => ((params ?? {}) as { eligibility?: Json }).eligibility ?? {};

/** Days a metering period covers, both ends included (YYYY-MM-DD dates). */
function periodDays(payload: Json): number {
  const start = Date.parse(`${String(payload.periodStart)}T00:00:00Z`);
  const end = Date.parse(`${String(payload.periodEnd)}T00:00:00Z`);
  return Number.isFinite(start) && Number.isFinite(end) ? Math.round((end - start) / 86_400_000) + 1 : NaN;
}

/** Each methodology's plausibility bound: [field, value, limit, where the limit comes from]. */
function bounds(methodology: string, payload: Json, params: unknown): [string, number, number, string][] {
  const e = eligibility(params);
  switch (methodology) {
    case 'cycling':
    case 'bus':
    case 'metro':
    case 'carpool':
      return [['distanceM', num(payload.distanceM), num(e.maxDistanceM), 'eligibility.maxDistanceM']];
    case 'walking':
      return [
        ['steps', num(payload.steps), num(e.maxCountedStepsPerDay), 'eligibility.maxCountedStepsPerDay'],
      ];
    case 'clothes-recycling':
      return [['weightG', num(payload.weightG), num(e.maxWeightG), 'eligibility.maxWeightG']];
    case 'rooftop-pv':
      return [
        [
          'meteredKWh',
          num(payload.meteredKWh),
          num(payload.installedKW) * periodDays(payload) * num(e.maxPeakSunHoursPerDay),
          'installedKW × days × eligibility.maxPeakSunHoursPerDay',
        ],
        ['installedKW', num(payload.installedKW), num(e.maxInstalledKW), 'eligibility.maxInstalledKW'],
      ];
    case 'heat-pump':
      return [
        [
          'consumedKWh',
          num(payload.consumedKWh),
          num(e.maxKW) * 24 * periodDays(payload),
          'eligibility.maxKW × 24 h × days',
        ],
      ];
    case 'efficient-ac': {
      // Module 1 keeps its baseline in capacity bands, module 2 in GB 21455's grade-3 APF rows: both
      // end at the largest capacity the methodology covers.
      const baseline = (
        params as {
          baseline?: { bands?: { maxCapacityW: number }[]; grade3Apf?: { maxCapacityW: number }[] };
        }
      )?.baseline;
      const rows = baseline?.bands ? 'bands' : 'grade3Apf';
      const tops = (baseline?.[rows] ?? []).map((row) => row.maxCapacityW);
      return [
        [
          'coolingCapacityW',
          num(payload.coolingCapacityW),
          Math.max(...tops),
          `baseline.${rows}[last].maxCapacityW`,
        ],
      ];
    }
    default:
      return [];
  }
}

/** The input closest to (or past) its bound, when it is at or above OUTLIER_SHARE of it; otherwise null. */
export function outlierOf(methodology: string, data: unknown, params: unknown): Outlier | null {
  const candidates = bounds(methodology, (data ?? {}) as Json, params)
    .filter(([, value, limit]) => Number.isFinite(value) && Number.isFinite(limit) && limit > 0)
    .map(([field, value, limit, bound]) => ({
      field,
      value: String(value),
      limit: String(Math.round(limit * 1000) / 1000),
      ratio: value / limit,
      bound,
    }))
    .sort((a, b) => b.ratio - a.ratio);
  const top = candidates[0];
  if (!top || top.ratio < OUTLIER_SHARE) return null;
  const { ratio, ...outlier } = top;
  return { ...outlier, share: Math.round(ratio * 1000) / 1000 };
}

/** The period a claim covers: a trip's start and end, a metering period, an AC's credit year, a day. */
export function claimPeriod(
  data: unknown,
  interval: { start: Date | null; end: Date | null },
): { start: string; end: string } | null {
  if (interval.start && interval.end)
    return { start: interval.start.toISOString(), end: interval.end.toISOString() };
  const payload = (data ?? {}) as Json;
  if (typeof payload.periodStart === 'string' && typeof payload.periodEnd === 'string')
    return { start: payload.periodStart, end: payload.periodEnd };
  if (typeof payload.creditYear === 'number')
    return { start: `${payload.creditYear}-01-01`, end: `${payload.creditYear}-12-31` };
  if (typeof payload.date === 'string') return { start: payload.date, end: payload.date };
  return null;
}
