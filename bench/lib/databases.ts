import { loadConfig, type AppConfig } from '@app/config';
import { dataSourceOptions, runMigrationsUnderLock } from '@app/persistence';
import { Redis } from 'ioredis';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../libs/persistence/src/migrations/index.js';
import { runSeeds } from '../../seeds/seed.js';

/** The maintenance database on the shared server; every benchmark database is created from it. */
export const SERVER_URL =
  process.env.BENCH_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const DB_PREFIX = 'carbon_bench_';
/** Databases of a run killed before its cleanup are dropped by a later run once this old. */
const STALE_AFTER_MS = 60 * 60 * 1000;

export function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withServer<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL, application_name: 'carbon-bench' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The application configuration a process of this run uses for one database. */
export function benchConfig(
  database: string,
  queuePrefix: string,
  extra: Record<string, string> = {},
): AppConfig {
  return loadConfig({ ...benchEnv(database, queuePrefix), ...extra });
}

export function benchEnv(database: string, queuePrefix: string): Record<string, string> {
  return {
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl(database),
    REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    LOG_LEVEL: 'warn',
    HTTP_REQUEST_LOGS: 'false',
  };
}

/**
 * Every database and Redis key a run creates, so that they are removed at the end whatever
 * happened in between (call cleanup() from a finally block and from signal handlers).
 */
export class RunResources {
  private readonly databases = new Set<string>();
  private cleaned = false;

  constructor(
    readonly runId: string,
    readonly queuePrefix: string,
  ) {}

  name(suffix: string): string {
    return `${DB_PREFIX}${this.runId}_${suffix}`;
  }

  async createDatabase(suffix: string, template?: string): Promise<string> {
    const name = this.name(suffix);
    this.databases.add(name);
    await withServer((client) =>
      client.query(
        `CREATE DATABASE ${client.escapeIdentifier(name)}` +
          (template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : ''),
      ),
    );
    return name;
  }

  /** Drops one of the run's databases early (e.g. so its autovacuum does not disturb the next phase). */
  async dropDatabase(name: string): Promise<void> {
    await withServer((client) =>
      client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
    );
    this.databases.delete(name);
  }

  async cleanup(): Promise<{ databases: number; redisKeys: number }> {
    if (this.cleaned) return { databases: 0, redisKeys: 0 };
    this.cleaned = true;
    let dropped = 0;
    await withServer(async (client) => {
      for (const name of this.databases) {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
        dropped += 1;
      }
    });
    const redisKeys = await deleteQueueKeys(this.queuePrefix);
    return { databases: dropped, redisKeys };
  }
}

/** Deletes the run's BullMQ keys (`<prefix>:*`) only; other users of the shared Redis are untouched. */
export async function deleteQueueKeys(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}

/** Drops benchmark databases left by runs that were killed (their names carry a creation time). */
export async function dropStaleBenchDatabases(): Promise<string[]> {
  return withServer(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'carbon\\_bench\\_%'`,
    );
    const dropped: string[] = [];
    for (const { datname } of rows) {
      const created = Number(/^carbon_bench_(\d{13})_/.exec(datname)?.[1] ?? Date.now());
      if (Date.now() - created > STALE_AFTER_MS) {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`);
        dropped.push(datname);
      }
    }
    return dropped;
  });
}

/**
 * Applies the application's migrations and seeds, exactly as the API and the test harness do; with
 * `upTo`, only the migrations up to and including that one (an earlier schema, for comparison).
 */
export async function migrateAndSeed(config: AppConfig, upTo?: string): Promise<void> {
  const options = dataSourceOptions(config);
  const migrations = upTo ? migrationsUpTo(upTo) : undefined;
  const source = await new DataSource(migrations ? { ...options, migrations } : options).initialize();
  try {
    await runMigrationsUnderLock(source);
    await runSeeds(source);
  } finally {
    await source.destroy(); // a template database must have no connections when it is copied
  }
}

/** One short-lived connection to a database. */
export async function withDatabase<T>(name: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(name), application_name: 'carbon-bench' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function migrationsUpTo(name: string): (typeof MIGRATIONS)[number][] {
  const last = MIGRATIONS.findIndex((m) => m.name === name);
  if (last < 0) throw new Error(`no migration ${name}`);
  return MIGRATIONS.slice(0, last + 1);
}

/** Heap + indexes + TOAST of every table of the database (partitions included, as plain tables). */
export async function tableBytes(client: pg.Client): Promise<bigint> {
  const { rows } = await client.query<{ bytes: string }>(
    `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::text AS bytes FROM pg_class c
     WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace`,
  );
  return BigInt(rows[0].bytes);
}
