import { cstDate, shiftDate } from '@app/domain';
import { reconcile } from '@app/ledger';
import { compactReportDeltas, dataSourceOptions, rebuildReportRollups } from '@app/persistence';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { TestEnvironment } from './support/environment.js';
import { eventually, startWorker, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { cyclingTrip, idempotencyKey } from './support/trips.js';

const REPORT_ROLLUPS = 'ReportRollups1764576000000';

// Trips ride yesterday around noon (Asia/Shanghai), so no run near midnight splits them over two days.
const tripDay = shiftDate(cstDate(new Date()), -1);
const tripStart = (cstTime: string) => Date.parse(`${tripDay}T${cstTime}:00+08:00`);
const minutesAgo = (cstTime: string) => Math.round((Date.now() - tripStart(cstTime)) / 60_000);
const iso = (ms: number) => new Date(ms).toISOString();

interface PointsDay {
  day: string;
  flow: string;
  points: number;
}
// A type, not an interface: query rows must be indexable.
type Rollups = {
  days: unknown[];
  active: unknown[];
  counts: unknown[];
  activity: unknown[];
  points: PointsDay[];
  pending: number;
};

/**
 * The ReportRollups migration fills its new tables from the actions and ledger entries already there.
 * Here it runs as it would on a database that had them before the migration: the data is made through
 * the app, the migration and the ones after it are undone, and migrating again must rebuild exactly
 * what the live code's rebuild computes.
 */
describe('the ReportRollups migration on a database with settled actions', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let worker: INestApplicationContext | undefined;
  let dataSource: DataSource;

  beforeAll(async () => {
    stack = await TestStack.start({ workers: 0 });
    ({ env, api } = stack);
    // A fast sweeper picks up the partner's row written straight into the inbox; the test folds
    // report deltas itself.
    worker = await startWorker(
      env.config({
        SWEEP_INTERVAL_MS: '100',
        SWEEP_STALE_AFTER_MS: '0',
        REPORT_COMPACT_INTERVAL_MS: '3600000',
      }),
    );
    dataSource = await new DataSource(dataSourceOptions(env.config())).initialize();
  });

  afterAll(async () => {
    await worker?.close();
    await dataSource?.destroy();
    await stack?.stop();
  });

  const settled = (id: string) =>
    eventually(async () => {
      const [row] = await env.query<{ status: string; grams: string; superseded_by: string | null }>(
        `SELECT status, grams, superseded_by FROM actions WHERE id = $1`,
        [id],
      );
      return row.status === 'settled' ? row : undefined;
    });

  async function ride(token: string, distanceM: number, minutes: number, cstTime: string) {
    const submit = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: cyclingTrip(distanceM, minutes, { startsMinutesAgo: minutesAgo(cstTime) }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(submit.status).toBe(202);
    return { id: submit.body.id, ...(await settled(submit.body.id)) };
  }

  /** The operator's record of a ride, in 历下区, written to the inbox as the partner API writes it. */
  async function partnerRide(citizenId: string, distanceM: number, from: number, to: number) {
    const [{ id }] = await env.query<{ id: string }>(
      `INSERT INTO actions (citizen_id, district_code, methodology_id, source, idempotency_scope, idempotency_key, request_hash,
                            payload, occurred_at, interval_start, interval_end)
       VALUES ($1, '370102', 'cycling', 'partner:bikeshare-demo', 'partner:bikeshare-demo', $2, repeat('0', 64), $3, $4, $4, $5)
       RETURNING id`,
      [
        citizenId,
        randomUUID(),
        JSON.stringify({ mode: 'bike', distanceM, startedAt: iso(from), endedAt: iso(to) }),
        iso(from),
        iso(to),
      ],
    );
    return { id, ...(await settled(id)) };
  }

  const rollups = async () =>
    (
      await env.query<Rollups>(
        `SELECT (SELECT json_agg(r ORDER BY r.day, r.methodology_id, r.district_code, r.source) FROM report_action_days r) AS days,
                (SELECT json_agg(c ORDER BY c.period, c.period_start, c.citizen_id) FROM report_active_citizens c) AS active,
                (SELECT json_agg(n ORDER BY n.period, n.period_start) FROM report_active_counts n) AS counts,
                (SELECT json_agg(y ORDER BY y.citizen_id, y.year) FROM report_citizen_activity y) AS activity,
                (SELECT json_agg(p ORDER BY p.day, p.flow) FROM report_points_days p) AS points,
                (SELECT count(*)::int FROM report_action_deltas) + (SELECT count(*)::int FROM report_points_deltas) AS pending`,
      )
    )[0];
  const appliedMigrations = async () =>
    (await env.query<{ name: string }>(`SELECT name FROM schema_migrations ORDER BY id`)).map((m) => m.name);

  it('backfills exactly the rollups the live rebuild computes, and they agree with the ledger', async () => {
    // 历下区: a rider rides twice. 泰安市: a rider's own report, which the operator's record of the
    // same ride, posted to 历下区, later replaces (the ledger posts the 7 g difference there).
    const lixia = await api.login('migration-lixia', '370102');
    const taian = await api.login('migration-taian', '370900');
    expect(await ride(lixia.token, 5000, 20, '12:00')).toMatchObject({ grams: '169' });
    expect(await ride(lixia.token, 3000, 15, '13:00')).toMatchObject({ grams: '101' });
    const replaced = await ride(taian.token, 5000, 20, '12:00');
    expect(replaced).toMatchObject({ grams: '169' });
    const operator = await partnerRide(taian.citizenId, 5200, tripStart('12:01'), tripStart('12:21'));
    expect(operator).toMatchObject({ grams: '176' });
    expect(await settled(replaced.id)).toMatchObject({ superseded_by: operator.id });
    const donation = await api.request('POST', '/v1/donations', {
      token: lixia.token,
      body: { target: 'charity', points: '30' },
      headers: { 'idempotency-key': idempotencyKey('donation') },
    });
    expect(donation.status).toBe(201);

    while ((await compactReportDeltas(dataSource)) > 0);
    const incremental = await rollups();
    await rebuildReportRollups(dataSource);
    const live = await rollups();
    expect(live).toEqual(incremental);
    expect(live.pending).toBe(0);
    // The replaced report is taken back in 历下区, where its replacement is counted.
    expect(live.days).toEqual([
      { ...dayRow('370102', 'partner:bikeshare-demo'), actions: 1, grams: 176, points: 176 },
      { ...dayRow('370102', 'self'), actions: 1, grams: 101, points: 101 },
      { ...dayRow('370900', 'self'), actions: 1, grams: 169, points: 169 },
    ]);
    expect(live.counts).toEqual(
      expect.arrayContaining([{ period: 'day', period_start: tripDay, citizens: 2 }]),
    );
    expect(live.activity).toHaveLength(2);
    // Points flows fall on the day they were posted: today, unless the run straddles midnight.
    expect({ issued: sumOf(live.points, 'issued'), donated: sumOf(live.points, 'donated') }).toEqual({
      issued: 446,
      donated: 30,
    });

    // Back to the schema before the migration: the actions and the ledger stay, the rollups go.
    await worker?.close();
    worker = undefined;
    while ((await appliedMigrations()).includes(REPORT_ROLLUPS))
      await dataSource.undoLastMigration({ transaction: 'each' });
    const [gone] = await env.query(
      `SELECT to_regclass('report_action_days') AS days, to_regclass('report_points_days') AS points,
              (SELECT count(*)::int FROM actions WHERE status = 'settled') AS settled_actions`,
    );
    expect(gone).toEqual({ days: null, points: null, settled_actions: 4 });

    const applied = await dataSource.runMigrations({ transaction: 'each' });
    // ReportRollups and every migration after it, in order.
    expect(applied.map((m) => m.name)).toEqual(
      dataSource.migrations
        .map((m) => m.name)
        .slice(dataSource.migrations.findIndex((m) => m.name === REPORT_ROLLUPS)),
    );
    expect(await rollups()).toEqual(live);
    expect((await reconcile(dataSource.manager)).violations).toEqual([]);
  });
});

function dayRow(districtCode: string, source: string) {
  return { day: tripDay, methodology_id: 'cycling', district_code: districtCode, source };
}

function sumOf(points: PointsDay[], flow: string): number {
  return points.filter((p) => p.flow === flow).reduce((sum, p) => sum + p.points, 0);
}
