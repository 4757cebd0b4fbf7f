import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { UNMATCHED_ROUTE } from '../metrics/http-metrics.js';
import type { AuthenticatedRequest } from '../auth/citizen-principal.js';
import type { PartnerRequest } from '../partners/partner-principal.js';

type Caller = { kind: 'citizen' | 'admin' | 'partner'; id: string } | { kind: 'anonymous' };

/** Who the guards proved the caller to be; never a token, an openid or a key secret. */
function callerOf(request: FastifyRequest): Caller {
  const known = request as unknown as AuthenticatedRequest & PartnerRequest;
  if (known.citizen) return { kind: 'citizen', id: known.citizen.citizenId };
  if (known.admin) return { kind: 'admin', id: known.admin.adminId };
  if (known.partner) return { kind: 'partner', id: known.partner.partnerId };
  return { kind: 'anonymous' };
}

/**
 * One JSON line per request, whichever part of the application answered it (Nest controllers, the
 * console, the queue dashboard, a 404): method, route template (never the raw URL, which can carry
 * codes), status, duration, request id (also sent back as X-Request-Id) and the caller. No headers,
 * no query string, no bodies.
 */
export function registerRequestLog(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const line = {
      requestId: request.id,
      method: request.method,
      route: request.routeOptions.url ?? UNMATCHED_ROUTE,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      caller: callerOf(request),
    };
    if (reply.statusCode >= 500) logger.error(line, 'request');
    else logger.info(line, 'request');
  });
}
