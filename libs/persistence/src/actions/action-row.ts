import type { ActionStatus, ErrorCode } from '@app/domain';

/**
 * The `actions` table, named once. Every repository that reads or writes an action's columns takes
 * the names from here, so renaming or retyping a column is this file (and its migration); the
 * compiler then points at every query that used a field the change removed.
 */
export const ActionColumn = {
  id: 'id',
  citizenId: 'citizen_id',
  organisationId: 'organisation_id',
  submittedBy: 'submitted_by',
  districtCode: 'district_code',
  methodologyId: 'methodology_id',
  source: 'source',
  idempotencyScope: 'idempotency_scope',
  idempotencyKey: 'idempotency_key',
  requestHash: 'request_hash',
  partnerEventId: 'partner_event_id',
  payload: 'payload',
  evidence: 'evidence',
  occurredAt: 'occurred_at',
  intervalStart: 'interval_start',
  intervalEnd: 'interval_end',
  status: 'status',
  reasonCode: 'reason_code',
  methodologyVersionId: 'methodology_version_id',
  requestedGrams: 'requested_grams',
  grams: 'grams',
  capApplied: 'cap_applied',
  points: 'points',
  pointsRuleVersion: 'points_rule_version',
  fingerprint: 'fingerprint',
  eventSubject: 'event_subject',
  supersedes: 'supersedes',
  supersededBy: 'superseded_by',
  replaces: 'replaces',
  campaignId: 'campaign_id',
  trace: 'trace',
  postingId: 'posting_id',
  reviewDecision: 'review_decision',
  reviewNote: 'review_note',
  reviewedBy: 'reviewed_by',
  reviewedAt: 'reviewed_at',
  receivedAt: 'received_at',
  quantifiedAt: 'quantified_at',
  settledAt: 'settled_at',
  updatedAt: 'updated_at',
} as const;

export type ActionField = keyof typeof ActionColumn;

/**
 * What every arriving action is written with after its subject (the citizen; or the organisation and
 * the member who submitted it), in the order the intake statements bind their values.
 */
export const ARRIVING_FIELDS = [
  'districtCode',
  'methodologyId',
  'source',
  'idempotencyScope',
  'idempotencyKey',
  'requestHash',
  'payload',
  'evidence',
  'occurredAt',
  'intervalStart',
  'intervalEnd',
] as const satisfies readonly ActionField[];

/** Why an action was rejected: always a member of the one ErrorCode union. */
export type ActionReason = ErrorCode;

/** What an admin decided about an action held for review. */
export type ActionReviewDecision = 'approved' | 'rejected';

/**
 * One row of `actions` by field, as node-postgres returns it: bigints as decimal strings (callers
 * that compute turn them into bigint), timestamps as Dates, uuid[] as string arrays.
 */
export interface ActionRecord {
  id: string;
  /** Null for an organisation's action (the actions_one_subject check: exactly one subject). */
  citizenId: string | null;
  organisationId: string | null;
  /** The member who submitted an organisation's action; null for a citizen's or a partner's push. */
  submittedBy: string | null;
  districtCode: string;
  methodologyId: string;
  source: string;
  idempotencyScope: string;
  idempotencyKey: string;
  requestHash: string;
  partnerEventId: string | null;
  payload: unknown;
  evidence: unknown;
  occurredAt: Date;
  intervalStart: Date | null;
  intervalEnd: Date | null;
  status: ActionStatus;
  reasonCode: ActionReason | null;
  methodologyVersionId: string | null;
  requestedGrams: string | null;
  grams: string | null;
  capApplied: string | null;
  points: string | null;
  pointsRuleVersion: number | null;
  fingerprint: string | null;
  eventSubject: string | null;
  supersedes: string[] | null;
  supersededBy: string | null;
  replaces: string[] | null;
  campaignId: string | null;
  trace: unknown;
  postingId: string | null;
  reviewDecision: ActionReviewDecision | null;
  reviewNote: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  receivedAt: Date;
  quantifiedAt: Date | null;
  settledAt: Date | null;
  updatedAt: Date;
}

/**
 * Whose caps, trips and claims an action counts against: the citizen, or the organisation. Exactly
 * one is set (the actions_one_subject check), so the two kinds of id never mix.
 */
export function actionHolder(alias?: string): string {
  return `coalesce(${actionColumn('citizenId', alias)}, ${actionColumn('organisationId', alias)})`;
}

/** The columns of `fields` in a query's row: what `selectAction` with those fields answers. */
export type ActionRowOf<F extends ActionField> = Pick<ActionRecord, F>;

/** A column's name, qualified by the query's alias for `actions` when it has one: `a.interval_start`. */
export function actionColumn(field: ActionField, alias?: string): string {
  return alias ? `${alias}.${ActionColumn[field]}` : ActionColumn[field];
}

/** Qualified column names by field for one alias, for WHERE and ORDER BY: `${a.intervalStart} < $2`. */
export function actionColumnsOf(alias?: string): Record<ActionField, string> {
  return Object.fromEntries(
    (Object.keys(ActionColumn) as ActionField[]).map((field) => [field, actionColumn(field, alias)]),
  ) as Record<ActionField, string>;
}

/**
 * A SELECT list that maps columns to fields (`a.interval_start AS "intervalStart", …`), so the row a
 * query returns is already an `ActionRowOf<…>`: the camelCase mapping lives here, not in each query.
 */
export function selectAction(alias: string | null, ...fields: ActionField[]): string {
  return fields.map((field) => `${actionColumn(field, alias ?? undefined)} AS "${field}"`).join(', ');
}

/** An INSERT's column list in the order given: `(citizen_id, district_code, …)` without the parentheses. */
export function actionColumnList(...fields: ActionField[]): string {
  return fields.map((field) => ActionColumn[field]).join(', ');
}
