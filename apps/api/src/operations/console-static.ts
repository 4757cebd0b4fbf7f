import type { FastifyInstance } from 'fastify';
import { registerSpa } from './spa-static.js';

export const CONSOLE_PATH = '/console';

/**
 * Serves the built admin console (a single-page app) under /console/. Vite names the files under
 * assets/ by their content hash, so they are cached for a year; the build also writes .br and .gz
 * copies, sent to browsers that accept them.
 */
export async function registerConsole(fastify: FastifyInstance, consoleDir: string): Promise<void> {
  await registerSpa(fastify, {
    path: CONSOLE_PATH,
    dir: consoleDir,
    hashed: (file) => file.startsWith('assets/'),
    asset: (file) => file.startsWith('assets/'),
    notBuilt: { code: 'CONSOLE_NOT_BUILT', message: 'run npm run build', title: '管理后台尚未构建' },
    preCompressed: true,
  });
}
