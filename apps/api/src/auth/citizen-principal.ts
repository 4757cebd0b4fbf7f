import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** Who is calling, as proven by the access token. */
export interface CitizenPrincipal {
  citizenId: string;
  districtCode: string;
}

export interface AdminPrincipal {
  adminId: string;
  role: 'admin' | 'auditor';
}

export type AccessTokenClaims =
  { sub: string; role: 'citizen'; dst: string } | { sub: string; role: 'admin' | 'auditor'; typ: 'admin' };

export type AuthenticatedRequest = FastifyRequest & { citizen?: CitizenPrincipal; admin?: AdminPrincipal };

export const CurrentCitizen = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): CitizenPrincipal => {
    const citizen = ctx.switchToHttp().getRequest<AuthenticatedRequest>().citizen;
    if (!citizen) throw new Error('CurrentCitizen used on a route without citizen authentication');
    return citizen;
  },
);

export const CurrentAdmin = createParamDecorator((_data: unknown, ctx: ExecutionContext): AdminPrincipal => {
  const admin = ctx.switchToHttp().getRequest<AuthenticatedRequest>().admin;
  if (!admin) throw new Error('CurrentAdmin used on a route without admin authentication');
  return admin;
});
