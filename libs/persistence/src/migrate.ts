import type { DataSource } from 'typeorm';

// Any fixed 64-bit number; every process that migrates takes this same lock.
const MIGRATION_LOCK_KEY = 7_306_116_000_000_001n;

/**
 * Applies pending migrations while holding a session-level advisory lock, so API replicas starting
 * together migrate once and the others wait, then find nothing to do.
 */
export async function runMigrationsUnderLock(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()])
      .catch(() => undefined);
    await runner.release();
  }
}
