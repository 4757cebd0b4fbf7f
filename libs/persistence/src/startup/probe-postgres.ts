import { urlWithoutPassword, type AppConfig } from '@app/config';
import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { dataSourceOptions } from '../data-source.js';

/** The URL without its password, for log lines and messages. */
export function describeDatabaseUrl(url: string): string {
  try {
    return urlWithoutPassword(url);
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

/** Resolves when PostgreSQL at the URL accepts a connection and answers a query within the timeout. */
export async function probePostgres(url: string, timeoutMs = 3_000): Promise<void> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    application_name: 'carbon-points-boot',
  });
  // A server that goes away mid-probe emits an error after connect() settles; the probe has failed.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Resolves when the database has every migration this build knows applied (the API applies them);
 * rejects while some are pending, so a worker started beside a migrating API waits for it.
 */
export async function probeSchemaCurrent(config: Pick<AppConfig, 'database'>): Promise<void> {
  const options = dataSourceOptions(config);
  const dataSource = new DataSource({
    ...options,
    extra: { max: 1, application_name: 'carbon-points-boot' },
  } as DataSourceOptions);
  await dataSource.initialize();
  try {
    if (await dataSource.showMigrations()) throw new Error('the database has pending migrations');
  } finally {
    await dataSource.destroy();
  }
}
