import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, ErrorCode } from '@app/domain';
import { RateCounter } from '@app/queues';
import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/citizen-principal.js';

const SKIP = 'rate-limit:skip';
/** Health and metrics are never rate limited. */
export const SkipRateLimit = () => SetMetadata(SKIP, true);

const MINUTE_MS = 60_000;

/**
 * Per-minute limits per citizen, per partner key, and per address for calls with neither (login);
 * admins are not limited. Runs after authentication, so it knows who is calling. Over the limit is
 * 429 RATE_LIMITED with Retry-After. (@nestjs/throttler is CommonJS and cannot load Nest 12's ES
 * modules under Jest, hence this small guard over a shared Redis counter.)
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly counter: RateCounter,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(SKIP, [context.getHandler(), context.getClass()]))
      return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.admin) return true;
    const keyHeader = request.headers['x-key-id'];
    const partnerKey = Array.isArray(keyHeader) ? keyHeader[0] : keyHeader;
    const { citizenPerMinute, partnerPerMinute, anonymousPerMinute } = this.config.rateLimits;
    const [key, limit] = request.citizen
      ? [`citizen:${request.citizen.citizenId}`, citizenPerMinute]
      : partnerKey
        ? [`key:${partnerKey}`, partnerPerMinute]
        : [`ip:${request.ip}`, anonymousPerMinute];
    const window = await this.counter.hit(key, MINUTE_MS);
    if (window && window.hits > limit) {
      void context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(window.resetsIn));
      throw new DomainError(
        ErrorCode.RateLimited,
        `more than ${limit} requests a minute; retry in ${window.resetsIn} s`,
        {
          limit,
          retryAfterSeconds: window.resetsIn,
        },
      );
    }
    return true;
  }
}
