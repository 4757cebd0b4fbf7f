import type { IdempotentResult } from '@app/persistence';
import {
  applyDecorators,
  Injectable,
  SetMetadata,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';

const REPLAY_STATUS = 'idempotent:replay-status';

export interface IdempotentOptions {
  /** The status a replay answers, when it is not the stored one (a citizen's repeat is 200, not 201). */
  replayStatus?: number;
}

/**
 * What answers an `IdempotentResult`: its body, with its status, or for a replay the route's replay
 * status if it has one. The one rule for both the interceptor and routes that answer without it.
 */
export function answerIdempotent<T>(
  reply: Pick<FastifyReply, 'status'>,
  result: IdempotentResult<T>,
  replayStatus?: number,
): T {
  reply.status(result.replayed && replayStatus ? replayStatus : result.statusCode);
  return result.body;
}

/**
 * Answers a handler's `IdempotentResult` (what `IdempotencyStore.run` returns): its body, with its
 * status, or for a replay the route's replay status if it has one. Handlers never set statuses by hand.
 */
@Injectable()
export class IdempotentInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler<IdempotentResult>): Observable<unknown> {
    const replayStatus = this.reflector.get<number | undefined>(REPLAY_STATUS, context.getHandler());
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(map((result) => answerIdempotent(reply, result, replayStatus)));
  }
}

/** A write run through the idempotency store: the handler returns the store's result. */
export const Idempotent = (options: IdempotentOptions = {}) =>
  applyDecorators(SetMetadata(REPLAY_STATUS, options.replayStatus), UseInterceptors(IdempotentInterceptor));
