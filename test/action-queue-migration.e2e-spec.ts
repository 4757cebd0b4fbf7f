import { dataSourceOptions } from '@app/persistence';
import { DataSource } from 'typeorm';
import type { TestEnvironment } from './support/environment.js';
import { eventually, startWorker, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { cyclingTrip, idempotencyKey } from './support/trips.js';

const ACTION_QUEUE = 'ActionQueue1765360000000';
const QUEUE_INDEXES = ['actions_quantification_queue', 'actions_review_queue', 'actions_settlement_queue'];

/**
 * The ActionQueue migration on a database with actions waiting in each stage: down brings back the
 * three partial indexes (and the default fillfactor) and drops the queue; up queues every waiting
 * action with its stage and partition key, drops the indexes and leaves room for HOT updates; the
 * worker then settles what waited, through the queue.
 */
describe('the ActionQueue migration on a database with waiting actions', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let dataSource: DataSource;

  beforeAll(async () => {
    stack = await TestStack.start({ workers: 0 });
    ({ env, api } = stack);
    dataSource = await new DataSource(dataSourceOptions(env.config())).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await stack?.stop();
  });

  const applied = async () =>
    (await env.query<{ name: string }>(`SELECT name FROM schema_migrations`)).map((m) => m.name);
  const queueIndexes = async () =>
    (
      await env.query<{ name: string }>(
        `SELECT indexname AS name FROM pg_indexes WHERE tablename = 'actions' AND indexname = ANY($1) ORDER BY 1`,
        [QUEUE_INDEXES],
      )
    ).map((i) => i.name);
  const fillfactors = async () =>
    (
      await env.query<{ options: string[] | null }>(
        `SELECT c.reloptions AS options FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
          WHERE i.inhparent = 'actions'::regclass`,
      )
    ).map((r) => r.options?.join(',') ?? 'default');
  const queue = () =>
    env.query<{ id: string; stage: string; sameKey: boolean; laneKey: boolean }>(
      `SELECT q.action_id AS id, q.stage, q.received_at = a.received_at AS "sameKey",
              q.holder_hash = hashtext(a.citizen_id::text) & 2147483647 AS "laneKey"
       FROM action_queue q JOIN actions a ON a.id = q.action_id ORDER BY a.received_at`,
    );
  const statusOf = async (id: string) =>
    (await env.query<{ status: string }>(`SELECT status FROM actions WHERE id = $1`, [id]))[0].status;

  it('queues the waiting actions of each stage, drops the indexes, and the worker settles them', async () => {
    const { token } = await api.login('queue-migration', '370102');
    const ids: string[] = [];
    for (const startsMinutesAgo of [400, 300, 200]) {
      const response = await api.request<{ id: string }>('POST', '/v1/actions', {
        token,
        body: cyclingTrip(5000, 20, { startsMinutesAgo }),
        headers: { 'idempotency-key': idempotencyKey() },
      });
      expect(response.status).toBe(202);
      ids.push(response.body.id);
    }
    const [received, quantified, review] = ids;

    while ((await applied()).includes(ACTION_QUEUE))
      await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await queueIndexes()).toEqual(QUEUE_INDEXES);
    expect(await env.query(`SELECT to_regclass('action_queue') AS t`)).toEqual([{ t: null }]);
    expect(new Set(await fillfactors())).toEqual(new Set(['default']));
    // On the old schema, one action quantified and one held for review, as the worker would leave them.
    await env.query(
      `UPDATE actions a SET status = 'quantified', grams = 169, requested_grams = 169, points = 169,
              methodology_version_id = v.id, points_rule_version = 1, quantified_at = now(), updated_at = now()
         FROM methodology_versions v WHERE v.methodology_id = 'cycling' AND v.version = 1 AND a.id = $1`,
      [quantified],
    );
    await env.query(`UPDATE actions SET status = 'review', requested_grams = 169 WHERE id = $1`, [review]);

    await dataSource.runMigrations({ transaction: 'each' });
    expect(await queueIndexes()).toEqual([]);
    expect(new Set(await fillfactors())).toEqual(new Set(['fillfactor=50']));
    expect(await queue()).toEqual([
      { id: received, stage: 'received', sameKey: true, laneKey: true },
      { id: quantified, stage: 'quantified', sameKey: true, laneKey: true },
      { id: review, stage: 'review', sameKey: true, laneKey: true },
    ]);

    const worker = await startWorker(env.config());
    try {
      await eventually(async () =>
        (await statusOf(received)) === 'settled' && (await statusOf(quantified)) === 'settled'
          ? true
          : undefined,
      );
    } finally {
      await worker.close();
    }
    expect(await queue()).toEqual([{ id: review, stage: 'review', sameKey: true, laneKey: true }]);

    // A month created later (the worker's partition maintenance calls the same function) keeps the room.
    expect(await env.query(`SELECT ensure_month_partition('actions', date '2031-01-01') AS status`)).toEqual([
      { status: 'created' },
    ]);
    expect(
      await env.query(`SELECT reloptions AS options FROM pg_class WHERE relname = 'actions_p2031_01'`),
    ).toEqual([{ options: ['fillfactor=50'] }]);
  });
});
