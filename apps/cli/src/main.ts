import 'reflect-metadata';
import { loadConfigOrExit } from '@app/config';
import {
  createAdmin,
  dataSourceOptions,
  LeaderboardScoresRepository,
  rebuildReportRollups,
  runMigrationsUnderLock,
  type AdminRole,
} from '@app/persistence';
import { LeaderboardStore } from '@app/queues';
import { DataSource } from 'typeorm';
import { runSeeds } from '../../../seeds/seed.js';
import { LedgerMonthRefused, archiveLedgerMonth, restoreLedgerMonth } from './ledger-months.js';

const USAGE = `usage: node dist/apps/cli/src/main.js <command>
  migrate                              apply pending migrations (under the migration advisory lock)
  seed                                 upsert published methodology versions, factors and the points rule
  admin:create <username> <role>       create an admin (role admin or auditor); the password (at least
                                       12 characters) is read from standard input
  leaderboards:rebuild                 rebuild every leaderboard in Redis from the ledger in PostgreSQL
  reports:rebuild                      recompute the reports' rollups from the actions and the ledger
  ledger:archive <YYYY-MM> <dir>       checkpoint, detach, dump (into dir) and drop the oldest ledger month;
                                       the month must be over and the oldest still in the database
  ledger:restore <YYYY-MM> <dir>       restore the newest archived ledger month from its dump and re-attach it`;

const [command, ...args] = process.argv.slice(2);
const COMMANDS = ['migrate', 'seed', 'admin:create', 'leaderboards:rebuild', 'reports:rebuild'];
if (![...COMMANDS, 'ledger:archive', 'ledger:restore'].includes(command)) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(command ? 64 : 0);
}
if (
  (command === 'admin:create' && (args.length !== 2 || !['admin', 'auditor'].includes(args[1]))) ||
  (command.startsWith('ledger:') && args.length !== 2)
) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(64);
}

async function readPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

const config = loadConfigOrExit();
const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
try {
  if (command === 'migrate') {
    const applied = await runMigrationsUnderLock(dataSource);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
  } else if (command === 'leaderboards:rebuild') {
    const store = new LeaderboardStore(config);
    try {
      const { boards, entries } = await store.rebuild(new LeaderboardScoresRepository(dataSource));
      console.log(`rebuilt ${boards} leaderboard(s) with ${entries} entries`);
    } finally {
      store.onApplicationShutdown();
    }
  } else if (command === 'reports:rebuild') {
    const started = Date.now();
    await rebuildReportRollups(dataSource);
    console.log(`rebuilt the report rollups in ${Date.now() - started} ms`);
  } else if (command === 'ledger:archive' || command === 'ledger:restore') {
    const act = command === 'ledger:archive' ? archiveLedgerMonth : restoreLedgerMonth;
    try {
      console.log(JSON.stringify(await act(dataSource, config.database.url, args[0], args[1])));
    } catch (error) {
      if (!(error instanceof LedgerMonthRefused)) throw error;
      console.error(error.message);
      process.exitCode = 65;
    }
  } else if (command === 'admin:create') {
    const admin = await createAdmin(dataSource, args[0], await readPassword(), args[1] as AdminRole);
    console.log(`created ${admin.role} ${admin.username} (${admin.id})`);
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
