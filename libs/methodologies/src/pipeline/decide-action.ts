import {
  ActionStatus,
  ErrorCode,
  SELF_REPORTED,
  campaignPoints,
  pointsForGrams,
  selectCampaign,
  selectPointsRule,
  type Campaign,
  type PointsRule,
} from '@app/domain';
import { assessAction, type Assessment, type AssessmentContext } from '../assess.js';
import { applyCaps, capLimit, localDay } from '../caps.js';
import { claimSubject } from '../event-identity.js';
import { sourceRank, type AcceptedEvents } from './accepted-events.js';
import type { UsageLedger } from './usage-ledger.js';

/** An action waiting to be quantified, as the worker claimed it. */
export interface ReceivedAction {
  id: string;
  /**
   * Whose caps, trips and claims the action counts against: the citizen, or the organisation it is
   * done for (issue 15) — never the member who submitted it, so an organisation's actions neither use
   * up a member's personal caps nor escape the organisation's own.
   */
  holderId: string;
  districtCode: string;
  methodologyId: string;
  source: string;
  payload: unknown;
  occurredAt: Date;
  intervalStart: Date | null;
  intervalEnd: Date | null;
  /** Earlier reports this one replaces whatever their source's rank (a WeRun day sent again). */
  replaces: string[] | null;
}

export interface ActionOutcome {
  id: string;
  status: ActionStatus;
  reason: string | null;
  versionId: string | null;
  requested: string | null;
  grams: string | null;
  points: string | null;
  cap: string | null;
  rule: number | null;
  fingerprint: string | null;
  /** The claim key stored with the fingerprint (claimSubject). */
  subject: string | null;
  campaignId: string | null;
  /** Less trusted reports of the same event that this action replaces. */
  supersedes: string[] | null;
  trace: unknown;
}

/** A received action as its methodology judged it, and the key its claim is matched on (if any). */
export interface AssessedAction {
  /** Undefined when quantifying it threw (logged). */
  assessment: Assessment | undefined;
  /** claimSubject of its fingerprint: what the batch locks and looks up before deciding. */
  subject: string | undefined;
  /** Why quantifying it threw, for the log (the action is rejected as QUANTIFICATION_FAILED). */
  failure?: string;
}

export function assessReceived(row: ReceivedAction, context: AssessmentContext): AssessedAction {
  let assessment: Assessment;
  try {
    assessment = assessAction(context, row.methodologyId, row.payload, row.districtCode);
  } catch (error) {
    return { assessment: undefined, subject: undefined, failure: (error as Error).message };
  }
  const subject =
    'fingerprint' in assessment && assessment.fingerprint
      ? claimSubject(assessment.fingerprint, assessment.fingerprintScope, row.holderId)
      : undefined;
  return { assessment, subject };
}

/**
 * One action's fate, in order: the methodology's own checks, the source policy, a repeat of an
 * accepted event (an overlapping trip of the citizen, or the same device period, receipt or unit year
 * of anyone), then caps and points. Actions earlier in the batch count.
 */
