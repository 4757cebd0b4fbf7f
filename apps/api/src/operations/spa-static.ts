import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import { ErrorCode } from '@app/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A built single-page app served under a path prefix (the console, the mini-program's H5 build). */
export interface SpaSite {
  /** Where it is served, without the trailing slash: `/console`. */
  path: string;
  /** The build output directory holding index.html. */
  dir: string;
  /** Files named by their content hash: cached for a year. Everything else is revalidated. */
  hashed: (file: string) => boolean;
  /** Where build assets live: a missing one is a 404, never index.html posing as a script. */
  asset: (file: string) => boolean;
  /** The code and message of the 503 answered until the app is built. */
  notBuilt: { code: string; message: string; title: string };
  /** gzip / brotli the responses of this site on the fly (only its own routes: a scoped plugin). */
  compress?: boolean;
  /**
   * The build wrote .br and .gz copies beside each file (apps/console/precompress.ts): send them to
   * browsers that accept them, with Content-Encoding and Vary: Accept-Encoding.
   */
  preCompressed?: boolean;
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * Serves a built single-page app: hashed assets cached for a year, index.html revalidated every time
 * so a new build is picked up, and any other path (the app's own routes) answered with index.html.
 * Plain Fastify routes: Nest's OpenAPI document, guards and filters do not see them.
 */
export async function registerSpa(fastify: FastifyInstance, site: SpaSite): Promise<void> {
  const root = resolve(site.dir);
  await fastify.register(async (scope) => {
    if (site.compress) await scope.register(fastifyCompress, { global: true, encodings: ['br', 'gzip'] });
    // Only the sendFile helper; the route below decides what is served.
    await scope.register(fastifyStatic, {
      root,
      serve: false,
      cacheControl: false,
      suppressWarning: true,
      preCompressed: site.preCompressed ?? false,
    });

    scope.get(site.path, (_request, reply) => reply.redirect(`${site.path}/`, 302));
    scope.get<{ Params: { '*': string } }>(`${site.path}/*`, async (request, reply) => {
      const path = request.params['*'];
      const full = resolve(root, path);
      const inside = full.startsWith(root + sep) && !path.split('/').some((part) => part.startsWith('.'));
      if (path && inside && (await isFile(full)))
        return reply.header('cache-control', site.hashed(path) ? IMMUTABLE : 'no-cache').sendFile(path);
      if (site.asset(path)) return jsonError(reply, 404, ErrorCode.NotFound, 'no such asset');
      if (!(await isFile(resolve(root, 'index.html')))) return notBuilt(request, reply, site.notBuilt);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  });
}

/** A browser gets a short page saying what to run; anything else the JSON error. */
function notBuilt(request: FastifyRequest, reply: FastifyReply, what: SpaSite['notBuilt']): FastifyReply {
  if (!(request.headers.accept ?? '').includes('text/html'))
    return jsonError(reply, 503, what.code, what.message);
  return reply
    .code(503)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
        `<title>${what.title}</title><h1>${what.title}</h1><p>${what.code}: <code>${what.message}</code></p></html>`,
    );
}

function jsonError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send({ code, message });
}
