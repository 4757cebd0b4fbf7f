import { cstDate } from '@app/domain';
import type { Caps } from './common-params.js';

export interface CapUsage {
  /** Grams already credited (or held for review) to this citizen for this methodology on the action's local day. */
  day: bigint;
  /** …in the action's local month. */
  month: bigint;
  /** …on that day from self-reported actions only. */
  selfDay: bigint;
}

/**
 * The usage a cap on a period was computed from, kept in the capped action's trace so the cut can be
 * redone by hand: credited = min(requested, limitGrams − creditedGrams).
 */
export interface CapUsageRecord {
  cap: CapName;
  /** The CST day (YYYY-MM-DD) or month (YYYY-MM). */
  period: string;
  /** The period as instants, from ≤ occurredAt < to. */
  from: string;
  to: string;
  limitGrams: string;
  /** Grams already credited or held for review in the period before this action. */
  creditedGrams: string;
  /** The actions those grams came from. */
  actionIds: string[];
}

export type CapName = 'perAction' | 'perDay' | 'perMonth' | 'selfReportedPerDay';

export interface CapOutcome {
  requested: bigint;
  credited: bigint;
  /** The cap that cut the action down, if any. */
  capApplied: CapName | null;
}

const remaining = (cap: number | null, used: bigint): bigint | null =>
  cap === null ? null : BigInt(cap) > used ? BigInt(cap) - used : 0n;

/**
 * Caps apply to grams before conversion to points. The part above a cap is not credited but is
 * recorded: the action keeps requested and credited grams and the name of the binding cap.
 */
export function applyCaps(
  requested: bigint,
  caps: Caps,
  usage: CapUsage,
  selfReportedPerDay: number | null,
): CapOutcome {
  const limits: [CapName, bigint | null][] = [
    ['perAction', caps.perActionG === null ? null : BigInt(caps.perActionG)],
    ['perDay', remaining(caps.perDayG, usage.day)],
    ['perMonth', remaining(caps.perMonthG, usage.month)],
    ['selfReportedPerDay', remaining(selfReportedPerDay, usage.selfDay)],
  ];
  let credited = requested;
  let capApplied: CapName | null = null;
  for (const [name, limit] of limits) {
    if (limit !== null && limit < credited) {
      credited = limit;
      capApplied = name;
    }
  }
  return { requested, credited, capApplied };
}

/** The configured limit of a cap, in grams (null = no such cap). */
export function capLimit(name: CapName, caps: Caps, selfReportedPerDay: number | null): number | null {
  switch (name) {
    case 'perAction':
      return caps.perActionG;
    case 'perDay':
      return caps.perDayG;
    case 'perMonth':
      return caps.perMonthG;
    case 'selfReportedPerDay':
      return selfReportedPerDay;
  }
}

/** The calendar day (YYYY-MM-DD) in China Standard Time (UTC+8, no daylight saving). */
export const localDay = cstDate;
