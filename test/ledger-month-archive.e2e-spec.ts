import 'reflect-metadata';
import { reconcile } from '@app/ledger';
import { dataSourceOptions, rebuildReportRollups } from '@app/persistence';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { LedgerMonthRefused, archiveLedgerMonth, restoreLedgerMonth } from '../apps/cli/src/ledger-months.js';
import { eventually } from './support/services.js';
import { TestStack } from './support/stack.js';
import { cyclingTrip, idempotencyKey } from './support/trips.js';

/** A calendar month of Asia/Shanghai, `monthsFromNow` away: its 'YYYY-MM' and an instant on its 15th. */
const month = (monthsFromNow: number) => {
  const now = new Date(Date.now() + 8 * 3_600_000);
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + monthsFromNow, 1));
  const name = `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, '0')}`;
  return { name, mid: new Date(first.getTime() + 14 * 86_400_000).toISOString() };
};

describe('archiving the oldest ledger month behind a balance checkpoint', () => {
  let stack: TestStack;
  let dataSource: DataSource;
  let databaseUrl: string;
  let dir: string;
  let trips = 0;
  const last = month(-1);

  beforeAll(async () => {
    stack = await TestStack.start({ admin: true });
    databaseUrl = stack.env.config().database.url;
    dataSource = await new DataSource(dataSourceOptions(stack.env.config())).initialize();
    dir = await mkdtemp(join(tmpdir(), 'ledger-archive-'));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await stack?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Submits one 100 g bike trip for the citizen and waits until it is settled; answers its id. */
  const settleTrip = async (token: string): Promise<string> => {
    trips += 1;
    const { body } = await stack.api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: cyclingTrip(2952, 15, { startsMinutesAgo: 30 + 20 * trips }),
      headers: { 'idempotency-key': idempotencyKey('archive') },
    });
    await eventually(async () => {
      const [row] = await stack.env.query<{ status: string }>(`SELECT status FROM actions WHERE id = $1`, [
        body.id,
      ]);
      return row?.status === 'settled' ? true : undefined;
    });
    return body.id;
  };
  const accounts = () =>
    stack.env.query<{ id: string; balance: string; version: string }>(
      `SELECT id::text, balance::text, version::text FROM accounts ORDER BY id`,
    );
  const expectClean = async () => expect((await reconcile(dataSource.manager)).violations).toEqual([]);
  const audit = (id: string) =>
    stack.api.request('GET', `/admin/v1/actions/${id}/audit`, { token: stack.admin });
  const archive = (name: string) => archiveLedgerMonth(dataSource, databaseUrl, name, dir);
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'accepted',
      (error: unknown) => (error instanceof LedgerMonthRefused ? error.code : String(error)),
    );

  it('archives, keeps reconciling and settling, refuses what it must, and restores', async () => {
    const ana = await stack.api.login('archive-ana');
    const bo = await stack.api.login('archive-bo');
    const old = [await settleTrip(ana.token), await settleTrip(bo.token)];
    // Last month's ledger: these postings and entries move to last month's partitions (a test-only
    // move with the ledger's triggers off, as if written then), key rows with them.
    await stack.env.query(
      `SELECT ensure_month_partition('ledger_entries', $1), ensure_month_partition('ledger_postings', $1)`,
      [`${last.name}-01`],
    );
    await stack.env.query(`
      BEGIN;
      SET LOCAL session_replication_role = replica;
      UPDATE ledger_entries SET created_at = '${last.mid}';
      UPDATE ledger_postings SET created_at = '${last.mid}';
      UPDATE ledger_posting_keys SET created_at = '${last.mid}';
      COMMIT;`);
    await rebuildReportRollups(dataSource); // the points flows' days follow the entries
    const cy = await stack.api.login('archive-cy');
    const recent = [await settleTrip(ana.token), await settleTrip(cy.token)];
    await expectClean();
    const before = await accounts();

    // This month is open; the month before last is not the oldest month still in the database.
    expect(await refusal(archive(month(0).name))).toBe('LEDGER_MONTH_OPEN');
    expect(await refusal(archive(month(-2).name))).toBe('LEDGER_MONTH_NOT_OLDEST');
    expect(await refusal(archive('2026-13'))).toBe('LEDGER_MONTH_INVALID');

    const archived = await archive(last.name);
    expect(archived).toMatchObject({ month: last.name, result: 'archived', postings: '2' });
    expect(existsSync(archived.dumpFile)).toBe(true);
    const [gone] = await stack.env.query<{
      entries: string | null;
      postings: string | null;
      checkpoints: number;
    }>(
      `SELECT to_regclass($1)::text AS entries, to_regclass($2)::text AS postings,
              (SELECT count(*)::int FROM ledger_checkpoints) AS checkpoints`,
      [`ledger_entries_p${last.name.replace('-', '_')}`, `ledger_postings_p${last.name.replace('-', '_')}`],
    );
    expect(gone).toEqual({ entries: null, postings: null, checkpoints: expect.any(Number) as number });
    expect(gone.checkpoints).toBeGreaterThanOrEqual(4);
    expect(await accounts()).toEqual(before);
    await expectClean();
    // The reports' rebuild keeps the archived month's points flows (its entries are gone).
    await rebuildReportRollups(dataSource);
    await expectClean();
    expect(await archive(last.name)).toMatchObject({ result: 'already' });

    // The audit of an action settled in the archived month says so; a live one still answers.
    const archivedAudit = await audit(old[0]);
    expect(archivedAudit.status).toBe(410);
    expect(archivedAudit.body).toMatchObject({
      code: 'LEDGER_MONTH_ARCHIVED',
      details: { month: last.name },
    });
    const liveAudit = await audit(recent[0]);
    expect(liveAudit.status).toBe(200);
    expect((liveAudit.body.postings as unknown[]).length).toBeGreaterThan(0);

    // Settling continues the chain from the checkpoint: Ana's carbon account goes on from version 2.
    await settleTrip(ana.token);
    const [carbon] = await stack.env.query<{ versions: string; balance_after: string }>(
      `SELECT string_agg(e.account_version::text, ',' ORDER BY e.account_version) AS versions,
              max(e.balance_after)::text AS balance_after
         FROM ledger_entries e JOIN accounts a ON a.id = e.account_id
        WHERE a.kind = 'citizen_carbon' AND a.owner = $1`,
      [ana.citizenId],
    );
    expect(carbon).toEqual({ versions: '2,3', balance_after: '300' });
    await expectClean();

    // The dump comes back: attached again, checkpoints of that month forgotten, still clean.
    const afterSettling = await accounts();
    expect(await restoreLedgerMonth(dataSource, databaseUrl, last.name, dir)).toMatchObject({
      result: 'restored',
    });
    const [back] = await stack.env.query<{ parent: string; checkpoints: number; archived: number }>(
      `SELECT (SELECT inhparent::regclass::text FROM pg_inherits WHERE inhrelid = $1::regclass) AS parent,
              (SELECT count(*)::int FROM ledger_checkpoints) AS checkpoints,
              (SELECT count(*)::int FROM ledger_archived_months) AS archived`,
      [`ledger_entries_p${last.name.replace('-', '_')}`],
    );
    expect(back).toEqual({ parent: 'ledger_entries', checkpoints: 0, archived: 0 });
    expect(await accounts()).toEqual(afterSettling);
    await expectClean();
    const restoredAudit = await audit(old[0]);
    expect(restoredAudit.status).toBe(200);
    expect((restoredAudit.body.postings as unknown[]).length).toBeGreaterThan(0);
    expect(await restoreLedgerMonth(dataSource, databaseUrl, last.name, dir)).toMatchObject({
      result: 'already',
    });
  });
});
