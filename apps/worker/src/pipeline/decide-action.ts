import {
  ActionStatus,
  SELF_REPORTED,
  campaignPoints,
  pointsForGrams,
  selectCampaign,
  selectPointsRule,
  type Campaign,
  type PointsRule,
} from '@app/domain';
import {
  applyCaps,
  assessAction,
  localDay,
  type Assessment,
  type AssessmentContext,
} from '@app/methodologies';
import { Logger } from '@nestjs/common';
import { sourceRank, type AcceptedEvents } from './accepted-events.js';
import type { UsageLedger } from './usage-ledger.js';

export interface ReceivedAction {
  id: string;
  citizen_id: string;
  district_code: string;
  methodology_id: string;
  source: string;
  payload: unknown;
  occurred_at: Date;
  interval_start: Date | null;
  interval_end: Date | null;
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
  campaignId: string | null;
  /** Less trusted reports of the same event that this action replaces. */
  supersedes: string[] | null;
  trace: unknown;
}

export const RejectionReason = {
  TripOverlap: 'TRIP_OVERLAP',
  DuplicateEvent: 'DUPLICATE_EVENT',
  SelfReportNotAccepted: 'SELF_REPORT_NOT_ACCEPTED',
  InputInvalid: 'INPUT_INVALID',
  MethodologyNotInForce: 'METHODOLOGY_NOT_IN_FORCE',
  PointsRuleNotInForce: 'POINTS_RULE_NOT_IN_FORCE',
  QuantificationFailed: 'QUANTIFICATION_FAILED',
} as const;

const logger = new Logger('Quantification');

/**
 * One action's fate, in order: the methodology's own checks, the source policy, overlap with an
 * accepted trip, a repeated event, then caps and points. Actions earlier in the batch count.
 */
export function decideAction(
  row: ReceivedAction,
  context: AssessmentContext,
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
    campaignId: null,
    supersedes: null,
    trace,
  });

  let assessment: Assessment;
  try {
    assessment = assessAction(context, row.methodology_id, row.payload, row.district_code);
  } catch (error) {
    logger.error(`quantifying action ${row.id} failed: ${(error as Error).message}`);
    return rejected(RejectionReason.QuantificationFailed);
  }
  switch (assessment.kind) {
    case 'unknown-methodology':
    case 'invalid-input':
      return rejected(RejectionReason.InputInvalid, assessment);
    case 'not-in-force':
      return rejected(RejectionReason.MethodologyNotInForce);
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
  if (selfReported && !selfPolicy.accepted)
    return rejected(RejectionReason.SelfReportNotAccepted, null, versionId);
  // The same real-world event reported before: the more trusted source wins, ties go to the first.
  const candidate = {
    citizenId: row.citizen_id,
    start: assessment.interval?.start.getTime(),
    end: assessment.interval?.end.getTime(),
    fingerprint: assessment.fingerprint ?? undefined,
  };
  const rank = sourceRank(row.source);
  const conflicts = assessment.interval || assessment.fingerprint ? events.conflicts(candidate) : [];
  if (conflicts.some((event) => event.rank >= rank)) {
    return assessment.fingerprint
      ? rejected(RejectionReason.DuplicateEvent, { fingerprint: assessment.fingerprint }, versionId)
      : rejected(RejectionReason.TripOverlap, null, versionId);
  }
  events.remove(conflicts);
  for (const replaced of conflicts) {
    usage.add(
      replaced.citizenId,
      replaced.methodologyId,
      localDay(replaced.occurredAt),
      false,
      -replaced.grams,
    );
  }
  const rule = selectPointsRule(pointsRules, assessment.occurredAt);
  if (!rule) return rejected(RejectionReason.PointsRuleNotInForce, null, versionId);

  const campaign = selectCampaign(campaigns, row.methodology_id, row.district_code, assessment.occurredAt);
  const day = localDay(assessment.occurredAt);
  const capped = applyCaps(
    assessment.grams,
    caps,
    usage.get(row.citizen_id, row.methodology_id, day),
    selfReported ? selfPolicy.perDayCapG : null,
  );
  usage.add(row.citizen_id, row.methodology_id, day, selfReported, capped.credited);
  events.add({
    actionId: row.id,
    methodologyId: row.methodology_id,
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
    campaignId: campaign?.id ?? null,
    supersedes: conflicts.length ? conflicts.map((event) => event.actionId) : null,
    trace,
  };
}
