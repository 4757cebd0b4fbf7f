import type { AppConfig } from '@app/config';
import { DomainError, ErrorCode, isUuid } from '@app/domain';
import { ActiveAdminsRepository } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import { verifyAccessToken } from '../auth/access-token.js';
import { bearerToken } from '../auth/bearer-token.js';
import type { AdminPrincipal, AuthenticatedRequest } from '../auth/citizen-principal.js';

/** Carries the admin JWT for the pages a browser opens directly (the queue dashboard). */
export const ADMIN_SESSION_COOKIE = 'carbon_admin_session';

/** Path=/admin keeps the cookie away from the citizen API; only /admin/queues ever reads it. */
export function adminSessionCookie(config: AppConfig): CookieSerializeOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    path: '/admin',
    secure: config.isProduction,
    maxAge: config.admin.jwtTtlSeconds,
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * Whether the browser says a request comes from a page of this very origin. Every header it sends
 * must agree (Sec-Fetch-Site, then Origin or else Referer, by host), and at least one must be there:
 * an older browser may send only Origin, and a request that says nothing is not proof of anything.
 */
function fromThisOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const claimed = request.headers.origin ?? request.headers.referer;
  if (claimed === undefined) return site === 'same-origin';
  const hostOf = (url: string) => URL.parse(url)?.host;
  const own = hostOf(`${request.protocol}://${request.host}`);
  return own !== undefined && hostOf(claimed) === own;
}

/**
 * Admin authentication for plain Fastify routes, which Nest's guards do not see. Same tokens and
 * answers as the admin API, plus the session cookie; the account is looked up on every request so a
 * disabled or removed admin's token stops working at once.
 */
@Injectable()
export class AdminSessions {
  constructor(
    private readonly jwt: JwtService,
    private readonly admins: ActiveAdminsRepository,
  ) {}

  /** The calling admin; a DomainError (AUTH_REQUIRED, TOKEN_*, FORBIDDEN) when the caller is not one. */
  async requireAdmin(request: FastifyRequest): Promise<AdminPrincipal> {
    const bearer = bearerToken(request.headers.authorization);
    const viaCookie = bearer === undefined;
    const token = bearer ?? request.cookies[ADMIN_SESSION_COOKIE];
    if (!token)
      throw new DomainError(ErrorCode.AuthRequired, 'an admin Bearer token or session cookie is required');
    // SameSite=Strict keeps the cookie off other sites' requests, but a sibling subdomain is the same
    // site: a change made with the cookie must come from this very origin, as the browser reports it.
    if (viaCookie && !SAFE_METHODS.has(request.method) && !fromThisOrigin(request))
      throw new DomainError(ErrorCode.Forbidden, 'the session cookie only works from this origin');

    const claims = await verifyAccessToken(this.jwt, token);
    if (claims.role === 'citizen' || claims.typ !== 'admin')
      throw new DomainError(ErrorCode.Forbidden, 'this route is for admin');
    const role =
      typeof claims.sub === 'string' && isUuid(claims.sub) ? await this.admins.roleOf(claims.sub) : null;
    if (!role) throw new DomainError(ErrorCode.TokenInvalid, 'this admin account no longer exists');
    if (role !== 'admin') throw new DomainError(ErrorCode.Forbidden, 'this route is for admin');
    const admin: AdminPrincipal = { adminId: claims.sub, role };
    // The request log names the caller, as for the Nest routes.
    (request as AuthenticatedRequest).admin = admin;
    return admin;
  }
}
