import 'reflect-metadata';
import { LedgerWriter, accountOf, type Posting } from '@app/ledger';
import { dataSourceOptions } from '@app/persistence';
import { DataSource } from 'typeorm';
import { TestEnvironment } from './support/environment.js';

const FIRST = 'PostingKeysClaimedPerStatement1765360000010';
/** The entries' reference check as one WHERE of two NOT EXISTS (before migration 014). */
const OR_CHECK = `pg_get_functiondef('check_entries_balance'::regproc) LIKE '%OR NOT EXISTS%'`;

/**
 * Migrations 1765360000010–014 (posting keys claimed by the writer, lookups by key through the key
 * table, the lots' and actions' references to postings checked per statement, the entries' references
 * checked by two anti-joins) undone and applied
 * again on a database with postings and lots: each rule is back in its old form after `down`, the
 * rows are untouched, and the writer works again after `up`.
 */
describe('the ledger key migrations, down and up', () => {
  let env: TestEnvironment;
  let dataSource: DataSource;
  const writer = new LedgerWriter();

  beforeAll(async () => {
    env = await TestEnvironment.create();
    dataSource = await new DataSource(dataSourceOptions(env.config())).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await env?.dispose();
  });

  const issue = (key: string, citizen: string, points: bigint): Posting => ({
    idempotencyKey: key,
    causeType: 'action',
    causeId: key,
    reason: 'TEST',
    lines: [
      { account: accountOf.citizenPoints(citizen), amount: points },
      { account: accountOf.pointsIssuance(), amount: -points },
    ],
  });
  const lot = (posting: string) =>
    env.query<{ id: string }>(
      `INSERT INTO points_lots (citizen_id, posting_id, points, remaining, earned_at, expires_at)
       VALUES (gen_random_uuid(), $1, 5, 5, now(), now() + interval '1 year') RETURNING id`,
      [posting],
    );
  /** Balanced entries of a posting, one of them on an account that does not exist. */
  const orphanEntries = async (posting: string) => {
    const [{ id: account }] = await env.query<{ id: string }>(`SELECT min(id)::text AS id FROM accounts`);
    return env.query(
      `INSERT INTO ledger_entries (posting_id, account_id, asset, amount, balance_after, account_version)
       VALUES ($1, $2, 'POINTS', 7, 7, 990), ($1, 999999999, 'POINTS', -7, -7, 991)`,
      [posting, account],
    );
  };
  const applied = async () =>
    (await env.query<{ name: string }>(`SELECT name FROM schema_migrations ORDER BY id`)).map((m) => m.name);
  const rules = async () =>
    (
      await env.query<{ rules: Record<string, string[]> }>(`
        SELECT json_build_object(
          'postingTriggers', (SELECT json_agg(tgname ORDER BY tgname) FROM pg_trigger
                               WHERE tgrelid = 'ledger_postings'::regclass AND NOT tgisinternal),
          'lookupIndexes', (SELECT coalesce(json_agg(indexname), '[]') FROM pg_indexes
                             WHERE tablename = 'ledger_postings' AND indexdef LIKE '%(idempotency_key)%'),
          'foreignKeys', (SELECT coalesce(json_agg(conname ORDER BY conname), '[]') FROM pg_constraint
                           WHERE contype = 'f' AND conparentid = 0 AND confrelid = 'ledger_posting_keys'::regclass),
          'entryChecksInOneWhere', ${OR_CHECK}
        ) AS rules`)
    )[0].rules;
  const contents = async () =>
    (
      await env.query(
        `SELECT (SELECT json_agg(p ORDER BY p.id) FROM ledger_postings p) AS postings,
                (SELECT json_agg(k ORDER BY k.id) FROM ledger_posting_keys k) AS keys,
                (SELECT json_agg(l ORDER BY l.id) FROM points_lots l) AS lots`,
      )
    )[0];

  it('restores the row trigger, the lookup index and the foreign keys, and removes them again', async () => {
    const written = await dataSource.transaction((m) =>
      writer.post(m, [issue('mig-1', 'c-mig', 3n), issue('mig-2', 'c-mig', 4n)]),
    );
    await lot(written.postingIds.get('mig-1')!);
    const after = await rules();
    expect(after).toEqual({
      postingTriggers: [
        'ledger_postings_append_only',
        'ledger_postings_keys_claimed',
        'ledger_postings_no_truncate',
      ],
      lookupIndexes: [],
      foreignKeys: ['retirements_posting_id_fkey'],
      entryChecksInOneWhere: false,
    });
    const rows = await contents();

    while ((await applied()).includes(FIRST)) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await rules()).toEqual({
      postingTriggers: [
        'ledger_postings_append_only',
        'ledger_postings_claim_key',
        'ledger_postings_no_truncate',
      ],
      lookupIndexes: ['ledger_postings_idempotency_lookup'],
      foreignKeys: ['actions_posting_fk', 'points_lots_posting_id_fkey', 'retirements_posting_id_fkey'],
      entryChecksInOneWhere: true,
    });
    expect(await contents()).toEqual(rows);
    // The old rules at work: a plain INSERT claims its key through the row trigger, a taken key is
    // skipped, and the foreign key refuses an orphan lot.
    const plain = (key: string) =>
      env.query<{ id: string }>(
        `INSERT INTO ledger_postings (idempotency_key, cause_type, cause_id, reason)
         VALUES ($1, 'action', 'raw', 'TEST') ON CONFLICT DO NOTHING RETURNING id`,
        [key],
      );
    const [{ id: plainId }] = await plain('mig-down');
    expect(await plain('mig-1')).toEqual([]);
    expect(
      await env.query(`SELECT id::text FROM ledger_posting_keys WHERE idempotency_key = 'mig-down'`),
    ).toEqual([{ id: plainId }]);
    await expect(lot('999999999')).rejects.toMatchObject({ code: '23503' });
    await expect(orphanEntries(plainId)).rejects.toMatchObject({ code: '23503' });

    await dataSource.runMigrations({ transaction: 'each' });
    expect(await rules()).toEqual(after);
    await expect(plain('mig-up')).rejects.toMatchObject({ code: '23505' });
    await expect(lot('999999999')).rejects.toMatchObject({ code: '23503' });
    const again = await dataSource.transaction((m) =>
      writer.post(m, [issue('mig-2', 'c-mig', 4n), issue('mig-3', 'c-mig', 5n)]),
    );
    await expect(orphanEntries(written.postingIds.get('mig-1')!)).rejects.toMatchObject({ code: '23503' });
    expect(again).toMatchObject({ written: 1, replayed: 1 });
    expect(again.postingIds.get('mig-2')).toBe(written.postingIds.get('mig-2'));
    expect(await env.balances('c-mig')).toEqual({ citizen_points: '12' });
    const [counts] = await env.query<{ postings: number; keys: number }>(
      `SELECT (SELECT count(*)::int FROM ledger_postings) AS postings,
              (SELECT count(*)::int FROM ledger_posting_keys) AS keys`,
    );
    expect(counts.postings).toBe(counts.keys);
  });
});
