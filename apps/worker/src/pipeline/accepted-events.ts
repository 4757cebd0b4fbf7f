import { SELF_REPORTED } from '@app/domain';
import type { EntityManager } from 'typeorm';

/** Partner-verified data outranks what a citizen reports. */
export function sourceRank(source: string): number {
  return source === SELF_REPORTED ? 0 : 1;
}

/** An action already credited (or held for review) that a new report of the same event would repeat. */
export interface AcceptedEvent {
  actionId: string;
  citizenId: string;
  methodologyId: string;
  rank: number;
  grams: bigint;
  occurredAt: Date;
  start?: number;
  end?: number;
  fingerprint?: string;
}

interface AcceptedRow {
  id: string;
  citizen_id: string;
  methodology_id: string;
  source: string;
  grams: string | null;
  occurred_at: Date;
  interval_start: Date | null;
  interval_end: Date | null;
  fingerprint: string | null;
}

/**
 * What the citizens of a batch already have: trips a new trip must not overlap and event
 * fingerprints a new report must not repeat, unless the new report comes from a more trusted source,
 * in which case it supersedes them.
 */
export class AcceptedEvents {
  private readonly byCitizen = new Map<string, AcceptedEvent[]>();

  static async load(
    manager: EntityManager,
    citizens: string[],
    batch: { interval_start: Date | null; interval_end: Date | null }[],
  ): Promise<AcceptedEvents> {
    const trips = batch.filter((r) => r.interval_start && r.interval_end);
    const from = trips.length ? new Date(Math.min(...trips.map((r) => r.interval_start!.getTime()))) : null;
    const to = trips.length ? new Date(Math.max(...trips.map((r) => r.interval_end!.getTime()))) : null;
    const rows = await manager.query<AcceptedRow[]>(
      `SELECT id, citizen_id, methodology_id, source, grams, occurred_at, interval_start, interval_end, fingerprint
       FROM actions
       WHERE citizen_id = ANY($1::uuid[]) AND status IN ('quantified', 'settled', 'review') AND superseded_by IS NULL
         AND (fingerprint IS NOT NULL
              OR ($2::timestamptz IS NOT NULL AND interval_start < $3 AND interval_end > $2))`,
      [citizens, from, to],
    );
    const events = new AcceptedEvents();
    for (const row of rows) {
      events.add({
        actionId: row.id,
        citizenId: row.citizen_id,
        methodologyId: row.methodology_id,
        rank: sourceRank(row.source),
        grams: BigInt(row.grams ?? 0),
        occurredAt: row.occurred_at,
        start: row.interval_start?.getTime(),
        end: row.interval_end?.getTime(),
        fingerprint: row.fingerprint ?? undefined,
      });
    }
    return events;
  }

  /** Accepted events the candidate would repeat: overlapping trips, or the same fingerprint. */
  conflicts(candidate: Pick<AcceptedEvent, 'citizenId' | 'start' | 'end' | 'fingerprint'>): AcceptedEvent[] {
    return (this.byCitizen.get(candidate.citizenId) ?? []).filter((event) =>
      candidate.fingerprint !== undefined
        ? event.fingerprint === candidate.fingerprint
        : candidate.start !== undefined &&
          event.start !== undefined &&
          event.start < candidate.end! &&
          candidate.start < event.end!,
    );
  }

  add(event: AcceptedEvent): void {
    const list = this.byCitizen.get(event.citizenId) ?? [];
    list.push(event);
    this.byCitizen.set(event.citizenId, list);
  }

  remove(events: AcceptedEvent[]): void {
    for (const event of events) {
      const list = this.byCitizen.get(event.citizenId) ?? [];
      this.byCitizen.set(
        event.citizenId,
        list.filter((e) => e.actionId !== event.actionId),
      );
    }
  }
}
