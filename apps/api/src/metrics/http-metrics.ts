import type { FastifyInstance } from 'fastify';
import { Histogram, type Registry } from 'prom-client';

/** What requests that matched no route are counted as, so a scan of random URLs adds no series. */
export const UNMATCHED_ROUTE = 'unmatched';

export function createHttpHistogram(registry: Registry): Histogram<'method' | 'route' | 'status_code'> {
  return new Histogram({
    name: 'carbon_http_request_duration_seconds',
    help: 'time from receiving a request to sending the response, by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'],
    registers: [registry],
  });
}

/**
 * Times every request through Fastify, Nest controllers and plain Fastify routes (console, queue
 * dashboard) alike. Labelled by the route template, never the raw URL, to keep the series bounded.
 */
export function observeHttpRequests(
  fastify: FastifyInstance,
  histogram: Histogram<'method' | 'route' | 'status_code'>,
): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    histogram.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? UNMATCHED_ROUTE,
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
