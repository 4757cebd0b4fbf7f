import { cstDayBounds, cstMonthBounds, type InstantRange } from '@app/domain';
import { localDay, type CapName, type CapUsage, type CapUsageRecord } from '../caps.js';

/**
 * Grams credited or held for review to a holder (a citizen, or the organisation an action is done
 * for) for a methodology on a CST day, by source kind.
 */
export interface UsageRecord {
  holderId: string;
  methodologyId: string;
  /** The CST day, YYYY-MM-DD. */
  day: string;
  self: boolean;
  grams: bigint;
  actionIds: string[];
}

/** A holder's day, self-reported day or month of one methodology. */
type TallyKind = 'day' | 'self' | 'month';

/** Grams credited in one period and the actions they came from. */
class Tally {
  grams = 0n;
  readonly ids = new Set<string>();

  add(grams: bigint, ids: readonly string[]): void {
    this.grams += grams;
    for (const id of ids)
      if (grams < 0n) this.ids.delete(id);
      else this.ids.add(id);
  }
}

/**
 * Grams already credited or held for review, per holder, methodology and local day, for the months
 * a batch touches, with the actions that make them up. The batch adds to it as it credits, so later
 * actions in the same batch see the earlier ones.
 */
export class UsageLedger {
  private readonly tallies = new Map<string, Tally>();

  /**
   * The CST months a batch's actions fall in, as one range of instants: usage must be loaded for
   * `from ≤ occurredAt < to` (month bounds computed in China time, not dates cast in the session's zone).
   */
  static months(instants: readonly Date[]): InstantRange | null {
    if (!instants.length) return null;
    const first = localDay(new Date(Math.min(...instants.map((d) => d.getTime())))).slice(0, 7);
    const last = localDay(new Date(Math.max(...instants.map((d) => d.getTime())))).slice(0, 7);
    return { from: cstMonthBounds(first).from, to: cstMonthBounds(last).to };
  }

  static of(records: readonly UsageRecord[]): UsageLedger {
    const usage = new UsageLedger();
    for (const r of records) usage.add(r.holderId, r.methodologyId, r.day, r.self, r.grams, r.actionIds);
    return usage;
  }

  get(holder: string, methodology: string, day: string): CapUsage {
    return {
      day: this.tally('day', holder, methodology, day).grams,
      selfDay: this.tally('self', holder, methodology, day).grams,
      month: this.tally('month', holder, methodology, day.slice(0, 7)).grams,
    };
  }

  /** What a cap on usage was computed from: its period, the grams already credited and by which actions. */
  record(
    holder: string,
    methodology: string,
    day: string,
    cap: CapName,
    limit: number,
  ): CapUsageRecord | null {
    const month = day.slice(0, 7);
    const of = (kind: TallyKind, period: string, bounds: InstantRange): CapUsageRecord => {
      const tally = this.tally(kind, holder, methodology, period);
      return {
        cap,
        period,
        from: bounds.from.toISOString(),
        to: bounds.to.toISOString(),
        limitGrams: String(limit),
        creditedGrams: tally.grams.toString(),
        actionIds: [...tally.ids],
      };
    };
    switch (cap) {
      case 'perDay':
        return of('day', day, cstDayBounds(day));
      case 'selfReportedPerDay':
        return of('self', day, cstDayBounds(day));
      case 'perMonth':
        return of('month', month, cstMonthBounds(month));
      default:
        return null;
    }
  }

  /** Counts grams on a day (negative takes a replaced action back out). */
  add(
    holder: string,
    methodology: string,
    day: string,
    self: boolean,
    grams: bigint,
    actionIds: readonly string[],
  ): void {
    const ids = grams === 0n ? [] : actionIds;
    this.tally('day', holder, methodology, day).add(grams, ids);
    if (self) this.tally('self', holder, methodology, day).add(grams, ids);
    this.tally('month', holder, methodology, day.slice(0, 7)).add(grams, ids);
  }

  private tally(kind: TallyKind, holder: string, methodology: string, period: string): Tally {
    const key = `${kind}|${holder}|${methodology}|${period}`;
    let tally = this.tallies.get(key);
    if (!tally) this.tallies.set(key, (tally = new Tally()));
    return tally;
  }
}
