import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** Who is calling, as proven by the access token. */
export interface CitizenPrincipal {
  citizenId: string;
  districtCode: string;
}

export interface AccessTokenClaims {
  sub: string;
  role: 'citizen';
  dst: string;
}

export type AuthenticatedRequest = FastifyRequest & { citizen?: CitizenPrincipal };

export const CurrentCitizen = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): CitizenPrincipal => {
    const citizen = ctx.switchToHttp().getRequest<AuthenticatedRequest>().citizen;
    if (!citizen) throw new Error('CurrentCitizen used on a route without authentication');
    return citizen;
  },
);
