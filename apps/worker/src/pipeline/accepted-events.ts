import type { EntityManager } from 'typeorm';

interface Interval {
  start: number;
  end: number;
}

/**
 * What the citizens of a batch already have credited (or pending review): trip intervals that a new
 * trip must not overlap, and event fingerprints that a new report must not repeat.
 */
export class AcceptedEvents {
  private constructor(
    private readonly intervals: Map<string, Interval[]>,
    private readonly fingerprints: Set<string>,
  ) {}

  static async load(
    manager: EntityManager,
    citizens: string[],
    batch: { interval_start: Date | null; interval_end: Date | null }[],
  ): Promise<AcceptedEvents> {
    const trips = batch.filter((r) => r.interval_start && r.interval_end);
    const intervals = new Map<string, Interval[]>();
    if (trips.length) {
      const from = new Date(Math.min(...trips.map((r) => r.interval_start!.getTime())));
      const to = new Date(Math.max(...trips.map((r) => r.interval_end!.getTime())));
      const rows = await manager.query<{ citizen_id: string; interval_start: Date; interval_end: Date }[]>(
        `SELECT citizen_id, interval_start, interval_end FROM actions
         WHERE citizen_id = ANY($1::uuid[]) AND interval_start IS NOT NULL
           AND interval_start < $3 AND interval_end > $2
           AND status IN ('quantified', 'settled', 'review')`,
        [citizens, from, to],
      );
      for (const row of rows) {
        const list = intervals.get(row.citizen_id) ?? [];
        list.push({ start: row.interval_start.getTime(), end: row.interval_end.getTime() });
        intervals.set(row.citizen_id, list);
      }
    }
    const fingerprintRows = await manager.query<{ citizen_id: string; fingerprint: string }[]>(
      `SELECT citizen_id, fingerprint FROM actions
       WHERE citizen_id = ANY($1::uuid[]) AND fingerprint IS NOT NULL AND status IN ('quantified', 'settled', 'review')`,
      [citizens],
    );
    return new AcceptedEvents(
      intervals,
      new Set(fingerprintRows.map((r) => `${r.citizen_id}|${r.fingerprint}`)),
    );
  }

  /** Records the trip unless it overlaps one already accepted; returns whether it was free. */
  claimInterval(citizen: string, start: Date, end: Date): boolean {
    const own = this.intervals.get(citizen) ?? [];
    const span = { start: start.getTime(), end: end.getTime() };
    if (own.some((other) => other.start < span.end && span.start < other.end)) return false;
    own.push(span);
    this.intervals.set(citizen, own);
    return true;
  }

  /** Records the event unless the citizen already has it; returns whether it was new. */
  claimFingerprint(citizen: string, fingerprint: string): boolean {
    const key = `${citizen}|${fingerprint}`;
    if (this.fingerprints.has(key)) return false;
    this.fingerprints.add(key);
    return true;
  }
}
