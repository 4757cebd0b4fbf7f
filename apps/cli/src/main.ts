import 'reflect-metadata';
import { loadConfigOrExit } from '@app/config';
import { dataSourceOptions, runMigrationsUnderLock } from '@app/persistence';
import { DataSource } from 'typeorm';
import { runSeeds } from '../../../seeds/seed.js';

const USAGE = `usage: node dist/apps/cli/src/main.js <command>
  migrate   apply pending migrations (under the migration advisory lock)
  seed      upsert published methodology versions and the default points rule`;

const command = process.argv[2];
if (command !== 'migrate' && command !== 'seed') {
  process.stderr.write(`${USAGE}\n`);
  process.exit(command ? 64 : 0);
}

const config = loadConfigOrExit();
const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
try {
  if (command === 'migrate') {
    const applied = await runMigrationsUnderLock(dataSource);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
  } else {
    const report = await runSeeds(dataSource);
    console.log(
      `seeded: inserted [${report.inserted.join(', ')}], unchanged [${report.unchanged.join(', ')}]`,
    );
    if (report.differing.length) {
      console.warn(
        `published versions differ from their seeds and were left as they are: ${report.differing.join(', ')}`,
      );
    }
  }
} finally {
  await dataSource.destroy();
}
