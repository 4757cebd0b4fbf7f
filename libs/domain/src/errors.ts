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
  // Why the worker rejected an action (stored in actions.reason_code; the values never change).
  TripOverlap: 'TRIP_OVERLAP',
  DuplicateEvent: 'DUPLICATE_EVENT',
  /** A metering period sharing days with one of the same device already credited to this citizen. */
  PeriodOverlap: 'PERIOD_OVERLAP',
  /** The event (device period, receipt, unit year) is already credited to another citizen. */
  EventClaimed: 'EVENT_CLAIMED_BY_ANOTHER_CITIZEN',
  InputInvalid: 'INPUT_INVALID',
  PointsRuleNotInForce: 'POINTS_RULE_NOT_IN_FORCE',
  QuantificationFailed: 'QUANTIFICATION_FAILED',
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a canonical UUID (the API checks path ids with it in one pipe: apps/api/src/common/path-params.ts). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
