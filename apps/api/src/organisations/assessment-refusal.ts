import { ErrorCode } from '@app/domain';
import type { assessAction } from '@app/methodologies';

type Assessment = ReturnType<typeof assessAction>;
export type Quantified = Extract<Assessment, { kind: 'quantified' }>;

export interface Refusal {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

// Devices' clocks drift; an action may end at most this far in the future.
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Why the methodology's own checks refuse an organisation's action (the same checks a citizen's
 * submission or a partner's push gets), or undefined when they accept it.
 */
export function refusalOf(
  assessment: Assessment,
  methodology: string,
  districtCode: string,
): Refusal | undefined {
  switch (assessment.kind) {
    case 'unknown-methodology':
      return { code: ErrorCode.MethodologyUnknown, message: `unknown methodology ${methodology}` };
    case 'invalid-input':
      return {
        code: ErrorCode.ValidationFailed,
        message: assessment.issues.map((i) => `${i.field}: ${i.problem}`).join('; '),
        details: { fields: assessment.issues },
      };
    case 'not-in-force':
      return {
        code: ErrorCode.MethodologyNotInForce,
        message: `no ${methodology} version is in force for district ${districtCode}`,
      };
    case 'rejected':
      return {
        code: assessment.reason as ErrorCode,
        message: assessment.message,
        details: { ...assessment.details, methodologyVersion: assessment.version.version },
      };
  }
  const latest = assessment.interval?.end ?? assessment.occurredAt;
  if (latest.getTime() > Date.now() + CLOCK_SKEW_MS) {
    return {
      code: ErrorCode.ActionInFuture,
      message: 'the action ends in the future',
      details: { endsAt: latest.toISOString() },
    };
  }
  return undefined;
}
