import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** The partner a request was signed by. */
export interface PartnerPrincipal {
  partnerId: string;
  keyId: string;
}

export type PartnerRequest = FastifyRequest & { partner?: PartnerPrincipal; rawBody?: Buffer };

export const CurrentPartner = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): PartnerPrincipal => {
    const partner = ctx.switchToHttp().getRequest<PartnerRequest>().partner;
    if (!partner) throw new Error('CurrentPartner used on a route without partner signature checks');
    return partner;
  },
);
