import { randomUUID } from 'node:crypto';
import { PartitionMaintenanceService } from '../apps/worker/src/partitions/partition-maintenance.service.js';
import type { TestEnvironment } from './support/environment.js';
import { RAW_POSTINGS_SQL, rawPostingParams } from './support/raw-postings.js';
import { TestStack } from './support/stack.js';

/** A month's suffix, as ensure_month_partition names partitions (calendar month in Asia/Shanghai). */
const monthOf = (monthsFromNow: number) => {
  const now = new Date(Date.now() + 8 * 3_600_000);
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + monthsFromNow, 1));
  return `${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
};
/** An instant in the middle of that month. */
const midMonth = (monthsFromNow: number) => {
  const now = new Date(Date.now() + 8 * 3_600_000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + monthsFromNow, 15)).toISOString();
};

describe('monthly partitions kept ahead, and keys unique across months', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let maintenance: PartitionMaintenanceService;
  let citizenId: string;

  beforeAll(async () => {
    stack = await TestStack.start();
    env = stack.env;
    maintenance = stack.worker.get(PartitionMaintenanceService);
    ({ citizenId } = await stack.api.login('partition-maintenance', '370102'));
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const partitionsOf = async (table: string) =>
    (
      await env.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
          WHERE i.inhparent = $1::regclass`,
        [table],
      )
    ).map((p) => p.name);
  const indexCount = async (partition: string) =>
    (
      await env.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = $1`, [
        partition,
      ])
    )[0].n;

  /** An action written straight to the table, received in the given instant. */
  const insertAction = (receivedAt: string, key = randomUUID()) =>
    env.query<{ id: string }>(
      `INSERT INTO actions (citizen_id, district_code, methodology_id, source, idempotency_scope, idempotency_key,
                            request_hash, payload, occurred_at, received_at)
       VALUES ($1, '370102', 'cycling', 'self', 'test', $2, repeat('0', 64), '{}', $3, $3)
       ON CONFLICT DO NOTHING RETURNING id`,
      [citizenId, key, receivedAt],
    );

  it('creates the months ahead that are missing, with the parent indexes, and says which', async () => {
    const first = await maintenance.run();
    expect(first).toHaveLength(3 * 4);
    expect(new Set(first.map((s) => s.status))).toEqual(new Set(['exists']));

    await env.query(`DROP TABLE ledger_entries_p${monthOf(3)}`);
    const again = await maintenance.run(5);
    const created = again.filter((s) => s.status === 'created').map((s) => s.partition);
    expect(created.sort()).toEqual(
      [
        `actions_p${monthOf(4)}`,
        `actions_p${monthOf(5)}`,
        `ledger_entries_p${monthOf(3)}`,
        `ledger_entries_p${monthOf(4)}`,
        `ledger_entries_p${monthOf(5)}`,
        `ledger_postings_p${monthOf(4)}`,
        `ledger_postings_p${monthOf(5)}`,
      ].sort(),
    );
    expect(await partitionsOf('actions')).toContain(`actions_p${monthOf(5)}`);
    expect(await indexCount(`actions_p${monthOf(5)}`)).toBe(await indexCount(`actions_p${monthOf(0)}`));
    expect(await indexCount(`ledger_entries_p${monthOf(3)}`)).toBe(
      await indexCount(`ledger_entries_p${monthOf(0)}`),
    );

    // A row of a month without a partition waits in DEFAULT; its month is reported, not created.
    const [{ id }] = await insertAction(midMonth(8));
    const [home] = await env.query<{ home: string }>(
      `SELECT tableoid::regclass::text AS home FROM actions WHERE id = $1`,
      [id],
    );
    expect(home.home).toBe('actions_default');
    const blocked = await maintenance.run(8);
    expect(blocked.find((s) => s.partition === `actions_p${monthOf(8)}`)?.status).toBe('blocked');
    expect(blocked.find((s) => s.partition === `actions_p${monthOf(7)}`)?.status).toBe('created');
    expect(blocked.find((s) => s.partition === `ledger_postings_p${monthOf(8)}`)?.status).toBe('created');

    // The documented way out (docs/design.md): the month's rows move from DEFAULT to their partition.
    const [{ start, next }] = await env.query<{ start: string; next: string }>(
      `SELECT m::date::text AS start, (m + interval '1 month')::date::text AS next
         FROM date_trunc('month', $1::timestamptz AT TIME ZONE 'Asia/Shanghai') m`,
      [midMonth(8)],
    );
    const inMonth = `received_at >= '${start} 00:00+08' AND received_at < '${next} 00:00+08'`;
    await env.query(`
      BEGIN;
      SET LOCAL lock_timeout = '5s';
      ALTER TABLE actions DETACH PARTITION actions_default;
      SELECT ensure_month_partition('actions', '${start}');
      SET LOCAL session_replication_role = replica;
      INSERT INTO actions SELECT * FROM actions_default WHERE ${inMonth};
      DELETE FROM actions_default WHERE ${inMonth};
      SET LOCAL session_replication_role = origin;
      ALTER TABLE actions ATTACH PARTITION actions_default DEFAULT;
      COMMIT;`);
    const [after] = await env.query<{ home: string; keys: number }>(
      `SELECT tableoid::regclass::text AS home, (SELECT count(*)::int FROM action_keys WHERE id = $1) AS keys
         FROM actions WHERE id = $1`,
      [id],
    );
    expect(after).toEqual({ home: `actions_p${monthOf(8)}`, keys: 1 });
    expect((await maintenance.run(8)).every((s) => s.status === 'exists')).toBe(true);
  });

  it("refuses an action key taken in another month, and keeps an action's key row when it moves month", async () => {
    const key = randomUUID();
    const [{ id }] = await insertAction(midMonth(0), key);
    expect(await insertAction(midMonth(-1), key)).toEqual([]);
    await expect(
      env.query(
        `INSERT INTO actions (id, citizen_id, district_code, methodology_id, source, idempotency_scope, idempotency_key,
                              request_hash, payload, occurred_at, received_at)
         VALUES ($1, $2, '370102', 'cycling', 'self', 'test', $3, repeat('0', 64), '{}', now(), $4)`,
        [id, citizenId, randomUUID(), midMonth(1)],
      ),
    ).rejects.toThrow(/action_keys_pkey/);

    await env.query(`UPDATE actions SET received_at = $2 WHERE id = $1`, [id, midMonth(1)]);
    const [moved] = await env.query<{ home: string; key_month: string; keys: number }>(
      `SELECT a.tableoid::regclass::text AS home, k.received_at = a.received_at AS key_month,
              (SELECT count(*)::int FROM action_keys WHERE id = $1) AS keys
         FROM actions a JOIN action_keys k ON k.id = a.id WHERE a.id = $1`,
      [id],
    );
    expect(moved).toEqual({ home: `actions_p${monthOf(1)}`, key_month: true, keys: 1 });
    await env.query(`DELETE FROM actions WHERE id = $1`, [id]);
    expect(await env.query(`SELECT 1 FROM action_keys WHERE id = $1`, [id])).toEqual([]);
  });

  it('keeps a posting key unique across months', async () => {
    const posting = (createdAt: string) =>
      env.query<{ id: string }>(
        RAW_POSTINGS_SQL,
        rawPostingParams([{ key: 'partition-test-posting', causeType: 'test', causeId: 'x' }], createdAt),
      );
    expect(await posting(midMonth(0))).toHaveLength(1);
    expect(await posting(midMonth(-1))).toEqual([]);
    const [row] = await env.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ledger_postings WHERE idempotency_key = 'partition-test-posting'`,
    );
    expect(row.n).toBe(1);
  });
});