export function decideAction(
  row: ReceivedAction,
  { assessment, subject }: AssessedAction,
  pointsRules: readonly PointsRule[],
  campaigns: readonly Campaign[],
  events: AcceptedEvents,
  usage: UsageLedger,
): ActionOutcome {
  const rejected = (
    reason: string,
    trace: unknown = null,
    versionId: string | null = null,
  ): ActionOutcome => ({
    id: row.id,
    status: ActionStatus.Rejected,
    reason,
    versionId,
    requested: null,
    grams: null,
    points: null,
    cap: null,
    rule: null,
    fingerprint: null,
    subject: null,
    campaignId: null,
    supersedes: null,
    trace,
  });

  if (!assessment) return rejected(ErrorCode.QuantificationFailed);
  switch (assessment.kind) {
    case 'unknown-methodology':
    case 'invalid-input':
      return rejected(ErrorCode.InputInvalid, assessment);
    case 'not-in-force':
      return rejected(ErrorCode.MethodologyNotInForce);
    case 'rejected':
      return rejected(
        assessment.reason,
        { message: assessment.message, details: assessment.details },
        assessment.version.id,
      );
  }

  const versionId = assessment.version.id;
  const selfReported = row.source === SELF_REPORTED;
  const { caps, selfReported: selfPolicy } = assessment.policy;
  if (selfReported && !selfPolicy.accepted) return rejected(ErrorCode.SelfReportNotAccepted, null, versionId);
  // The same real-world event reported before: the more trusted source wins, ties go to the first,
  // unless this report names the earlier one as what it replaces (a corrected count of the same day).
  const candidate = {
    holderId: row.holderId,
    start: assessment.interval?.start.getTime(),
    end: assessment.interval?.end.getTime(),
    fingerprint: assessment.fingerprint ?? undefined,
    subject,
  };
  const rank = sourceRank(row.source);
  const conflicts = events.conflicts(candidate);
  const fingerprint = assessment.fingerprint;
  // Another holder's credit is never taken back here: the first claim stands, and staff decide.
  if (conflicts.some((event) => event.holderId !== row.holderId))
    return rejected(ErrorCode.EventClaimed, { fingerprint }, versionId);
  const replaces = new Set(row.replaces ?? []);
  const repeated = conflicts.filter((event) => event.rank >= rank && !replaces.has(event.actionId));
  if (repeated.length) {
    if (!fingerprint) return rejected(ErrorCode.TripOverlap, null, versionId);
    return repeated.some((event) => event.fingerprint === fingerprint)
      ? rejected(ErrorCode.DuplicateEvent, { fingerprint }, versionId)
      : rejected(
          ErrorCode.PeriodOverlap,
          { fingerprint, overlaps: repeated.map((event) => event.fingerprint) },
          versionId,
        );
  }
  events.remove(conflicts);
  for (const replaced of conflicts) {
    usage.add(
      replaced.holderId,
      replaced.methodologyId,
      localDay(replaced.occurredAt),
      false,
      -replaced.grams,
      [replaced.actionId],
    );
  }
  const rule = selectPointsRule(pointsRules, assessment.occurredAt);
  if (!rule) return rejected(ErrorCode.PointsRuleNotInForce, null, versionId);

  const campaign = selectCampaign(campaigns, row.methodologyId, row.districtCode, assessment.occurredAt);
  const day = localDay(assessment.occurredAt);
  const selfCap = selfReported ? selfPolicy.perDayCapG : null;
  const capped = applyCaps(assessment.grams, caps, usage.get(row.holderId, row.methodologyId, day), selfCap);
  const capUsage = capped.capApplied
    ? usage.record(
        row.holderId,
        row.methodologyId,
        day,
        capped.capApplied,
        capLimit(capped.capApplied, caps, selfCap) ?? 0,
      )
    : null;
  usage.add(row.holderId, row.methodologyId, day, selfReported, capped.credited, [row.id]);
  events.add({
    actionId: row.id,
    methodologyId: row.methodologyId,
    rank,
    grams: capped.credited,
    occurredAt: assessment.occurredAt,
    ...candidate,
  });

  const trace = capped.capApplied
    ? [
        ...assessment.trace,
        {
          step: `cap.${capped.capApplied}`,
          value: capped.credited.toString(),
          unit: 'gCO2e',
          note: `requested ${capped.requested} g`,
          ...(capUsage ? { usage: capUsage } : {}),
        },
      ]
    : assessment.trace;
  return {
    id: row.id,
    status: selfReported && selfPolicy.review ? ActionStatus.Review : ActionStatus.Quantified,
    reason: null,
    versionId,
    requested: capped.requested.toString(),
    grams: capped.credited.toString(),
    points: campaignPoints(pointsForGrams(capped.credited, rule), campaign).toString(),
    cap: capped.capApplied,
    rule: rule.version,
    fingerprint: assessment.fingerprint,
    subject: subject ?? null,
    campaignId: campaign?.id ?? null,
    supersedes: conflicts.length ? conflicts.map((event) => event.actionId) : null,
    trace,
  };
}
