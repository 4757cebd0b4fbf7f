import type { ErrorCode } from '@app/domain';
import type { z } from 'zod';
import type { Caps } from './common-params.js';

/** One line of a calculation's trace: enough, together, to redo the number by hand. */
export interface TraceStep {
  step: string;
  value: string;
  unit?: string;
  source?: string;
  note?: string;
}

export type QuantifyResult =
  | { ok: true; grams: bigint; trace: TraceStep[] }
  | { ok: false; reason: ErrorCode; message: string; details?: Record<string, unknown> };

export interface TimeInterval {
  start: Date;
  end: Date;
}

/**
 * A methodology module: pure code (no I/O, no clock), versioned. The numbers it uses come from a
 * parameter set stored in the database; a parameter set names the module version it was written for.
 */
/** What every parameter set carries besides its numbers: caps and how self-reported data is treated. */
export interface SourcePolicy {
  caps: Caps;
  selfReported: { accepted: boolean; review: boolean; perDayCapG: number | null };
}

export interface Methodology<Input = unknown, Params extends SourcePolicy = SourcePolicy> {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly inputSchema: z.ZodType<Input>;
  readonly paramsSchema: z.ZodType<Params>;
  /** The instant that selects the parameter version in force. */
  occurredAt(input: Input): Date;
  /** For trips: the span that must not overlap another trip of the same citizen. */
  interval(input: Input): TimeInterval | null;
  /**
   * For non-trips: what identifies the real-world event whatever source reports it (a meter serial
   * and period, a receipt number, a unit serial and year), so it is credited once per citizen. Trips
   * return null: two reports of one trip overlap in time, and the overlap rule catches them.
   */
  fingerprint(input: Input): string | null;
  /**
   * Whose accepted reports a fingerprint is checked against: the citizen's own (a day's steps, a
   * receipt), or everyone's, where the event belongs to a device that one person at most may claim
   * (a PV meter's period, a heat pump's period, an air conditioner's credit year). Default: citizen.
   */
  readonly fingerprintScope?: 'citizen' | 'everyone';
  quantify(input: Input, params: Params): QuantifyResult;
}

export const reject = (
  reason: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): QuantifyResult => ({
  ok: false,
  reason,
  message,
  details,
});

/** A refinement's custom issue names its reason in params; assess.ts carries it into InputIssue.reason. */
export const reasonParams = (reason: ErrorCode): { reason: ErrorCode } => ({ reason });
