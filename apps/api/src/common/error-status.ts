import { ErrorCode } from '@app/domain';
import { HttpStatus } from '@nestjs/common';

/** The one place a domain error code becomes an HTTP status. Codes not listed (methodology reasons) are 422. */
const STATUS_BY_CODE: Partial<Record<string, HttpStatus>> = {
  [ErrorCode.ValidationFailed]: HttpStatus.BAD_REQUEST,
  [ErrorCode.MalformedJson]: HttpStatus.BAD_REQUEST,
  [ErrorCode.IdempotencyKeyRequired]: HttpStatus.BAD_REQUEST,
  [ErrorCode.DistrictUnknown]: HttpStatus.BAD_REQUEST,
  [ErrorCode.PayloadTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.UnsupportedMediaType]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [ErrorCode.IdempotencyKeyReused]: HttpStatus.CONFLICT,
  [ErrorCode.VersionImmutable]: HttpStatus.CONFLICT,
  [ErrorCode.ReviewAlreadyDecided]: HttpStatus.CONFLICT,
  [ErrorCode.FactorExists]: HttpStatus.CONFLICT,
  [ErrorCode.VersionNotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.CampaignNotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.PartnerNotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.BindingNotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.BindingCodeInvalid]: HttpStatus.NOT_FOUND,
  [ErrorCode.PartnerExists]: HttpStatus.CONFLICT,
  [ErrorCode.TooManyKeys]: HttpStatus.CONFLICT,
  [ErrorCode.SignatureMissing]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.SignatureInvalid]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.TimestampOutOfWindow]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.NonceReplayed]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.PartnerKeyUnknown]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.PartnerKeyRevoked]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.ReplayCheckUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.BatchTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.HoldNotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.HoldResolved]: HttpStatus.CONFLICT,
  [ErrorCode.HoldExpired]: HttpStatus.CONFLICT,
  [ErrorCode.RedemptionNotAllowed]: HttpStatus.FORBIDDEN,
  [ErrorCode.InvalidCredentials]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.AuthRequired]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.TokenInvalid]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.TokenExpired]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.WechatCodeInvalid]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorCode.WechatUserBlocked]: HttpStatus.FORBIDDEN,
  [ErrorCode.DevLoginRefused]: HttpStatus.FORBIDDEN,
  [ErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.ActionNotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.RateLimited]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.WechatRateLimited]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.WechatError]: HttpStatus.BAD_GATEWAY,
  [ErrorCode.WechatUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.Internal]: HttpStatus.INTERNAL_SERVER_ERROR,
};

export function statusForCode(code: string): HttpStatus {
  return STATUS_BY_CODE[code] ?? HttpStatus.UNPROCESSABLE_ENTITY;
}
