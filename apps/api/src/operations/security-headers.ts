import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** Answers of the JSON APIs: tokens, one-time codes, keys and personal data are never cached. */
const API_PREFIXES = ['/v1/', '/admin/v1/', '/partner/v1/'];

/**
 * Security headers on every response, by @fastify/helmet: a content security policy that lets pages
 * (the console, the queue dashboard, the mini-program's H5 build at /m/, the API docs) load scripts
 * only from this origin and never be framed; antd and Taro inject inline styles, hence
 * 'unsafe-inline' for styles (not scripts). Also nosniff, a same-origin Referrer-Policy, HSTS in
 * production, and no-store on API answers.
 */
export async function registerSecurityHeaders(fastify: FastifyInstance, production: boolean): Promise<void> {
  await fastify.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (!reply.hasHeader('cache-control') && API_PREFIXES.some((prefix) => request.url.startsWith(prefix)))
      void reply.header('cache-control', 'no-store');
    return payload;
  });
}
