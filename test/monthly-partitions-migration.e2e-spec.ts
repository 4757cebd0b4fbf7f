import { reconcile } from '@app/ledger';
import { dataSourceOptions } from '@app/persistence';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TestEnvironment } from './support/environment.js';
import { eventually, startWorker, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { cyclingTrip, idempotencyKey } from './support/trips.js';

const MONTHLY_PARTITIONS = 'MonthlyPartitions1765330000000';
const TABLES = ['actions', 'ledger_entries', 'ledger_postings'];

/** A month's partition name, as ensure_month_partition names it (calendar month in Asia/Shanghai). */
const monthOf = (monthsFromNow: number) => {
  const now = new Date(Date.now() + 8 * 3_600_000); // the wall clock in Asia/Shanghai
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + monthsFromNow, 1));
  return `${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
};

/**
 * The MonthlyPartitions migration on a database that had actions and ledger rows before it: rows of an
 * older month and of this one are made through the app, the migration is undone, one citizen's action
 * and its postings are moved two months back, and migrating again must keep every row, index, trigger
 * and rule, put each row in its month's partition, and leave reconciliation and the audit working.
 */
describe('the MonthlyPartitions migration on a database with actions and postings', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let worker: INestApplicationContext | undefined;
  let dataSource: DataSource;

  beforeAll(async () => {
    stack = await TestStack.start({ workers: 0, auditor: true });
    ({ env, api } = stack);
    worker = await startWorker(env.config());
    dataSource = await new DataSource(dataSourceOptions(env.config())).initialize();
  });

  afterAll(async () => {
    await worker?.close();
    await dataSource?.destroy();
    await stack?.stop();
  });

  const settled = (id: string) =>
    eventually(async () => {
      const [row] = await env.query<{ status: string }>(`SELECT status FROM actions WHERE id = $1`, [id]);
      return ['settled', 'rejected'].includes(row?.status) ? row : undefined;
    });

  /** A ride settled; rides of one citizen start `startsMinutesAgo` apart, so none overlaps another. */
  async function ride(token: string, key = idempotencyKey(), startsMinutesAgo = 120) {
    const submit = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: cyclingTrip(5000, 20, { startsMinutesAgo }),
      headers: { 'idempotency-key': key },
    });
    expect(submit.status).toBe(202);
    expect(await settled(submit.body.id)).toEqual({ status: 'settled' });
    return submit.body.id;
  }

  /** Every row of the three tables, as JSON: the same after a rebuild, column for column. */
  const contents = async () =>
    (
      await env.query<Record<string, unknown>>(
        `SELECT (SELECT json_agg(a ORDER BY a.id) FROM actions a) AS actions,
                (SELECT json_agg(p ORDER BY p.id) FROM ledger_postings p) AS postings,
                (SELECT json_agg(e ORDER BY e.id) FROM ledger_entries e) AS entries`,
      )
    )[0];
  const relkinds = async () =>
    Object.fromEntries(
      (
        await env.query<{ relname: string; relkind: string }>(
          `SELECT relname, relkind FROM pg_class WHERE relname = ANY($1) ORDER BY 1`,
          [TABLES],
        )
      ).map((r) => [r.relname, r.relkind]),
    );
  const catalog = async (kind: 'indexes' | 'triggers') =>
    env.query<{ table: string; name: string }>(
      kind === 'indexes'
        ? `SELECT tablename AS table, indexname AS name FROM pg_indexes WHERE tablename = ANY($1)
            ORDER BY tablename COLLATE "C", indexname COLLATE "C"`
        : `SELECT tgrelid::regclass::text AS table, tgname AS name FROM pg_trigger
            WHERE tgrelid::regclass::text = ANY($1) AND NOT tgisinternal ORDER BY 1, 2`,
      [TABLES],
    );
  const appliedMigrations = async () =>
    (await env.query<{ name: string }>(`SELECT name FROM schema_migrations ORDER BY id`)).map((m) => m.name);
  const audit = (id: string) =>
    api.request<{ action: { id: string; receivedAt: string }; postings: unknown[] }>(
      'GET',
      `/admin/v1/actions/${id}/audit`,
      { token: stack.auditor },
    );

  it('rebuilds the tables partitioned by month, every row and rule kept, across months', async () => {
    const old = await api.login('partition-old-month', '370102');
    const recent = await api.login('partition-this-month', '370102');
    const oldKey = idempotencyKey();
    const oldAction = await ride(old.token, oldKey);
    const recentAction = await ride(recent.token);

    // Back to the schema before the migration, and one citizen's history two months back.
    await worker?.close();
    worker = undefined;
    while ((await appliedMigrations()).includes(MONTHLY_PARTITIONS))
      await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await relkinds()).toEqual({ actions: 'r', ledger_entries: 'r', ledger_postings: 'r' });
    // The ledger refuses edits: the test lifts its triggers for this one transaction, as a restore would.
    await env.query(`
      BEGIN;
      SET LOCAL session_replication_role = replica;
      UPDATE actions SET received_at = received_at - interval '2 months' WHERE id = '${oldAction}';
      UPDATE ledger_postings SET created_at = created_at - interval '2 months' WHERE action_id = '${oldAction}';
      UPDATE ledger_entries SET created_at = created_at - interval '2 months'
       WHERE posting_id IN (SELECT id FROM ledger_postings WHERE action_id = '${oldAction}');
      COMMIT;`);
    const before = await contents();
    const indexesBefore = await catalog('indexes');
    const triggersBefore = await catalog('triggers');

    const applied = await dataSource.runMigrations({ transaction: 'each' });
    // MonthlyPartitions first, then whatever later migrations sit above it (undone by the loop above).
    expect(applied[0]?.name).toBe(MONTHLY_PARTITIONS);

    expect(await relkinds()).toEqual({ actions: 'p', ledger_entries: 'p', ledger_postings: 'p' });
    expect(await contents()).toEqual(before);
    // Each row sits in its month's partition.
    const homes = await env.query<{ home: string }>(
      `SELECT tableoid::regclass::text AS home FROM actions WHERE id = ANY($1) ORDER BY received_at`,
      [[oldAction, recentAction]],
    );
    expect(homes.map((h) => h.home)).toEqual([`actions_p${monthOf(-2)}`, `actions_p${monthOf(0)}`]);
    const postingHomes = await env.query<{ home: string }>(
      `SELECT DISTINCT e.tableoid::regclass::text AS home FROM ledger_entries e
         JOIN ledger_postings p ON p.id = e.posting_id WHERE p.action_id = $1`,
      [oldAction],
    );
    expect(postingHomes).toEqual([{ home: `ledger_entries_p${monthOf(-2)}` }]);
    const partitions = await env.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'actions'::regclass ORDER BY 1`,
    );
    expect(partitions.map((p) => p.name).sort()).toEqual(
      ['actions_default', ...[-2, -1, 0, 1, 2, 3].map((m) => `actions_p${monthOf(m)}`)].sort(),
    );

    // The same indexes by name, but for the uniques that now live in the key tables; the same
    // triggers, plus the key tables' own.
    const renamed: Record<string, string> = {
      actions_idempotency_scope_idempotency_key_key: 'actions_idempotency_lookup',
      ledger_postings_idempotency_key_key: 'ledger_postings_idempotency_lookup',
      ledger_entries_account_id_account_version_key: 'ledger_entries_account_version',
    };
    // ActionQueue (1765360000000, above this one) moved the three queue indexes to action_queue.
    const queueIndexes = ['actions_quantification_queue', 'actions_review_queue', 'actions_settlement_queue'];
    // Later migrations, run after it here: PostingKeyLookupsByKeyTable drops the postings' lookup
    // index; PostingKeysClaimedPerStatement replaces the key-claiming row trigger of postings by a
    // statement check; LotPostingsPerStatement and ActionPostingsPerStatement drop the lots' and the
    // actions' foreign keys to postings for statement checks.
    const expectedIndexes = indexesBefore
      .filter((i) => !queueIndexes.includes(i.name))
      .map((i) => ({ ...i, name: renamed[i.name] ?? i.name }))
      .filter((i) => i.name !== 'ledger_postings_idempotency_lookup')
      .sort((a, b) => (`${a.table} ${a.name}` < `${b.table} ${b.name}` ? -1 : 1));
    expect(await catalog('indexes')).toEqual(expectedIndexes);
    expect((await catalog('triggers')).map((t) => t.name).sort()).toEqual(
      [
        ...triggersBefore.map((t) => t.name),
        'actions_claim_key',
        'actions_move_key',
        'actions_release_key',
        'actions_queue_insert',
        'actions_queue_update',
        'actions_queue_delete',
        'ledger_postings_keys_claimed',
        'actions_postings_exist',
        'actions_inserted_posting_exists',
      ].sort(),
    );
    const foreignKeys = await env.query<{ name: string; target: string }>(
      `SELECT conname AS name, confrelid::regclass::text AS target FROM pg_constraint
        WHERE contype = 'f' AND conparentid = 0
          AND confrelid = ANY('{action_keys,ledger_posting_keys}'::regclass[]) ORDER BY 1`,
    );
    expect(foreignKeys).toEqual([
      { name: 'actions_superseded_by_fkey', target: 'action_keys' },
      { name: 'retirements_posting_id_fkey', target: 'ledger_posting_keys' },
    ]);

    // Reconciliation reads across the months; the audit opens the old month's action.
    expect((await reconcile(dataSource.manager)).violations).toEqual([]);
    const oldAudit = await audit(oldAction);
    expect(oldAudit.status).toBe(200);
    expect(oldAudit.body.action.id).toBe(oldAction);
    expect(oldAudit.body.postings.length).toBeGreaterThan(0);
    expect(Date.now() - Date.parse(oldAudit.body.action.receivedAt)).toBeGreaterThan(50 * 86_400_000);

    // The app writes into the partitions: a new ride settles; the old month's key still replays.
    worker = await startWorker(env.config());
    const another = await ride(old.token, idempotencyKey(), 300);
    const replay = await api.request<{ id: string }>('POST', '/v1/actions', {
      token: old.token,
      body: cyclingTrip(5000, 20),
      headers: { 'idempotency-key': oldKey },
    });
    expect(replay.body.id).toBe(oldAction);
    const [counts] = await env.query<{ actions: number; keys: number }>(
      `SELECT (SELECT count(*)::int FROM actions) AS actions, (SELECT count(*)::int FROM action_keys) AS keys`,
    );
    expect(counts).toEqual({ actions: 3, keys: 3 });
    expect((await audit(another)).status).toBe(200);
    expect((await reconcile(dataSource.manager)).violations).toEqual([]);

    // And down again: one table each, the same rows.
    await worker.close();
    worker = undefined;
    const partitioned = await contents();
    while ((await appliedMigrations()).includes(MONTHLY_PARTITIONS))
      await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await relkinds()).toEqual({ actions: 'r', ledger_entries: 'r', ledger_postings: 'r' });
    expect(await contents()).toEqual(partitioned);
    expect((await catalog('indexes')).map((i) => i.name)).toEqual(
      expect.arrayContaining(Object.keys(renamed)),
    );
    // Reconciliation reads tables of later migrations (ledger_checkpoints): it runs once they are back.
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await relkinds()).toEqual({ actions: 'p', ledger_entries: 'p', ledger_postings: 'p' });
    expect((await reconcile(dataSource.manager)).violations).toEqual([]);

    // The documented archival of an actions month: detached, its action is out of reach; attached
    // again (a restore), it is back; dropped, reconciliation still passes and its key stays taken.
    const oldMonth = `actions_p${monthOf(-2)}`;
    await env.query(`ALTER TABLE actions DETACH PARTITION ${oldMonth}`);
    expect(await audit(oldAction)).toMatchObject({ status: 404, body: { code: 'ACTION_NOT_FOUND' } });
    expect((await reconcile(dataSource.manager)).violations).toEqual([]);
    const [bounds] = await env.query<{ lo: string; hi: string }>(
      `SELECT date_trunc('month', min(received_at) AT TIME ZONE 'Asia/Shanghai')::text AS lo,
              (date_trunc('month', min(received_at) AT TIME ZONE 'Asia/Shanghai') + interval '1 month')::text AS hi
         FROM ${oldMonth}`,
    );
    await env.query(
      `ALTER TABLE actions ATTACH PARTITION ${oldMonth} FOR VALUES FROM ('${bounds.lo}+08') TO ('${bounds.hi}+08')`,
    );
    expect((await audit(oldAction)).status).toBe(200);
    await env.query(`ALTER TABLE actions DETACH PARTITION ${oldMonth}`);
    await env.query(`DROP TABLE ${oldMonth}`);
    expect((await reconcile(dataSource.manager)).violations).toEqual([]);
    const [{ scope }] = await env.query<{ scope: string }>(
      `SELECT idempotency_scope AS scope FROM action_keys WHERE id = $1`,
      [oldAction],
    );
    const again = await env.query(
      `INSERT INTO actions (citizen_id, district_code, methodology_id, source, idempotency_scope, idempotency_key,
                            request_hash, payload, occurred_at)
       VALUES ($1, '370102', 'cycling', 'self', $2, $3, repeat('0', 64), '{}', now()) ON CONFLICT DO NOTHING RETURNING id`,
      [old.citizenId, scope, oldKey],
    );
    expect(again).toEqual([]);
  });
});
