/**
 * A fingerprint names one real-world event whatever source or citizen reports it: a receipt, a unit's
 * credit year, or a device over a metering period. The period form is `<kind>/<device>/<from>/<to>`
 * (calendar dates, inclusive): its subject is the device, and two periods of one device that share a
 * day would credit the same kWh twice, so they are one event as much as equal fingerprints are.
 */
export interface EventIdentity {
  /** What is credited at most once per period: a device, a receipt, a unit and year. */
  subject: string;
  /** Inclusive calendar dates, for metered devices. */
  period?: { from: string; to: string };
}

const PERIOD_SUFFIX = /^(.*)\/(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/;

export function periodFingerprint(kind: string, device: string, from: string, to: string): string {
  return `${kind}/${device}/${from}/${to}`;
}

export function eventIdentity(fingerprint: string): EventIdentity {
  const match = PERIOD_SUFFIX.exec(fingerprint);
  return match ? { subject: match[1], period: { from: match[2], to: match[3] } } : { subject: fingerprint };
}

/** Two claims of one subject are one event unless both are metering periods with no day in common. */
export function periodsMeet(a: EventIdentity, b: EventIdentity): boolean {
  if (!a.period || !b.period) return true;
  return a.period.from <= b.period.to && b.period.from <= a.period.to;
}

/**
 * The key claims are matched on: the bare subject where anyone's claim counts, or the subject within
 * the citizen's own claims (`<citizen id>:<subject>`), so one citizen's day of steps is not another's.
 */
export function claimSubject(fingerprint: string, scope: 'citizen' | 'everyone', citizenId: string): string {
  const { subject } = eventIdentity(fingerprint);
  return scope === 'everyone' ? subject : `${citizenId}:${subject}`;
}
