import { LEDGER_MONTH_TABLES, LedgerMonthsRepository, partitionOf } from '@app/persistence';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';

const run = promisify(execFile);

/** Why an archive or a restore was refused; the code is stable, the message is for the operator. */
export class LedgerMonthRefused extends Error {
  constructor(
    readonly code:
      | 'LEDGER_MONTH_INVALID'
      | 'LEDGER_MONTH_OPEN'
      | 'LEDGER_MONTH_NOT_OLDEST'
      | 'LEDGER_MONTH_IN_DEFAULT'
      | 'LEDGER_MONTH_CHAIN_BROKEN'
      | 'LEDGER_MONTH_NOT_ARCHIVED'
      | 'LEDGER_MONTH_NOT_NEWEST'
      | 'LEDGER_MONTH_DUMP_MISMATCH',
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'LedgerMonthRefused';
  }
}

export interface LedgerMonthOutcome {
  month: string;
  /** archived: this run detached, dumped and dropped (or finished an interrupted run); already: nothing to do. */
  result: 'archived' | 'restored' | 'already';
  dumpFile: string;
  postings: string;
  entries: string;
  checkpoints?: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Where a month's dump lives; refuses a month not written YYYY-MM before anything is touched. */
function monthDumpFile(month: string, dir: string): string {
  if (!MONTH.test(month))
    throw new LedgerMonthRefused('LEDGER_MONTH_INVALID', `月份应写作 YYYY-MM，收到 “${month}”`);
  return resolve(join(dir, dumpName(month)));
}
const dumpName = (month: string) => `ledger_p${month.replace('-', '_')}.dump`;

/**
 * Archives the oldest live ledger month (docs/design.md, "Archival of a ledger month"): checks it is
 * closed, oldest and whole; writes each account's checkpoint and detaches the month's partitions of
 * postings and entries in one transaction; dumps both to `dir` (custom format, listed back and
 * checksummed); then drops them. Run again after an interruption, it finishes the same month; on an
 * archived month it answers `already`.
 */
export async function archiveLedgerMonth(
  dataSource: DataSource,
  databaseUrl: string,
  month: string,
  dir: string,
): Promise<LedgerMonthOutcome> {
  const dumpFile = monthDumpFile(month, dir);
  const detached = await dataSource.transaction(async (manager) => {
    const months = new LedgerMonthsRepository(manager);
    await months.lock();
    const known = await months.archived(month);
    if (known) return known;
    const bounds = await months.bounds(month);
    if (!bounds.ended) throw new LedgerMonthRefused('LEDGER_MONTH_OPEN', `${month} 尚未结束，不能归档`);
    const open = await months.openTransactionsBefore(bounds.endsAt);
    if (open > 0)
      throw new LedgerMonthRefused(
        'LEDGER_MONTH_OPEN',
        `${month} 结束前开始的 ${open} 个事务仍未结束，它们仍可能写入该月；稍后再试`,
      );
    for (const table of LEDGER_MONTH_TABLES) {
      const oldest = await months.oldestLiveMonth(table);
      if (oldest !== month)
        throw new LedgerMonthRefused(
          'LEDGER_MONTH_NOT_OLDEST',
          `只能归档最早的在库月份：${table} 最早的在库月份是 ${oldest ?? '（无）'}，不是 ${month}`,
        );
      if (await months.defaultRowsBefore(table, bounds.endsAt))
        throw new LedgerMonthRefused(
          'LEDGER_MONTH_IN_DEFAULT',
          `${table} 的 DEFAULT 分区中有 ${month} 或更早的行；先按 docs/design.md 把它们移入所属月份`,
        );
    }
    const entries = partitionOf('ledger_entries', month);
    const broken = await months.brokenChains(entries, bounds.endsAt);
    const unbalanced = await months.unbalancedPostings(entries);
    if (broken.length || unbalanced.length)
      throw new LedgerMonthRefused(
        'LEDGER_MONTH_CHAIN_BROKEN',
        `${month} 的分录不能作为检查点：账户 [${broken.join(', ')}] 的版本或余额链不连续，` +
          `过账 [${unbalanced.join(', ')}] 不平衡；先运行对账查明原因`,
      );
    const counts = {
      postings: await months.count(partitionOf('ledger_postings', month)),
      entries: await months.count(entries),
    };
    const checkpoints = await months.writeCheckpoint(month, bounds, counts);
    for (const table of LEDGER_MONTH_TABLES) await months.detach(table, month);
    return { month, status: 'detached' as const, ...counts, checkpoints };
  });
  if (detached.status === 'archived')
    return {
      month,
      result: 'already',
      dumpFile: detached.dumpFile ?? dumpFile,
      postings: detached.postings,
      entries: detached.entries,
    };

  // Dump, then read the dump back before anything is dropped.
  const tables = LEDGER_MONTH_TABLES.flatMap((t) => ['--table', `public.${partitionOf(t, month)}`]);
  await run('pg_dump', ['--dbname', databaseUrl, '--format=custom', ...tables, '--file', dumpFile]);
  const { stdout } = await run('pg_restore', ['--list', dumpFile]);
  for (const table of LEDGER_MONTH_TABLES)
    if (!stdout.includes(`TABLE DATA public ${partitionOf(table, month)}`))
      throw new Error(
        `the dump ${dumpFile} lacks the rows of ${partitionOf(table, month)}; nothing was dropped`,
      );
  const sha256 = await sha256Of(dumpFile);
  await dataSource.transaction(async (manager) => {
    const months = new LedgerMonthsRepository(manager);
    await months.lock();
    for (const table of LEDGER_MONTH_TABLES) await months.drop(table, month);
    await months.markArchived(month, dumpFile, sha256);
  });
  return {
    month,
    result: 'archived',
    dumpFile,
    postings: detached.postings,
    entries: detached.entries,
    checkpoints: 'checkpoints' in detached ? detached.checkpoints : undefined,
  };
}

/**
 * Restores the newest archived ledger month from its dump: checks the dump's checksum, restores the
 * two tables, checks their entries lead from the previous checkpoint to this month's, attaches them
 * and forgets the month's checkpoints. Months come back newest first.
 */
export async function restoreLedgerMonth(
  dataSource: DataSource,
  databaseUrl: string,
  month: string,
  dir: string,
): Promise<LedgerMonthOutcome> {
  const dumpFile = monthDumpFile(month, dir);
  const { known, present } = await dataSource.transaction(async (manager) => {
    const months = new LedgerMonthsRepository(manager);
    const row = await months.archived(month);
    let present = true;
    for (const table of LEDGER_MONTH_TABLES) present &&= await months.tableExists(partitionOf(table, month));
    return { known: row, present };
  });
  if (!known) {
    const live = await dataSource.transaction((m) =>
      new LedgerMonthsRepository(m).tableExists(partitionOf('ledger_entries', month)),
    );
    if (live) return { month, result: 'already', dumpFile, postings: '', entries: '' };
    throw new LedgerMonthRefused('LEDGER_MONTH_NOT_ARCHIVED', `${month} 没有归档记录，无可恢复`);
  }
  if (!present) {
    await access(dumpFile);
    if (known.dumpSha256 && (await sha256Of(dumpFile)) !== known.dumpSha256)
      throw new LedgerMonthRefused('LEDGER_MONTH_DUMP_MISMATCH', `${dumpFile} 的校验和与归档时记录的不一致`);
    await run('pg_restore', ['--dbname', databaseUrl, '--single-transaction', '--exit-on-error', dumpFile]);
  }
  await dataSource.transaction(async (manager) => {
    const months = new LedgerMonthsRepository(manager);
    await months.lock();
    const newest = await months.newestArchived();
    if (newest?.month !== month)
      throw new LedgerMonthRefused(
        'LEDGER_MONTH_NOT_NEWEST',
        `只能先恢复最近归档的月份（${newest?.month ?? '无'}），不是 ${month}`,
      );
    const counts = {
      postings: await months.count(partitionOf('ledger_postings', month)),
      entries: await months.count(partitionOf('ledger_entries', month)),
    };
    const mismatched = await months.restoredMismatches(month);
    if (counts.postings !== known.postings || counts.entries !== known.entries || mismatched.length)
      throw new LedgerMonthRefused(
        'LEDGER_MONTH_DUMP_MISMATCH',
        `恢复的 ${month} 与归档记录不符：过账 ${counts.postings}/${known.postings}，分录 ${counts.entries}/${known.entries}，` +
          `账户 [${mismatched.join(', ')}] 与检查点不符；表未挂回`,
      );
    for (const table of LEDGER_MONTH_TABLES) await months.attach(table, month, known);
    await months.forget(month);
  });
  return { month, result: 'restored', dumpFile, postings: known.postings, entries: known.entries };
}

function sha256Of(file: string): Promise<string> {
  return new Promise((done, fail) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => done(hash.digest('hex')))
      .on('error', fail);
  });
}
