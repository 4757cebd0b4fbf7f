import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Answers of the JSON APIs: tokens, one-time codes, keys and personal data are never cached. */
const API_PREFIXES = ['/v1/', '/admin/v1/', '/partner/v1/'];

/**
 * A content security policy that lets pages (the console, the queue dashboard, the mini-program's H5
 * build at /m/, the API docs) load scripts only from this origin and never be framed; antd and Taro
 * inject inline styles, hence 'unsafe-inline' for styles (not scripts). Also nosniff, a same-origin
 * Referrer-Policy and HSTS in production.
 */
function helmetOptions(production: boolean): Readonly<HelmetOptions> {
  return {
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
  };
}

/** What helmet does to a response with these options: headers set, headers removed (X-Powered-By). */
export interface SecurityHeaders {
  set: ReadonlyArray<readonly [string, string]>;
  removed: readonly string[];
}

/**
 * Runs helmet's middleware once, against a response that only records, and keeps what it did. None
 * of these options depends on the request (no nonces, no functions in the directives), so every
 * response gets the same headers; computing them once spares helmet's per-request rebuild of its
 * middleware (which @fastify/helmet did: it re-parsed the CSP for every request).
 */
export function securityHeaders(production: boolean): SecurityHeaders {
  const set: [string, string][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string) => void set.push([name, String(value)]),
    removeHeader: (name: string) => void removed.push(name),
  };
  helmet(helmetOptions(production))(
    {} as IncomingMessage,
    recorder as unknown as ServerResponse,
    (error?: unknown) => {
      if (error) throw error;
    },
  );
  return { set, removed };
}

/**
 * Security headers on every response (set on the raw response as helmet sets them, so answers that
 * bypass Fastify's reply, like hijacked ones, carry them too), and no-store on API answers.
 */
export function registerSecurityHeaders(fastify: FastifyInstance, production: boolean): void {
  const { set, removed } = securityHeaders(production);
  fastify.addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw;
    for (const name of removed) raw.removeHeader(name);
    for (const [name, value] of set) raw.setHeader(name, value);
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control') && API_PREFIXES.some((prefix) => request.url.startsWith(prefix)))
      void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
