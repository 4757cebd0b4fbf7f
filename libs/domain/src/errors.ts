/**
 * Stable, machine-readable error codes. Clients branch on these; never rename one.
 * The API maps each code to an HTTP status in one place (apps/api/src/common/error-status.ts).
 */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  MalformedJson: 'MALFORMED_JSON',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  IdempotencyKeyRequired: 'IDEMPOTENCY_KEY_REQUIRED',
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  AuthRequired: 'AUTH_REQUIRED',
  TokenInvalid: 'TOKEN_INVALID',
  TokenExpired: 'TOKEN_EXPIRED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  ActionNotFound: 'ACTION_NOT_FOUND',
  /** The ledger month holding the postings asked for is archived (docs/design.md): restore it to read them. */
  LedgerMonthArchived: 'LEDGER_MONTH_ARCHIVED',
  MethodologyUnknown: 'METHODOLOGY_UNKNOWN',
  MethodologyNotInForce: 'METHODOLOGY_NOT_IN_FORCE',
  ActionInFuture: 'ACTION_IN_FUTURE',
  SelfReportNotAccepted: 'SELF_REPORT_NOT_ACCEPTED',
  VersionImmutable: 'VERSION_IMMUTABLE',
  VersionNotFound: 'VERSION_NOT_FOUND',
  ParamsInvalid: 'PARAMS_INVALID',
  ReviewAlreadyDecided: 'REVIEW_ALREADY_DECIDED',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  FactorExists: 'FACTOR_EXISTS',
  PoolInsufficient: 'POOL_INSUFFICIENT',
  CampaignNotFound: 'CAMPAIGN_NOT_FOUND',
  ReplayCheckUnavailable: 'REPLAY_CHECK_UNAVAILABLE',
  SignatureMissing: 'SIGNATURE_MISSING',
  SignatureInvalid: 'SIGNATURE_INVALID',
  TimestampOutOfWindow: 'TIMESTAMP_OUT_OF_WINDOW',
  NonceReplayed: 'NONCE_REPLAYED',
  PartnerKeyUnknown: 'PARTNER_KEY_UNKNOWN',
  PartnerKeyRevoked: 'PARTNER_KEY_REVOKED',
  PartnerNotFound: 'PARTNER_NOT_FOUND',
  PartnerExists: 'PARTNER_EXISTS',
  PartnerDisabled: 'PARTNER_DISABLED',
  WebhookUrlRefused: 'WEBHOOK_URL_REFUSED',
  TooManyKeys: 'TOO_MANY_KEYS',
  BindingNotFound: 'BINDING_NOT_FOUND',
  BindingCodeInvalid: 'BINDING_CODE_INVALID',
  BatchTooLarge: 'BATCH_TOO_LARGE',
  InsufficientPoints: 'INSUFFICIENT_POINTS',
  HoldNotFound: 'HOLD_NOT_FOUND',
  HoldResolved: 'HOLD_ALREADY_RESOLVED',
  HoldExpired: 'HOLD_EXPIRED',
  ConfirmExceedsHold: 'CONFIRM_EXCEEDS_HOLD',
  RedemptionNotAllowed: 'REDEMPTION_NOT_ALLOWED',
  RewardNotFound: 'REWARD_NOT_FOUND',
  RewardUnavailable: 'REWARD_UNAVAILABLE',
  OutOfStock: 'OUT_OF_STOCK',
  LimitReached: 'REDEMPTION_LIMIT_REACHED',
  OrderNotFound: 'ORDER_NOT_FOUND',
  OrderResolved: 'ORDER_ALREADY_RESOLVED',
  DeliveryNotFound: 'DELIVERY_NOT_FOUND',
  DistrictUnknown: 'DISTRICT_UNKNOWN',
  WechatCodeInvalid: 'WECHAT_CODE_INVALID',
  WechatRateLimited: 'WECHAT_RATE_LIMITED',
  WechatUserBlocked: 'WECHAT_USER_BLOCKED',
  WechatUnavailable: 'WECHAT_UNAVAILABLE',
  WechatError: 'WECHAT_ERROR',
  DevLoginRefused: 'DEV_LOGIN_REFUSED',
  WerunSessionExpired: 'WERUN_SESSION_EXPIRED',
  WerunDataInvalid: 'WERUN_DATA_INVALID',
  LedgerUnbalanced: 'LEDGER_UNBALANCED',
  FriendInviteInvalid: 'FRIEND_INVITE_INVALID',
  FriendOfSelf: 'FRIEND_OF_SELF',
  FriendNotFound: 'FRIEND_NOT_FOUND',
  TeamNotFound: 'TEAM_NOT_FOUND',
  TeamCodeInvalid: 'TEAM_CODE_INVALID',
  NotTeamMember: 'NOT_TEAM_MEMBER',
  ChallengeExists: 'CHALLENGE_EXISTS',
  AccountDeleted: 'ACCOUNT_DELETED',
  RateLimited: 'RATE_LIMITED',
  ReportRangeInvalid: 'REPORT_RANGE_INVALID',
  DatabaseUnavailable: 'DATABASE_UNAVAILABLE',
  Internal: 'INTERNAL_ERROR',
  OrganisationNotFound: 'ORGANISATION_NOT_FOUND',
  OrganisationExists: 'ORGANISATION_EXISTS',
  CreditCodeInvalid: 'CREDIT_CODE_INVALID',
  OrganisationDisabled: 'ORGANISATION_DISABLED',
  OrganisationMethodologyNotAllowed: 'ORGANISATION_METHODOLOGY_NOT_ALLOWED',
  CitizenNotFound: 'CITIZEN_NOT_FOUND',
  OrganisationMemberNotFound: 'ORGANISATION_MEMBER_NOT_FOUND',
  OrganisationMemberRemoved: 'ORGANISATION_MEMBER_REMOVED',
  OrganisationNotInstitution: 'ORGANISATION_NOT_INSTITUTION',
  InventoryNotFound: 'INVENTORY_NOT_FOUND',
  InventoryExists: 'INVENTORY_EXISTS',
  InventoryOverNeutralised: 'INVENTORY_OVER_NEUTRALISED',
  // Methodology reasons: why a module's plausibility checks refuse an action's data (API 422, worker 'rejected').
  DistanceTooShort: 'DISTANCE_TOO_SHORT',
  DistanceTooLong: 'DISTANCE_TOO_LONG',
  SpeedTooLow: 'SPEED_TOO_LOW',
  SpeedImplausible: 'SPEED_IMPLAUSIBLE',
  EndBeforeStart: 'END_BEFORE_START',
  PeriodTooLong: 'PERIOD_TOO_LONG',
  OutsideCreditPeriod: 'OUTSIDE_CREDIT_PERIOD',
  OccupantsOutOfRange: 'OCCUPANTS_OUT_OF_RANGE',
  DetourTooLong: 'DETOUR_TOO_LONG',
  NotMoreEfficient: 'NOT_MORE_EFFICIENT',
  GenerationImplausible: 'GENERATION_IMPLAUSIBLE',
  ConsumptionImplausible: 'CONSUMPTION_IMPLAUSIBLE',
  CapacityNotInTable: 'CAPACITY_NOT_IN_TABLE',
  CapacityTooLarge: 'CAPACITY_TOO_LARGE',
  CertifiedExceedsMetered: 'CERTIFIED_EXCEEDS_METERED',
  WeightTooLow: 'WEIGHT_TOO_LOW',
  WeightTooHigh: 'WEIGHT_TOO_HIGH',
  NoSteps: 'NO_STEPS',
  BaselineTooLow: 'BASELINE_TOO_LOW',
  NoSaving: 'NO_SAVING',
  // The worker's rejection reasons (apps/worker decide-action).
  TripOverlap: 'TRIP_OVERLAP',
  DuplicateEvent: 'DUPLICATE_EVENT',
  PeriodOverlap: 'PERIOD_OVERLAP',
  EventClaimed: 'EVENT_CLAIMED_BY_ANOTHER_CITIZEN',
  InputInvalid: 'INPUT_INVALID',
  PointsRuleNotInForce: 'POINTS_RULE_NOT_IN_FORCE',
  QuantificationFailed: 'QUANTIFICATION_FAILED',
  // Invariant breaches (with LedgerUnbalanced): a bug, never the caller's fault; a logged, counted 500.
  LedgerAccountMissing: 'LEDGER_ACCOUNT_MISSING',
  PointsLotsShort: 'POINTS_LOTS_SHORT',
  /** Replaced by a more trusted (or a corrected) report of the same event before it was settled. */
  Superseded: 'SUPERSEDED',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An expected failure with a stable code; the message is for humans, details for machines. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * Codes that mean an invariant of the ledger broke (DESIGN.md §4): the code is wrong, not the request.
 * The API answers them 500 without details and logs and counts them; the worker logs and counts them.
 */
export const INVARIANT_BREACHES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  ErrorCode.LedgerUnbalanced,
  ErrorCode.LedgerAccountMissing,
  ErrorCode.PointsLotsShort,
]);

const CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

/** True for a string that is one of the codes (zod issue params, rows, other systems' answers). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && CODES.has(value);
}

export function isInvariantBreach(error: unknown): error is DomainError {
  return error instanceof DomainError && INVARIANT_BREACHES.has(error.code);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a canonical UUID (the API checks path ids with it in one pipe: apps/api/src/common/path-params.ts). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
