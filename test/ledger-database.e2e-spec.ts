import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { LedgerWriter, accountOf, type Posting } from '@app/ledger';
import { dataSourceOptions, runMigrationsUnderLock } from '@app/persistence';
import { MIGRATIONS } from '../libs/persistence/src/migrations/index.js';
import { DataSource } from 'typeorm';
import { FILE_DB_PREFIX, databaseUrl, dropDatabase, withServer } from './support/databases.js';
import { TestEnvironment } from './support/environment.js';
import { RAW_POSTINGS_SQL, rawPostingParams } from './support/raw-postings.js';

/** The ledger's rules hold in the database itself, whatever code talks to it. */
describe('ledger rules enforced by PostgreSQL', () => {
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

  it('writes a posting once per idempotency key, with running balances and versions', async () => {
    const first = await dataSource.transaction((m) =>
      writer.post(m, [issue('p-1', 'c-1', 10n), issue('p-2', 'c-1', 5n)]),
    );
    expect(first).toMatchObject({ written: 2, replayed: 0 });
    const again = await dataSource.transaction((m) =>
      writer.post(m, [issue('p-2', 'c-1', 5n), issue('p-3', 'c-1', 1n)]),
    );
    expect(again).toMatchObject({ written: 1, replayed: 1 });
    expect(again.postingIds.get('p-2')).toBe(first.postingIds.get('p-2'));

    const entries = await env.query<{ amount: string; balance_after: string; account_version: string }>(
      `SELECT e.amount, e.balance_after, e.account_version FROM ledger_entries e JOIN accounts a ON a.id = e.account_id
       WHERE a.kind = 'citizen_points' AND a.owner = 'c-1' ORDER BY e.account_version`,
    );
    expect(entries).toEqual([
      { amount: '10', balance_after: '10', account_version: '1' },
      { amount: '5', balance_after: '15', account_version: '2' },
      { amount: '1', balance_after: '16', account_version: '3' },
    ]);
    const [account] = await env.query<{ balance: string; version: string }>(
      `SELECT balance, version FROM accounts WHERE kind = 'citizen_points' AND owner = 'c-1'`,
    );
    expect(account).toEqual({ balance: '16', version: '3' });
  });

  it('refuses to update, delete or truncate entries and postings', async () => {
    await expect(env.query(`UPDATE ledger_entries SET amount = amount + 1`)).rejects.toThrow(/append-only/);
    await expect(env.query(`DELETE FROM ledger_entries`)).rejects.toThrow(/append-only/);
    await expect(env.query(`TRUNCATE ledger_entries CASCADE`)).rejects.toThrow(/append-only/);
    await expect(env.query(`UPDATE ledger_postings SET reason = 'X'`)).rejects.toThrow(/append-only/);
    await expect(env.query(`DELETE FROM ledger_postings`)).rejects.toThrow(/append-only/);
  });

  it('refuses entries that do not balance per posting and asset', async () => {
    const [{ id: postingId }] = await env.query<{ id: string }>(
      RAW_POSTINGS_SQL,
      rawPostingParams([{ key: 'raw-1' }]),
    );
    const [{ id: accountId }] = await env.query<{ id: string }>(
      `SELECT id FROM accounts WHERE kind = 'points_issuance'`,
    );
    await expect(
      env.query(
        `INSERT INTO ledger_entries (posting_id, account_id, asset, amount, balance_after, account_version) VALUES ($1, $2, 'POINTS', 7, 7, 999)`,
        [postingId, accountId],
      ),
    ).rejects.toThrow(/does not balance/);
    expect(await env.query(`SELECT id FROM ledger_entries WHERE posting_id = $1`, [postingId])).toEqual([]);
  });

  it('refuses entries naming a posting or account that does not exist, and keeps accounts that entries name', async () => {
    const [{ id: postingId }] = await env.query<{ id: string }>(
      RAW_POSTINGS_SQL,
      rawPostingParams([{ key: 'raw-orphan' }]),
    );
    const [{ id: accountId }] = await env.query<{ id: string }>(
      `SELECT id FROM accounts WHERE kind = 'points_issuance' ORDER BY id LIMIT 1`,
    );
    const entries = (posting: string, account: string) =>
      env.query(
        `INSERT INTO ledger_entries (posting_id, account_id, asset, amount, balance_after, account_version)
         VALUES ($1, $2, 'POINTS', 7, 7, 997), ($1, $3, 'POINTS', -7, -7, 998)`,
        [posting, accountId, account],
      );
    await expect(entries(postingId, '999999999')).rejects.toMatchObject({ code: '23503' });
    await expect(entries('999999999', accountId)).rejects.toMatchObject({ code: '23503' });
    expect(await env.query(`SELECT id FROM ledger_entries WHERE account_version IN (997, 998)`)).toEqual([]);
    await expect(env.query(`DELETE FROM accounts WHERE id = $1`, [accountId])).rejects.toMatchObject({
      code: '23503',
    });
    await expect(env.query(`UPDATE accounts SET id = -1 WHERE id = $1`, [accountId])).rejects.toMatchObject({
      code: '23503',
    });
    await expect(env.query(`TRUNCATE accounts CASCADE`)).rejects.toMatchObject({ code: '23503' });
  });

  it('refuses a posting that has not claimed its own idempotency key, whoever inserts it', async () => {
    const direct = (key: string) =>
      env.query(
        `INSERT INTO ledger_postings (idempotency_key, cause_type, cause_id, reason) VALUES ($1, 'action', 'raw', 'TEST')`,
        [key],
      );
    // No key row at all; a key taken by another posting; a key row of this id but another month.
    await expect(direct('never-claimed')).rejects.toMatchObject({ code: '23505' });
    const [{ id: taken }] = await env.query<{ id: string }>(
      RAW_POSTINGS_SQL,
      rawPostingParams([{ key: 'taken' }]),
    );
    await expect(direct('taken')).rejects.toMatchObject({ code: '23505' });
    await expect(
      env.query(
        `INSERT INTO ledger_postings (id, created_at, idempotency_key, cause_type, cause_id, reason)
         SELECT id, created_at - interval '40 days', idempotency_key, 'action', 'raw', 'TEST'
           FROM ledger_posting_keys WHERE id = $1`,
        [taken],
      ),
    ).rejects.toMatchObject({ code: '23505' });
    const rows = await env.query<{ id: string; idempotency_key: string }>(
      `SELECT id, idempotency_key FROM ledger_postings WHERE idempotency_key IN ('never-claimed', 'taken')`,
    );
    expect(rows).toEqual([{ id: taken, idempotency_key: 'taken' }]);
    expect(
      await env.query(
        `SELECT idempotency_key FROM ledger_posting_keys WHERE idempotency_key = 'never-claimed'`,
      ),
    ).toEqual([]);
  });

  it('posts a key claimed by a concurrent writer once: the second writer waits, then replays it', async () => {
    const first = await dataSource.createQueryRunner();
    await first.connect();
    await first.startTransaction();
    try {
      const written = await writer.post(first.manager, [issue('race-1', 'c-race', 4n)]);
      expect(written).toMatchObject({ written: 1, replayed: 0 });
      const second = dataSource.transaction((m) => writer.post(m, [issue('race-1', 'c-race', 4n)]));
      await new Promise((resolve) => setTimeout(resolve, 300));
      await first.commitTransaction();
      const replay = await second;
      expect(replay).toMatchObject({ written: 0, replayed: 1 });
      expect(replay.postingIds.get('race-1')).toBe(written.postingIds.get('race-1'));
    } finally {
      await first.release();
    }
    expect(await env.balances('c-race')).toEqual({ citizen_points: '4' });
    const [count] = await env.query<{ postings: number; keys: number }>(
      `SELECT (SELECT count(*)::int FROM ledger_postings WHERE idempotency_key = 'race-1') AS postings,
              (SELECT count(*)::int FROM ledger_posting_keys WHERE idempotency_key = 'race-1') AS keys`,
    );
    expect(count).toEqual({ postings: 1, keys: 1 });
  });

  it('refuses a points lot naming a posting that does not exist, and keeps the postings lots name', async () => {
    const [{ id: postingId }] = await env.query<{ id: string }>(
      RAW_POSTINGS_SQL,
      rawPostingParams([{ key: 'lot-1' }]),
    );
    const lot = (posting: string) =>
      env.query<{ id: string }>(
        `INSERT INTO points_lots (citizen_id, posting_id, points, remaining, earned_at, expires_at)
         VALUES (gen_random_uuid(), $1, 5, 5, now(), now() + interval '1 year') RETURNING id`,
        [posting],
      );
    await expect(lot('999999999')).rejects.toMatchObject({ code: '23503' });
    const [{ id: lotId }] = await lot(postingId);
    await expect(
      env.query(`UPDATE points_lots SET posting_id = 999999999 WHERE id = $1`, [lotId]),
    ).rejects.toMatchObject({ code: '23503' });
    await env.query(`UPDATE points_lots SET remaining = 2 WHERE id = $1`, [lotId]);
    expect(
      await env.query(`SELECT posting_id, remaining FROM points_lots WHERE posting_id IN ($1, 999999999)`, [
        postingId,
      ]),
    ).toEqual([{ posting_id: postingId, remaining: '2' }]);
    await expect(env.query(`TRUNCATE ledger_posting_keys CASCADE`)).rejects.toThrow(/append-only/);
    await expect(env.query(`DELETE FROM ledger_posting_keys WHERE id = $1`, [postingId])).rejects.toThrow(
      /append-only/,
    );
  });

  it('refuses an action naming a posting that does not exist, on insert and on update', async () => {
    const [{ id: postingId }] = await env.query<{ id: string }>(
      RAW_POSTINGS_SQL,
      rawPostingParams([{ key: 'action-posting' }]),
    );
    const [{ id: citizen }] = await env.query<{ id: string }>(
      `INSERT INTO citizens (openid_digest, district_code) VALUES ('ledger-db-action-posting', '370102') RETURNING id`,
    );
    const action = (posting: string | null) =>
      env.query<{ id: string }>(
        `INSERT INTO actions (citizen_id, district_code, methodology_id, source, idempotency_scope, idempotency_key,
                              request_hash, payload, occurred_at, posting_id)
         VALUES ($1::uuid, '370102', 'cycling', 'self', $1::text, gen_random_uuid()::text, repeat('0', 64), '{}', now(), $2)
         RETURNING id`,
        [citizen, posting],
      );
    await expect(action('999999999')).rejects.toMatchObject({ code: '23503' });
    const [{ id: actionId }] = await action(null);
    await expect(
      env.query(`UPDATE actions SET posting_id = 999999999 WHERE id = $1`, [actionId]),
    ).rejects.toMatchObject({ code: '23503' });
    await env.query(`UPDATE actions SET posting_id = $2 WHERE id = $1`, [actionId, postingId]);
    const [named] = await action(postingId);
    expect(
      await env.query(`SELECT id, posting_id FROM actions WHERE citizen_id = $1 ORDER BY posting_id, id`, [
        citizen,
      ]),
    ).toEqual(
      [
        { id: actionId, posting_id: postingId },
        { id: named.id, posting_id: postingId },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
  });

  it('refuses an unbalanced posting in code before it reaches the database', async () => {
    const bad: Posting = {
      ...issue('p-bad', 'c-2', 3n),
      lines: [{ account: accountOf.citizenPoints('c-2'), amount: 3n }],
    };
    await expect(dataSource.transaction((m) => writer.post(m, [bad]))).rejects.toMatchObject({
      code: 'LEDGER_UNBALANCED',
    });
    expect(await env.query(`SELECT id FROM ledger_postings WHERE idempotency_key = 'p-bad'`)).toEqual([]);
  });

  it('never lets a citizen points balance go negative', async () => {
    const spend: Posting = {
      idempotencyKey: 'overspend',
      causeType: 'redemption',
      causeId: 'r-1',
      reason: 'TEST',
      lines: [
        { account: accountOf.citizenPoints('c-1'), amount: -17n },
        { account: accountOf.pointsIssuance(), amount: 17n },
      ],
    };
    await expect(dataSource.transaction((m) => writer.post(m, [spend]))).rejects.toThrow(/check constraint/);
    expect(await env.query(`SELECT id FROM ledger_postings WHERE idempotency_key = 'overspend'`)).toEqual([]);
  });

  it('refuses edits to a published methodology version', async () => {
    await expect(
      env.query(
        `UPDATE methodology_versions SET params = '{}' WHERE methodology_id = 'cycling' AND version = 1`,
      ),
    ).rejects.toThrow(/immutable/);
    await expect(
      env.query(`DELETE FROM methodology_versions WHERE methodology_id = 'cycling'`),
    ).rejects.toThrow(/cannot be deleted/);
  });

  it('applies migrations once when several processes start together', async () => {
    const name = `${FILE_DB_PREFIX}${Date.now()}_migrate`;
    await withServer((client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
    const sources = await Promise.all(
      [1, 2, 3].map(() =>
        new DataSource(dataSourceOptions(loadConfig({ DATABASE_URL: databaseUrl(name) }))).initialize(),
      ),
    );
    try {
      const results = await Promise.all(sources.map((source) => runMigrationsUnderLock(source)));
      expect(results.map((applied) => applied.length).sort()).toEqual([0, 0, MIGRATIONS.length]);
      const [{ n }] = await sources[0].query(`SELECT count(*)::int AS n FROM schema_migrations`);
      expect(n).toBe(MIGRATIONS.length);
    } finally {
      await Promise.all(sources.map((source) => source.destroy()));
      await withServer((client) => dropDatabase(client, name));
    }
  });
});
