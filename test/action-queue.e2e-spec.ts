import 'reflect-metadata';
import { LedgerWriter } from '@app/ledger';
import {
  AccountBalancesRepository,
  ActionPipelineRepository,
  ActionSettlementRepository,
  dataSourceOptions,
} from '@app/persistence';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { SettlementService } from '../apps/worker/src/pipeline/settlement.service.js';
import { generateBacklog } from '../bench/lib/backlog.js';
import { databaseUrl } from './support/databases.js';
import type { TestEnvironment } from './support/environment.js';
import { eventually, startWorker, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { cyclingTrip, idempotencyKey } from './support/trips.js';

const DAY = 86_400_000;

/**
 * Issue 14: the work queue is `action_queue`, not three partial indexes of `actions` whose status
 * predicates made every status move rewrite all of its indexes. Statement triggers keep one queue row
 * per action waiting (received, quantified, review) whatever path writes the status, and the moves
 * of `actions` become HOT updates.
 */
describe('the action queue', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let admin: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    stack = await TestStack.start({ workers: 0, admin: true });
    ({ env, api, admin } = stack);
    dataSource = await new DataSource(dataSourceOptions(env.config())).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await stack?.stop();
  });

  /** The queue as (action, stage), and every action whose status is pending, as (action, status). */
  const queueAndPending = async () => {
    const [row] = await env.query<{ queue: string[] | null; pending: string[] | null }>(
      `SELECT (SELECT array_agg(action_id || ' ' || stage ORDER BY action_id) FROM action_queue) AS queue,
              (SELECT array_agg(id || ' ' || status ORDER BY id) FROM actions
                WHERE status IN ('received', 'quantified', 'review')) AS pending`,
    );
    return { queue: row.queue ?? [], pending: row.pending ?? [] };
  };
  /** The invariant: one queue row per pending action, its stage its status. */
  const expectQueueFollowsStatuses = async () => {
    const { queue, pending } = await queueAndPending();
    expect(queue).toEqual(pending);
    return queue;
  };
  const queueRow = async (id: string) =>
    (
      await env.query<{ stage: string; sameKey: boolean; laneKey: boolean; queuedAtUpdate: boolean }>(
        `SELECT q.stage, q.received_at = a.received_at AS "sameKey",
                q.holder_hash = hashtext(coalesce(a.citizen_id, a.organisation_id)::text) & 2147483647 AS "laneKey",
                q.queued_at = a.updated_at AS "queuedAtUpdate"
         FROM action_queue q JOIN actions a ON a.id = q.action_id WHERE q.action_id = $1`,
        [id],
      )
    )[0];
  const status = async (id: string) =>
    (await env.query<{ status: string }>(`SELECT status FROM actions WHERE id = $1`, [id]))[0].status;
  const submit = async (token: string, startsMinutesAgo: number) => {
    const response = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: cyclingTrip(5000, 20, { startsMinutesAgo }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(response.status).toBe(202);
    return response.body.id;
  };
  const reached = (id: string, wanted: string) =>
    eventually(async () => ((await status(id)) === wanted ? wanted : undefined));

  it('follows an action through intake, quantification, review decisions and settlement', async () => {
    const { token } = await api.login('queue-rider', '370102');
    const ride = await submit(token, 300);
    expect(await queueRow(ride)).toEqual({
      stage: 'received',
      sameKey: true,
      laneKey: true,
      queuedAtUpdate: true,
    });
    await expectQueueFollowsStatuses();

    const worker = await startWorker(env.config());
    try {
      await reached(ride, 'settled');
      expect(await queueRow(ride)).toBeUndefined();
      await expectQueueFollowsStatuses();

      // Self-reported rides held for review from now on.
      const draft = await api.request<{ version: number; params: Record<string, unknown> }>(
        'POST',
        '/admin/v1/methodologies/cycling/drafts',
        { token: admin, body: { effectiveFrom: new Date(Date.now() - 10 * DAY).toISOString() } },
      );
      await api.request('PATCH', `/admin/v1/methodologies/cycling/versions/${draft.body.version}`, {
        token: admin,
        body: {
          params: { ...draft.body.params, selfReported: { accepted: true, review: true, perDayCapG: null } },
        },
      });
      await api.request('POST', `/admin/v1/methodologies/cycling/versions/${draft.body.version}/publish`, {
        token: admin,
      });
      const approved = await submit(token, 200);
      const refused = await submit(token, 100);
      await reached(approved, 'review');
      await reached(refused, 'review');
      expect(await queueRow(approved)).toMatchObject({
        stage: 'review',
        sameKey: true,
        queuedAtUpdate: true,
      });
      await expectQueueFollowsStatuses();

      const rejection = await api.request('POST', `/admin/v1/reviews/${refused}/reject`, {
        token: admin,
        body: { reason: 'EVIDENCE_INSUFFICIENT' },
      });
      expect(rejection).toMatchObject({ status: 200, body: { status: 'rejected' } });
      expect(await queueRow(refused)).toBeUndefined();
      const approval = await api.request('POST', `/admin/v1/reviews/${approved}/approve`, {
        token: admin,
        body: {},
      });
      expect(approval.status).toBe(200);
      await reached(approved, 'settled');
      expect(await queueRow(approved)).toBeUndefined();
      expect(await expectQueueFollowsStatuses()).toEqual([]);
    } finally {
      await worker.close();
    }
  });

  it('drops the queue row of a superseded action, and queues actions written by SQL alone', async () => {
    const client = new pg.Client({ connectionString: databaseUrl(env.databaseName) });
    await client.connect();
    try {
      await generateBacklog(client, { actions: 303, citizens: 100, districts: ['370102', '370103'] });
    } finally {
      await client.end();
    }
    const ids = (
      await env.query<{ id: string }>(
        `SELECT action_id AS id FROM action_queue WHERE stage = 'quantified' ORDER BY queued_at LIMIT 3`,
      )
    ).map((r) => r.id);
    expect((await expectQueueFollowsStatuses()).length).toBe(303);
    await dataSource.transaction((manager) =>
      new ActionPipelineRepository(dataSource).supersede(manager, [{ replaced: ids[0], by: ids[1] }]),
    );
    expect(await status(ids[0])).toBe('rejected');
    expect(await queueRow(ids[0])).toBeUndefined();
    expect(await queueRow(ids[1])).toMatchObject({ stage: 'quantified', sameKey: true, laneKey: true });
    await expectQueueFollowsStatuses();

    // An admin's hand edits and a deletion keep the invariant too.
    await env.query(`UPDATE actions SET status = 'review', updated_at = now() WHERE id = $1`, [ids[1]]);
    expect(await queueRow(ids[1])).toMatchObject({ stage: 'review', queuedAtUpdate: true });
    await env.query(
      `UPDATE actions SET status = 'rejected', reason_code = 'EVIDENCE_INSUFFICIENT', grams = NULL, points = NULL
       WHERE id = $1`,
      [ids[1]],
    );
    expect(await queueRow(ids[1])).toBeUndefined();
    await env.query(`DELETE FROM actions WHERE id = $1`, [ids[2]]);
    expect(await queueRow(ids[2])).toBeUndefined();
    expect((await expectQueueFollowsStatuses()).length).toBe(300);
  });

  it('settles the rest by HOT updates: no settled move writes an index entry of actions', async () => {
    const client = new pg.Client({ connectionString: databaseUrl(env.databaseName) });
    await client.connect();
    const updates = async () => {
      await client.query('SELECT pg_stat_force_next_flush()');
      await client.query('SELECT pg_stat_clear_snapshot()');
      const { rows } = await client.query<{ updates: number; hot: number }>(
        `SELECT sum(n_tup_upd)::int AS updates, sum(n_tup_hot_upd)::int AS hot
         FROM pg_stat_user_tables WHERE relid IN (SELECT relid FROM pg_partition_tree('actions'))`,
      );
      return rows[0];
    };
    try {
      await client.query('VACUUM ANALYZE actions');
      const config = env.config({ SETTLEMENT_LANES: '4', SETTLEMENT_BATCH_SIZE: '100' });
      const service = new SettlementService(
        config,
        dataSource,
        new LedgerWriter(),
        new ActionSettlementRepository(),
        new AccountBalancesRepository(),
      );
      const before = await updates();
      let settled = 0;
      for (let n = await service.settleBatch(); n > 0; n = await service.settleBatch()) settled += n;
      expect(settled).toBe(300);
      // The service's connections report their counts when idle; this one's flush is forced.
      const after = await eventually(async () => {
        const now = await updates();
        return now.updates - before.updates >= settled ? now : undefined;
      });
      // Counts of this file's earlier writers may arrive late (a connection reports when idle): all HOT too.
      const updated = after.updates - before.updates;
      expect(updated).toBeGreaterThanOrEqual(300);
      expect(after.hot - before.hot).toBe(updated);
      expect(await expectQueueFollowsStatuses()).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
