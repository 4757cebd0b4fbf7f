import type { StandbyPosition } from './replica-lag.repository.js';

/** Why a read that could have gone to the standby went to the primary. */
export type ReadFallback =
  | 'lagging'
  | 'unavailable'
  | 'not-a-standby'
  | 'recovery-conflict'
  /** The standby did not have the object asked for (yet): absence is only believed from the primary. */
  | 'not-yet-replicated';

/** One measurement of the standby, taken at `at` (this process's clock, ms since the epoch). */
export type ReplicaProbe =
  | { at: number; state: 'measured'; asOfMs: number | null }
  | { at: number; state: 'unavailable' | 'not-a-standby' };

/** Where a read goes, and what the answer may then be missing. */
export type ReadDecision =
  | { source: 'replica'; asOfMs: number; lagMs: number }
  | { source: 'primary'; fallback?: ReadFallback; lagMs: number | null };

/**
 * The instant (this process's clock) before which everything committed on the primary is on the
 * standby. Caught up with the primary position read when the probe started: the probe's start.
 * Behind: the commit time of the last transaction it replayed, aged by the standby's own clock
 * (conservative: an idle primary makes the bound older than the data really is, never newer).
 * Null when the standby is behind and has replayed nothing since it started: no bound is known.
 */
export function asOfFromPosition(position: StandbyPosition, probeStartedAt: number): number | null {
  if (position.caughtUp) return probeStartedAt;
  if (!position.replayedAt) return null;
  const lagAtAnswer = Math.max(0, position.now.getTime() - position.replayedAt.getTime());
  return probeStartedAt - lagAtAnswer;
}

/** Whether a probe is still good to decide with at `now`, or a new one must be taken. */
export function probeIsCurrent(probe: ReplicaProbe, now: number, checkIntervalMs: number, maxLagMs: number) {
  if (now - probe.at >= checkIntervalMs) return false;
  // A standby that was fresh when measured is measured again rather than declared late by ageing alone.
  if (probe.state === 'measured' && probe.asOfMs !== null && probe.at - probe.asOfMs <= maxLagMs)
    return now - probe.asOfMs <= maxLagMs;
  return true;
}

export function decide(probe: ReplicaProbe, now: number, maxLagMs: number): ReadDecision {
  if (probe.state !== 'measured') return { source: 'primary', fallback: probe.state, lagMs: null };
  if (probe.asOfMs === null) return { source: 'primary', fallback: 'lagging', lagMs: null };
  const lagMs = Math.max(0, now - probe.asOfMs);
  if (lagMs > maxLagMs) return { source: 'primary', fallback: 'lagging', lagMs };
  return { source: 'replica', asOfMs: probe.asOfMs, lagMs };
}

// Node's socket errors and PostgreSQL's class 08 (connection exception) and 57P (operator intervention).
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i;

/**
 * How a read on the standby failed, when the primary can answer it instead: the standby went away,
 * or it cancelled the query to replay WAL (a recovery conflict, SQLSTATE 40001 on a standby).
 * Anything else (a bug, bad input) is not the standby's fault and is not retried.
 */
export function replicaFailure(error: unknown): 'unavailable' | 'recovery-conflict' | undefined {
  const e = error as {
    code?: unknown;
    message?: unknown;
    driverError?: { code?: unknown; message?: unknown };
  };
  const code = e?.driverError?.code ?? e?.code;
  if (code === '40001') return 'recovery-conflict';
  if (
    typeof code === 'string' &&
    (UNAVAILABLE_CODES.has(code) || code.startsWith('08') || code.startsWith('57P'))
  )
    return 'unavailable';
  const message = String(e?.driverError?.message ?? e?.message ?? '');
  return UNAVAILABLE_MESSAGE.test(message) ? 'unavailable' : undefined;
}
