import { APP_CONFIG, type AppConfig } from '@app/config';
import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from '../auth/citizen-principal.js';
import { RateLimiter } from './rate-limiter.js';

const SKIP = 'rate-limit:skip';
/** Health and metrics are never rate limited. */
export const SkipRateLimit = () => SetMetadata(SKIP, true);

/** Partner routes are limited by PartnerSignatureGuard once the key is proven, not by a claimed key id. */
const PARTNER_ROUTES = '/partner/';

/**
 * Per-minute limits per citizen and per address for calls with no identity (login); admins are not
 * limited, partners are limited per verified key by their signature guard. Runs after
 * authentication, so it knows who is calling. (@nestjs/throttler is CommonJS and cannot load Nest
 * 12's ES modules under Jest, hence this small guard over a shared Redis counter.)
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly limiter: RateLimiter,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(SKIP, [context.getHandler(), context.getClass()]))
      return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.admin || request.url.startsWith(PARTNER_ROUTES)) return true;
    const { citizenPerMinute, anonymousPerMinute } = this.config.rateLimits;
    if (request.citizen)
      await this.limiter.enforce(context, `citizen:${request.citizen.citizenId}`, citizenPerMinute);
    else await this.limiter.enforce(context, `ip:${request.ip}`, anonymousPerMinute);
    return true;
  }
}
