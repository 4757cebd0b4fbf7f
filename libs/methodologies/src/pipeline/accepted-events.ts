import { SELF_REPORTED } from '@app/domain';
import { eventIdentity, periodsMeet, type EventIdentity } from '@app/methodologies';
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
  /** The key claims of one event share (see claimSubject); with a fingerprint, always set. */
  subject?: string;
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
  event_subject: string | null;
}

type Candidate = Pick<AcceptedEvent, 'citizenId' | 'start' | 'end' | 'fingerprint' | 'subject'>;

/**
 * What a batch must not repeat: the trips of its citizens that a new trip would overlap, and every
 * accepted report, by any citizen, of the events (devices, receipts, units) the batch reports — a
 * device's metering period is credited once, whoever claims it.
 */
export class AcceptedEvents {
  private readonly tripsByCitizen = new Map<string, AcceptedEvent[]>();
  private readonly bySubject = new Map<string, { event: AcceptedEvent; identity: EventIdentity }[]>();

  static async load(
    manager: EntityManager,
    citizens: string[],
    batch: { interval_start: Date | null; interval_end: Date | null }[],
    subjects: string[],
  ): Promise<AcceptedEvents> {
    const trips = batch.filter((r) => r.interval_start && r.interval_end);
    const from = trips.length ? new Date(Math.min(...trips.map((r) => r.interval_start!.getTime()))) : null;
    const to = trips.length ? new Date(Math.max(...trips.map((r) => r.interval_end!.getTime()))) : null;
    const rows = await manager.query<AcceptedRow[]>(
      `SELECT id, citizen_id, methodology_id, source, grams, occurred_at, interval_start, interval_end, fingerprint, event_subject
       FROM actions
       WHERE status IN ('quantified', 'settled', 'review') AND superseded_by IS NULL
         AND ((citizen_id = ANY($1::uuid[]) AND $2::timestamptz IS NOT NULL AND interval_start < $3 AND interval_end > $2)
              OR event_subject = ANY($4::text[]))`,
      [citizens, from, to, subjects],
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
        subject: row.event_subject ?? undefined,
      });
    }
    return events;
  }

  /** Accepted events the candidate would repeat: its citizen's overlapping trips, or the same event. */
  conflicts(candidate: Candidate): AcceptedEvent[] {
    if (candidate.fingerprint !== undefined && candidate.subject !== undefined) {
      const identity = eventIdentity(candidate.fingerprint);
      return (this.bySubject.get(candidate.subject) ?? [])
        .filter((accepted) => periodsMeet(identity, accepted.identity))
        .map((accepted) => accepted.event);
    }
    if (candidate.start === undefined) return [];
    return (this.tripsByCitizen.get(candidate.citizenId) ?? []).filter(
      (event) => event.start! < candidate.end! && candidate.start! < event.end!,
    );
  }

  add(event: AcceptedEvent): void {
    if (event.fingerprint !== undefined && event.subject !== undefined) {
      const entry = { event, identity: eventIdentity(event.fingerprint) };
      this.bySubject.set(event.subject, [...(this.bySubject.get(event.subject) ?? []), entry]);
    } else if (event.start !== undefined) {
      this.tripsByCitizen.set(event.citizenId, [...(this.tripsByCitizen.get(event.citizenId) ?? []), event]);
    }
  }

  remove(events: AcceptedEvent[]): void {
    const removed = new Set(events.map((e) => e.actionId));
    for (const [citizen, list] of this.tripsByCitizen)
      this.tripsByCitizen.set(
        citizen,
        list.filter((e) => !removed.has(e.actionId)),
      );
    for (const [subject, list] of this.bySubject)
      this.bySubject.set(
        subject,
        list.filter((e) => !removed.has(e.event.actionId)),
      );
  }
}
