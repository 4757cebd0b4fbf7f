import { DomainError, ErrorCode, isErrorCode, isInvariantBreach } from '@app/domain';
import {
  Catch,
  HttpException,
  HttpStatus,
  Inject,
  Logger,
  Optional,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MetricsService } from '../metrics/metrics.service.js';
import { statusForCode } from './error-status.js';

export interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

const CODE_BY_STATUS: Partial<Record<number, string>> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.AuthRequired,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.RateLimited,
};

/** Fastify's own request errors (body parsing, size limits) by their FST_ code. */
const CODE_BY_FASTIFY_CODE: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ErrorCode.MalformedJson,
  FST_ERR_CTP_EMPTY_JSON_BODY: ErrorCode.MalformedJson,
  FST_ERR_CTP_BODY_TOO_LARGE: ErrorCode.PayloadTooLarge,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ErrorCode.UnsupportedMediaType,
};

/**
 * PostgreSQL out of reach (refused, reset, shut down, restarting, out of connections): the request can
 * be retried, so it is a 503 with Retry-After, not a 500. Codes are Node's socket errors and SQLSTATE
 * classes 08 (connection exception) and 57P0x (operator intervention).
 */
const DATABASE_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '53300']);
const DATABASE_DOWN_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|the database system is (starting up|shutting down)/;
const DATABASE_RETRY_AFTER_SECONDS = 5;

function isDatabaseDown(exception: unknown): boolean {
  if (!(exception instanceof Error)) return false;
  const cause = (exception as { driverError?: unknown }).driverError ?? exception;
  const code = String((cause as { code?: unknown }).code ?? '');
  return (
    DATABASE_DOWN_CODES.has(code) ||
    code.startsWith('08') ||
    code.startsWith('57P0') ||
    DATABASE_DOWN_MESSAGES.test((cause as Error).message ?? '')
  );
}

/**
 * Every error leaves the API as `{ code, message, details }` with a stable code. An invariant breach
 * (a bug: the ledger would break) leaves as a 500 naming its code and nothing else; it is logged at
 * error level with the request id and counted (carbon_invariant_breaches_total{code}).
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(
    @Optional()
    @Inject(MetricsService)
    private readonly metrics?: Pick<MetricsService, 'invariantBreaches'>,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = this.toResponse(exception);
    if (isInvariantBreach(exception)) {
      const request = host.switchToHttp().getRequest<FastifyRequest>();
      this.metrics?.invariantBreaches.inc({ code: exception.code });
      this.logger.error({
        msg: `invariant breach ${exception.code}: ${exception.message}`,
        requestId: request.id,
        code: exception.code,
        details: exception.details,
        stack: exception.stack,
      });
    } else if (body.code === ErrorCode.DatabaseUnavailable) {
      this.logger.warn(`database unavailable: ${(exception as Error).message}`);
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    } else if (status >= 500)
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toResponse(exception: unknown): { status: number; body: ErrorBody } {
    if (isInvariantBreach(exception)) {
      return {
        status: statusForCode(exception.code),
        body: { code: exception.code, message: 'internal error' },
      };
    }
    // A code outside ErrorCode (cast from a string) is a bug too: it falls through to the 500 below.
    if (exception instanceof DomainError && isErrorCode(exception.code)) {
      return {
        status: statusForCode(exception.code),
        body: { code: exception.code, message: exception.message, details: exception.details },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Nest wraps Fastify's own 4xx errors (body parsing, size limits) and keeps them as the cause.
      const fastifyCode = (exception.cause as { code?: string } | undefined)?.code;
      if (fastifyCode && CODE_BY_FASTIFY_CODE[fastifyCode]) {
        return { status, body: { code: CODE_BY_FASTIFY_CODE[fastifyCode], message: exception.message } };
      }
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : ((response as { message?: unknown }).message ?? exception.message);
      return {
        status,
        body: {
          code: CODE_BY_STATUS[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.ValidationFailed),
          message: Array.isArray(message) ? message.join('; ') : String(message),
        },
      };
    }
    if (isDatabaseDown(exception)) {
      return {
        status: HttpStatus.SERVICE_UNAVAILABLE,
        body: { code: ErrorCode.DatabaseUnavailable, message: 'the database is unavailable; retry shortly' },
      };
    }
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: { code: ErrorCode.Internal, message: 'internal error' },
    };
  }
}
