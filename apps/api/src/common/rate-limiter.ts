import { DomainError, ErrorCode } from '@app/domain';
import { RateCounter } from '@app/queues';
import { Injectable, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

const MINUTE_MS = 60_000;

/** Counts a call against a per-minute budget in Redis; over it is 429 RATE_LIMITED with Retry-After. */
@Injectable()
export class RateLimiter {
  constructor(private readonly counter: RateCounter) {}

  enforce(context: ExecutionContext, key: string, limit: number): Promise<void> {
    return this.enforceOn(context.switchToHttp().getResponse<FastifyReply>(), key, limit);
  }

  async enforceOn(reply: FastifyReply, key: string, limit: number): Promise<void> {
    const window = await this.counter.hit(key, MINUTE_MS);
    if (!window || window.hits <= limit) return;
    void reply.header('retry-after', String(window.resetsIn));
    throw new DomainError(
      ErrorCode.RateLimited,
      `more than ${limit} requests a minute; retry in ${window.resetsIn} s`,
      {
        limit,
        retryAfterSeconds: window.resetsIn,
      },
    );
  }
}
