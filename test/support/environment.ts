import 'reflect-metadata';
import { loadConfig, type AppConfig } from '@app/config';
import { dataSourceOptions, runMigrationsUnderLock } from '@app/persistence';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { runSeeds } from '../../seeds/seed.js';
import { FILE_DB_PREFIX, databaseUrl, dropDatabase, withServer } from './databases.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const TEMPLATE_LOCK = 7_306_116_000_000_002n;

/** Migrates and seeds the run's template database unless another test file already did. */
async function migrateTemplateOnce(template: string): Promise<void> {
  await withServer(async (server) => {
    await server.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK.toString()]);
    try {
      const source = await new DataSource(
        dataSourceOptions(loadConfig({ DATABASE_URL: databaseUrl(template) })),
      ).initialize();
      try {
        await runMigrationsUnderLock(source);
        await runSeeds(source);
      } finally {
        await source.destroy(); // a template must have no connections when it is copied
      }
    } finally {
      await server.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK.toString()]);
    }
  });
}

/**
 * One test file's world: its own database copied from the migrated template and its own Redis key
 * prefix, so files run in parallel without seeing each other's actions, jobs or workers.
 */
export class TestEnvironment {
  private constructor(
    readonly databaseName: string,
    readonly queuePrefix: string,
    readonly db: pg.Pool,
    readonly redis: Redis,
  ) {}

  static async create(): Promise<TestEnvironment> {
    const template = process.env.TEST_TEMPLATE_DATABASE;
    if (!template)
      throw new Error('TEST_TEMPLATE_DATABASE is not set: run the e2e tests through jest (global setup)');
    await migrateTemplateOnce(template);
    const id = `${Date.now()}_${randomBytes(4).toString('hex')}`;
    const name = `${FILE_DB_PREFIX}${id}`;
    await withServer((client) =>
      client.query(
        `CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${client.escapeIdentifier(template)}`,
      ),
    );
    const db = new pg.Pool({ connectionString: databaseUrl(name), max: 4, application_name: 'test-harness' });
    // An idle harness connection closed by the server (e.g. a forced drop) is not a test failure.
    db.on('error', () => undefined);
    return new TestEnvironment(name, `test-${id}`, db, new Redis(REDIS_URL, { lazyConnect: true }));
  }

  /** The process environment a service under test would be started with. */
  env(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl(this.databaseName),
      DATABASE_POOL_SIZE: '10',
      REDIS_URL,
      QUEUE_PREFIX: this.queuePrefix,
      LOG_LEVEL: 'warn',
      HTTP_REQUEST_LOGS: 'false',
      SWEEP_INTERVAL_MS: '60000',
      // Tests that drop the boards on purpose look at them empty: the worker's periodic check for
      // lost boards stays out of their way (its check when it connects still runs).
      LEADERBOARD_CHECK_INTERVAL_MS: '3600000',
      ...overrides,
    };
  }

  config(overrides: Record<string, string> = {}): AppConfig {
    return loadConfig(this.env(overrides));
  }

  async query<T extends pg.QueryResultRow = Record<string, unknown>>(
    sql: string,
    params: unknown[] = [],
  ): Promise<T[]> {
    return (await this.db.query<T>(sql, params)).rows;
  }

  /**
   * An owner's balances by account kind, e.g. { citizen_carbon: '169', citizen_points: '169' }; an
   * account kept in shards (issuance, pools) answers the sum of its shards.
   */
  async balances(owner: string): Promise<Record<string, string>> {
    const rows = await this.query<{ kind: string; balance: string }>(
      `SELECT kind, sum(balance)::text AS balance FROM accounts WHERE owner = $1 GROUP BY kind`,
      [owner],
    );
    return Object.fromEntries(rows.map((r) => [r.kind, r.balance]));
  }

  /** Deletes this file's queue keys, as a Redis FLUSHALL would, without touching other files' keys. */
  async flushQueueKeys(): Promise<number> {
    if (this.redis.status === 'wait') await this.redis.connect();
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.queuePrefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await this.redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  }

  async dispose(): Promise<void> {
    await this.flushQueueKeys().catch(() => undefined);
    this.redis.disconnect();
    await this.db.end();
    await withServer((client) => dropDatabase(client, this.databaseName));
  }
}
