import { DomainError, ErrorCode } from '@app/domain';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { verifyAccessToken } from './access-token.js';
import { bearerToken } from './bearer-token.js';
import type { AuthenticatedRequest } from './citizen-principal.js';
import { CitizenStatus } from './citizen-status.js';
import { IS_PUBLIC } from './public.decorator.js';
import { ROLES, type Role } from './roles.decorator.js';

/** Every route needs a valid token whose role the route allows (citizen by default) unless @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
    private readonly citizens: CitizenStatus,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES, targets) ?? ['citizen'];

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new DomainError(ErrorCode.AuthRequired, 'a Bearer access token is required');

    const claims = await verifyAccessToken(this.jwt, token);
    if (typeof claims.sub !== 'string' || !allowed.includes(claims.role)) {
      throw new DomainError(ErrorCode.Forbidden, `this route is for ${allowed.join(' or ')}`);
    }
    if (claims.role === 'citizen') {
      if (typeof claims.dst !== 'string')
        throw new DomainError(ErrorCode.TokenInvalid, 'the access token is not valid');
      if (await this.citizens.isDeleted(claims.sub))
        throw new DomainError(ErrorCode.AccountDeleted, 'this account has been deleted');
      request.citizen = { citizenId: claims.sub, districtCode: claims.dst };
    } else {
      if (claims.typ !== 'admin')
        throw new DomainError(ErrorCode.TokenInvalid, 'the access token is not valid');
      request.admin = { adminId: claims.sub, role: claims.role };
    }
    return true;
  }
}
