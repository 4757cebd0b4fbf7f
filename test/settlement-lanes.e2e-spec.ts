import 'reflect-metadata';
import { LedgerWriter, reconcile } from '@app/ledger';
import { AccountBalancesRepository, ActionSettlementRepository, dataSourceOptions } from '@app/persistence';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { SettlementService } from '../apps/worker/src/pipeline/settlement.service.js';
import { generateBacklog } from '../bench/lib/backlog.js';
import { databaseUrl } from './support/databases.js';
import { TestEnvironment } from './support/environment.js';

const LANE_LOCK = 1_400_014;
const LANES = 4;
const DISTRICTS = ['370102', '370103'];

/**
 * Issue 14: settlement batches used to lock the one points issuance account and the district pools,
 * so a second worker waited for the first whatever it settled. In lanes, a batch settles while
 * another lane's batch holds its accounts, and the ledger still adds up.
 */
describe('settlement lanes', () => {
  let env: TestEnvironment;
  let dataSource: DataSource;
  let service: SettlementService;
  let grams: bigint;

  beforeAll(async () => {
    env = await TestEnvironment.create();
    const config = env.config({ SETTLEMENT_LANES: String(LANES), SETTLEMENT_BATCH_SIZE: '1000' });
    dataSource = await new DataSource(dataSourceOptions(config)).initialize();
    service = new SettlementService(
      config,
      dataSource,
      new LedgerWriter(),
      new ActionSettlementRepository(),
      new AccountBalancesRepository(),
    );
    const client = new pg.Client({ connectionString: databaseUrl(env.databaseName) });
    await client.connect();
    try {
      grams = BigInt(
        (await generateBacklog(client, { actions: 120, citizens: 40, districts: DISTRICTS })).grams,
      );
    } finally {
      await client.end();
    }
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await env?.dispose();
  });

  it('settles while another batch holds lane 0 and the unsharded issuance and pool rows', async () => {
    // A batch in flight on lane 0, as the only batch of the old design was: it holds the lane and the
    // accounts every batch used to lock.
    const inFlight = new pg.Client({ connectionString: databaseUrl(env.databaseName) });
    await inFlight.connect();
    try {
      await inFlight.query('BEGIN');
      await inFlight.query(`SELECT pg_advisory_xact_lock($1, 0)`, [LANE_LOCK]);
      await inFlight.query(
        `INSERT INTO accounts (kind, owner, asset) VALUES ('points_issuance', 'program', 'POINTS'),
           ('reduction_pool', $1, 'CO2E_G'), ('reduction_pool', $2, 'CO2E_G') ON CONFLICT DO NOTHING`,
        DISTRICTS,
      );
      await inFlight.query(
        `SELECT id FROM accounts WHERE kind IN ('points_issuance', 'reduction_pool') AND shard = 0 FOR UPDATE`,
      );

      let settled = 0;
      for (let n = await service.settleBatch(); n > 0; n = await service.settleBatch()) settled += n;
      const lane0 = await env.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM actions WHERE (hashtext(citizen_id::text) & 2147483647) % $1 = 0`,
        [LANES],
      );
      expect(settled).toBe(120 - Number(lane0[0].n));
      expect(settled).toBeGreaterThan(0);
      // Lane 0's citizens wait for the lane, not for a row of another lane.
      const waiting = await env.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM actions WHERE status = 'quantified'`,
      );
      expect(waiting[0].n).toBe(lane0[0].n);
    } finally {
      await inFlight.query('ROLLBACK').catch(() => undefined);
      await inFlight.end();
    }
    while ((await service.settleBatch()) > 0);
    const [{ n }] = await env.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM actions WHERE status <> 'settled'`,
    );
    expect(n).toBe('0');
  });

  it('keeps the issuance and pools exact as sums of their shards, and every posting names its action', async () => {
    const shards = await env.query<{ kind: string; shards: number; total: string }>(
      `SELECT kind, count(*)::int AS shards, sum(balance)::text AS total FROM accounts
       WHERE kind IN ('points_issuance', 'reduction_pool') GROUP BY kind ORDER BY kind`,
    );
    expect(shards.map((s) => [s.kind, s.total])).toEqual([
      ['points_issuance', String(-grams)], // the backlog issues one point per gram
      ['reduction_pool', String(-grams)],
    ]);
    expect(shards.every((s) => s.shards > 1)).toBe(true);
    const postings = await env.query<{ missing: string }>(
      `SELECT count(*)::text AS missing FROM actions a LEFT JOIN ledger_postings p ON p.action_id = a.id
       WHERE p.id IS NULL OR p.details->>'methodologyVersion' IS NULL OR p.details->>'methodology' <> a.methodology_id`,
    );
    expect(postings[0].missing).toBe('0');
    const report = await reconcile(dataSource.manager);
    expect(report.violations).toEqual([]);
  });

  it('migrates down and up again with shards in the ledger', async () => {
    // Down to before CounterAccountShards, whatever later migrations sit above it.
    const applied = async () =>
      (await env.query<{ name: string }>(`SELECT name FROM schema_migrations`)).map((m) => m.name);
    while ((await applied()).includes('CounterAccountShards1765320000000'))
      await dataSource.undoLastMigration();
    const kept = await env.query<{ owner: string }>(
      `SELECT owner FROM accounts WHERE kind = 'points_issuance' ORDER BY owner`,
    );
    expect(kept.length).toBeGreaterThan(1);
    expect(kept.slice(1).every((k) => /^program#\d+$/.test(k.owner))).toBe(true);
    await dataSource.runMigrations();
    const back = await env.query<{ owner: string; shards: number }>(
      `SELECT owner, count(*)::int AS shards FROM accounts WHERE kind = 'points_issuance' GROUP BY owner`,
    );
    expect(back).toEqual([{ owner: 'program', shards: kept.length }]);
    expect((await reconcile(dataSource.manager)).violations).toEqual([]);
    const indexes = await env.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'actions' AND indexname IN
         ('actions_pending', 'actions_citizen_settled', 'actions_citizen_fingerprint')`,
    );
    expect(indexes).toEqual([]);
  });
});
