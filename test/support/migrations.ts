import { dataSourceOptions } from '@app/persistence';
import { DataSource } from 'typeorm';
import type { TestStack } from './stack.js';

/**
 * Takes the stack's database back to before migration `name` (its workers stopped first, so nothing
 * writes meanwhile), runs `between` on the old schema, then migrates up again: what a migration's
 * down and up do to data already there.
 */
export async function acrossMigration(
  stack: TestStack,
  name: string,
  between: () => Promise<void> = async () => undefined,
): Promise<void> {
  for (const worker of stack.workers) await worker.close();
  stack.workers.length = 0;
  const { env } = stack;
  const dataSource = await new DataSource(dataSourceOptions(env.config())).initialize();
  try {
    const applied = async () =>
      (await env.query<{ name: string }>(`SELECT name FROM schema_migrations`)).map((m) => m.name);
    while ((await applied()).includes(name)) await dataSource.undoLastMigration({ transaction: 'each' });
    await between();
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
