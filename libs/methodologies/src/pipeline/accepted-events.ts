import { SELF_REPORTED } from '@app/domain';
import { eventIdentity, periodsMeet, type EventIdentity } from '../event-identity.js';

/** Partner-verified data outranks what a citizen reports. */
export function sourceRank(source: string): number {
  return source === SELF_REPORTED ? 0 : 1;
}

/** An action already credited (or held for review) that a new report of the same event would repeat. */
export interface AcceptedEvent {
  actionId: string;
  /** The citizen, or the organisation the action was done for (see ReceivedAction.holderId). */
  holderId: string;
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

/** An accepted action as stored (actions whose status is quantified, settled or review). */
export interface AcceptedActionRecord {
  id: string;
  holderId: string;
  methodologyId: string;
  source: string;
  grams: bigint;
  occurredAt: Date;
  intervalStart: Date | null;
  intervalEnd: Date | null;
  fingerprint: string | null;
  eventSubject: string | null;
}

/** The span of time a batch's trips cover (null when it has none): the window overlaps are looked for in. */
export function tripWindow(
  batch: readonly { intervalStart: Date | null; intervalEnd: Date | null }[],
): { from: Date; to: Date } | null {
  const trips = batch.filter((r) => r.intervalStart && r.intervalEnd);
  if (!trips.length) return null;
  return {
    from: new Date(Math.min(...trips.map((r) => r.intervalStart!.getTime()))),
    to: new Date(Math.max(...trips.map((r) => r.intervalEnd!.getTime()))),
  };
}

type Candidate = Pick<AcceptedEvent, 'holderId' | 'start' | 'end' | 'fingerprint' | 'subject'>;

/**
 * What a batch must not repeat: the trips of its citizens that a new trip would overlap, and every
 * accepted report, by any citizen, of the events (devices, receipts, units) the batch reports — a
 * device's metering period is credited once, whoever claims it.
 */
export class AcceptedEvents {
  private readonly tripsByHolder = new Map<string, AcceptedEvent[]>();
  private readonly bySubject = new Map<string, { event: AcceptedEvent; identity: EventIdentity }[]>();

  /** The events of accepted actions a batch loaded (see tripWindow for what it must load). */
  static of(rows: readonly AcceptedActionRecord[]): AcceptedEvents {
    const events = new AcceptedEvents();
    for (const row of rows) {
      events.add({
        actionId: row.id,
        holderId: row.holderId,
        methodologyId: row.methodologyId,
        rank: sourceRank(row.source),
        grams: row.grams,
        occurredAt: row.occurredAt,
        start: row.intervalStart?.getTime(),
        end: row.intervalEnd?.getTime(),
        fingerprint: row.fingerprint ?? undefined,
        subject: row.eventSubject ?? undefined,
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
    return (this.tripsByHolder.get(candidate.holderId) ?? []).filter(
      (event) => event.start! < candidate.end! && candidate.start! < event.end!,
    );
  }

  add(event: AcceptedEvent): void {
    if (event.fingerprint !== undefined && event.subject !== undefined) {
      const entry = { event, identity: eventIdentity(event.fingerprint) };
      this.bySubject.set(event.subject, [...(this.bySubject.get(event.subject) ?? []), entry]);
    } else if (event.start !== undefined) {
      this.tripsByHolder.set(event.holderId, [...(this.tripsByHolder.get(event.holderId) ?? []), event]);
    }
  }

  remove(events: AcceptedEvent[]): void {
    const removed = new Set(events.map((e) => e.actionId));
    for (const [holder, list] of this.tripsByHolder)
      this.tripsByHolder.set(
        holder,
        list.filter((e) => !removed.has(e.actionId)),
      );
    for (const [subject, list] of this.bySubject)
      this.bySubject.set(
        subject,
        list.filter((e) => !removed.has(e.event.actionId)),
      );
  }
}
