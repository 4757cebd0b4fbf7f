import 'reflect-metadata';
import { loadConfigOrExit } from '@app/config';
import { dataSourceOptions, runMigrationsUnderLock } from '@app/persistence';
import { assertRedisReachable } from '@app/queues';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { runSeeds } from '../../../seeds/seed.js';
import { LocalStartError, prepareLocalDatabase } from './local-postgres.js';

/**
 * `npm start`: everything a developer needs on one machine. Finds PostgreSQL (or starts an embedded
 * one), checks Redis, migrates and seeds, then runs the API and the worker as two processes, exactly
 * as they run in production.
 */
const log = (line: string) => process.stdout.write(`[local] ${line}\n`);
const config = loadConfigOrExit();
let prepared: Awaited<ReturnType<typeof prepareLocalDatabase>>;
try {
  prepared = await prepareLocalDatabase(config.database, log);
} catch (error) {
  if (!(error instanceof LocalStartError)) throw error;
  process.stderr.write(`[local] ${error.message}\n`);
  process.exit(1);
}
const { url: databaseUrl, stop: stopEmbedded } = prepared;

try {
  await assertRedisReachable(config.redis);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  await stopEmbedded?.();
  process.exit(1);
}

const dataSource = await new DataSource(
  dataSourceOptions({ database: { ...config.database, url: databaseUrl } }),
).initialize();
const applied = await runMigrationsUnderLock(dataSource);
log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'schema is up to date');
const seeded = await runSeeds(dataSource);
log(`seeds: inserted [${seeded.inserted.join(', ')}], unchanged [${seeded.unchanged.join(', ')}]`);
await dataSource.destroy();

const entry = (app: string) => fileURLToPath(new URL(`../../${app}/src/main.js`, import.meta.url));
const env = { ...process.env, DATABASE_URL: databaseUrl };
const children: ChildProcess[] = ['api', 'worker'].map((app) =>
  spawn(process.execPath, [entry(app)], { env, stdio: 'inherit' }),
);
log(`API on http://127.0.0.1:${config.http.port} (docs at /docs), worker running; Ctrl-C stops both`);

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((done) =>
          child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM')),
        ),
    ),
  );
  await stopEmbedded?.();
  process.exit(code);
}
for (const child of children) child.once('exit', (code) => void shutdown(code ?? 1));
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));
