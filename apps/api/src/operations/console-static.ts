import fastifyStatic from '@fastify/static';
import { ErrorCode } from '@app/domain';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

export const CONSOLE_PATH = '/console';

const HASHED_ASSETS = 'assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * Serves the built admin console (a single-page app) under /console/. Vite names the files under
 * assets/ by their content hash, so they are cached for a year; index.html is revalidated every time
 * so a new build is picked up. Any other path is the app's own route and gets index.html.
 */
export async function registerConsole(fastify: FastifyInstance, consoleDir: string): Promise<void> {
  const root = resolve(consoleDir);
  await fastify.register(async (scope) => {
    // Only the sendFile helper; the route below decides what is served. preCompressed: the build
    // wrote .br and .gz copies (apps/console/precompress.ts), sent to browsers that accept them,
    // with Content-Encoding and Vary: Accept-Encoding; others get the file itself.
    await scope.register(fastifyStatic, {
      root,
      serve: false,
      cacheControl: false,
      suppressWarning: true,
      preCompressed: true,
    });

    // Plain Fastify routes: Nest's OpenAPI document, guards and filters do not see them.
    scope.get(CONSOLE_PATH, (_request, reply) => reply.redirect(`${CONSOLE_PATH}/`, 302));
    scope.get<{ Params: { '*': string } }>(`${CONSOLE_PATH}/*`, async (request, reply) => {
      const path = request.params['*'];
      const full = resolve(root, path);
      const inside = full.startsWith(root + sep) && !path.split('/').some((part) => part.startsWith('.'));
      if (path && inside && (await isFile(full)))
        return reply
          .header('cache-control', path.startsWith(HASHED_ASSETS) ? IMMUTABLE : 'no-cache')
          .sendFile(path);
      // A missing hashed asset is a stale page asking for an old build: a 404, not HTML posing as JS.
      if (path.startsWith(HASHED_ASSETS))
        return jsonError(reply, 404, ErrorCode.NotFound, 'no such console asset');
      if (!(await isFile(resolve(root, 'index.html'))))
        return jsonError(reply, 503, 'CONSOLE_NOT_BUILT', 'run npm run build');
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  });
}

function jsonError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send({ code, message });
}
