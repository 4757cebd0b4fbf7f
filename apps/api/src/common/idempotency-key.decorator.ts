import { DomainError, ErrorCode } from '@app/domain';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

const VALID_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/** The `Idempotency-Key` header: required, 8–128 characters of [A-Za-z0-9_.:-]. */
export const IdempotencyKey = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  const header = ctx.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (!key || !VALID_KEY.test(key)) {
    throw new DomainError(
      ErrorCode.IdempotencyKeyRequired,
      'an Idempotency-Key header of 8–128 characters [A-Za-z0-9_.:-] is required',
    );
  }
  return key;
});
