import { cstDate, shiftDate } from '@app/domain';
import { PartnerClient } from '@app/partner-client';
import { rebuildReportRollups } from '@app/persistence';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReportCompactorService } from '../apps/worker/src/reports/report-compactor.service.js';
import { adminBootstrapEnv } from './support/admin.js';
import type { TestEnvironment } from './support/environment.js';
import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { cyclingTrip, idempotencyKey } from './support/trips.js';

interface Dashboard {
  from: string;
  to: string;
  totals: Record<string, string | number>;
  reductionsByPeriod: { period: string; methodologyId: string; actions: number; grams: string }[];
  reductionsByDistrict: { districtCode: string; districtName: string; actions: number; grams: string }[];
  pointsFlowsByPeriod: { period: string; issued: string; donated: string }[];
  indicators: {
    liveScenarios: number;
    greenTrips: number;
    reportedTrips: number;
    greenTripShare: number | null;
  };
  pools: { region: string; accruedGrams: string }[];
}

const today = () => cstDate(new Date());
// Trips ride yesterday at noon and 13:00 (Asia/Shanghai), so no run near midnight splits them over two days.
const tripDay = shiftDate(today(), -1);
const minutesAgo = (cstTime: string) =>
  Math.round((Date.now() - Date.parse(`${tripDay}T${cstTime}:00+08:00`)) / 60_000);
const range = `from=${tripDay}&to=${today()}`;

describe('reports over rollups kept as actions settle', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let worker: INestApplicationContext;
  let admin: string;
  let auditor: string;
  let mapApp: PartnerClient;

  beforeAll(async () => {
    // The same settings for the API and the worker. A long compaction interval: the tests fold
    // deltas themselves, to see reports before and after.
    const overrides = { ...adminBootstrapEnv, REPORT_COMPACT_INTERVAL_MS: '3600000' };
    stack = await TestStack.start({
      apiEnv: overrides,
      workerEnv: overrides,
      listen: true,
      admin: true,
      auditor: true,
    });
    ({ env, api, worker, admin, auditor } = stack);
    await api.request('POST', '/admin/v1/partners', {
      token: admin,
      body: { id: 'mapapp', displayName: '高德地图', kinds: ['data-provider'], methodologies: ['cycling'] },
    });
    const key = await api.request<{ keyId: string; secret: string }>(
      'POST',
      '/admin/v1/partners/mapapp/keys',
      {
        token: admin,
      },
    );
    mapApp = new PartnerClient({ baseUrl: stack.baseUrl, ...key.body });
  });

  afterAll(() => stack?.stop());

  async function settledTrip(name: string, distanceM: number, district: string) {
    const citizen = await api.login(name, district);
    const submit = await api.request<{ id: string }>('POST', '/v1/actions', {
      token: citizen.token,
      body: cyclingTrip(distanceM, 20, { startsMinutesAgo: minutesAgo('12:00') }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    await eventually(async () => {
      const { body } = await api.request<{ status: string }>('GET', `/v1/me/actions/${submit.body.id}`, {
        token: citizen.token,
      });
      return body.status === 'settled' ? body : undefined;
    });
    return citizen;
  }

  const dashboard = async () =>
    (await api.request<Dashboard>('GET', `/admin/v1/reports/dashboard?${range}`, { token: auditor })).body;
  const rollupSnapshot = () =>
    env.query(
      `SELECT (SELECT json_agg(r ORDER BY r.day, r.methodology_id, r.district_code, r.source) FROM report_action_days r) AS days,
              (SELECT json_agg(c ORDER BY c.period, c.period_start, c.citizen_id) FROM report_active_citizens c) AS active,
              (SELECT json_agg(n ORDER BY n.period, n.period_start) FROM report_active_counts n) AS counts,
              (SELECT json_agg(y ORDER BY y.citizen_id, y.year) FROM report_citizen_activity y) AS activity,
              (SELECT json_agg(p ORDER BY p.day, p.flow) FROM report_points_days p) AS points,
              (SELECT count(*) FROM report_action_deltas) + (SELECT count(*) FROM report_points_deltas) AS pending`,
    );

  it('counts settled grams, actions, citizens and points exactly, before and after the deltas are folded', async () => {
    // 5 km → 169 g each: two riders in 历下区, one rides twice; one rider in 泰安市.
    const lixia = await settledTrip('lixia-1', 5000, '370102');
    await settledTrip('lixia-2', 5000, '370102');
    await settledTrip('taian-1', 5000, '370900');
    const again = await api.request<{ id: string }>('POST', '/v1/actions', {
      token: lixia.token,
      body: cyclingTrip(5000, 20, { startsMinutesAgo: minutesAgo('13:00') }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    await eventually(async () => {
      const { body } = await api.request<{ status: string }>('GET', `/v1/me/actions/${again.body.id}`, {
        token: lixia.token,
      });
      return body.status === 'settled' ? body : undefined;
    });
    const donation = await api.request('POST', '/v1/donations', {
      token: lixia.token,
      body: { target: 'charity', points: '30' },
      headers: { 'idempotency-key': idempotencyKey('donation') },
    });
    expect(donation.status).toBe(201);

    const expected = {
      actions: 4,
      grams: '676',
      tonnes: '0.000676',
      pointsIssued: '676',
      pointsRedeemed: '0',
      pointsExpired: '0',
      pointsDonated: '30',
      activeCitizens: 3,
    };
    const [pending] = await rollupSnapshot();
    expect(Number(pending.pending)).toBeGreaterThan(0);
    const before = await dashboard();
    expect(before.totals).toEqual(expected);

    expect(await worker.get(ReportCompactorService).run()).toBeGreaterThan(0);
    const after = await dashboard();
    expect(after.totals).toEqual(expected);
    expect(after.reductionsByPeriod).toEqual([
      { period: tripDay, methodologyId: 'cycling', actions: 4, grams: '676' },
    ]);
    expect(after.reductionsByDistrict).toEqual([
      { districtCode: '370102', districtName: '历下区', actions: 3, grams: '507' },
      { districtCode: '370900', districtName: '泰安市', actions: 1, grams: '169' },
    ]);
    expect(after.pointsFlowsByPeriod).toEqual([
      { period: today(), issued: '676', redeemed: '0', expired: '0', donated: '30' },
    ]);
    expect(after.indicators).toMatchObject({ liveScenarios: 1, greenTripShare: null });
    // The rollups agree with the ledger: the pools accrued what the report counts.
    const accrued = after.pools.reduce((sum, pool) => sum + BigInt(pool.accruedGrams), 0n);
    expect(accrued.toString()).toBe('676');
  });

  it('a full rebuild from actions and the ledger gives exactly the rollups kept incrementally', async () => {
    await worker.get(ReportCompactorService).run();
    const incremental = await rollupSnapshot();
    expect(Number(incremental[0].pending)).toBe(0);
    await rebuildReportRollups(api.app.get(DataSource));
    expect(await rollupSnapshot()).toEqual(incremental);
  });

  it('reconciliation notices a report that disagrees with the ledger, and a rebuild mends it', async () => {
    const reconcile = async () =>
      (
        await api.request<{ violations: { check: string; samples: unknown[] }[] }>(
          'GET',
          '/admin/v1/ledger/reconcile',
          {
            token: auditor,
          },
        )
      ).body.violations;
    expect(await reconcile()).toEqual([]);
    await env.query(
      `INSERT INTO report_action_deltas (day, methodology_id, district_code, source, citizen_id, actions, grams, points)
       SELECT day, methodology_id, district_code, source, gen_random_uuid(), 0, 1, 0 FROM report_action_days
       WHERE district_code = '370102' LIMIT 1`,
    );
    expect(await reconcile()).toEqual([
      expect.objectContaining({
        check: 'reports-equal-ledger',
        samples: [{ key: '370102', reported: '508', posted: '507' }],
      }),
    ]);
    await rebuildReportRollups(api.app.get(DataSource));
    expect(await reconcile()).toEqual([]);
  });

  it('breaks reductions down by period, methodology, district and source, as JSON and CSV', async () => {
    const byDistrict = await api.request<{
      rows: { period: string; key: string; label: string; grams: string }[];
    }>('GET', `/admin/v1/reports/reductions?${range}&granularity=month&by=district`, { token: auditor });
    expect(byDistrict.status).toBe(200);
    expect(byDistrict.body.rows.map((r) => [r.key, r.label, r.grams])).toEqual([
      ['370102', '历下区', '507'],
      ['370900', '泰安市', '169'],
    ]);
    expect(byDistrict.body.rows[0].period).toBe(`${tripDay.slice(0, 8)}01`);

    const bySource = await api.request<{ rows: { key: string; label: string; actions: number }[] }>(
      'GET',
      `/admin/v1/reports/reductions?${range}&by=source`,
      { token: auditor },
    );
    expect(bySource.body.rows).toMatchObject([{ key: 'self', label: '市民自报', actions: 4 }]);

    const csv = await api.app.inject({
      method: 'GET',
      url: `/admin/v1/reports/reductions?${range}&by=methodology&format=csv`,
      headers: { authorization: `Bearer ${auditor}` },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="reductions-methodology-day-/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe('周期,分组,名称,行为数,减排量（克CO2e）,减排量（吨CO2e）,发放积分');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(new RegExp(`^${tripDay},cycling,[^,]+,4,676,0.000676,676$`)),
    ]);

    const citizens = await api.request<{ rows: { activeCitizens: number; actions: number }[] }>(
      'GET',
      `/admin/v1/reports/citizens?from=${tripDay}&to=${tripDay}&granularity=month`,
      { token: auditor },
    );
    expect(citizens.body.rows).toEqual([expect.objectContaining({ activeCitizens: 3, actions: 4 })]);
  });

  it('answers CSV on every report route the document offers format=csv for, the dashboard included', async () => {
    const document = await api.request<{
      paths: Record<string, { get?: { parameters?: { name: string; schema?: { enum?: string[] } }[] } }>;
    }>('GET', '/docs/openapi.json');
    const csvRoutes = Object.entries(document.body.paths).flatMap(([path, item]) => {
      const names = item.get?.parameters ?? [];
      const csv = names.some((p) => p.name === 'format' && p.schema?.enum?.includes('csv'));
      return csv ? [{ path, query: names.some((p) => p.name === 'from') ? `${range}&` : '' }] : [];
    });
    expect(csvRoutes.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/admin/v1/reports/dashboard', '/admin/v1/reports/pools']),
    );
    const csvOf = async (path: string, query = `${range}&`) => {
      const response = await api.app.inject({
        method: 'GET',
        url: `${path}?${query}format=csv`,
        headers: { authorization: `Bearer ${auditor}` },
      });
      expect({ path, status: response.statusCode, type: response.headers['content-type'] }).toEqual({
        path,
        status: 200,
        type: 'text/csv; charset=utf-8',
      });
      expect(response.body.startsWith('\uFEFF')).toBe(true);
      return {
        response,
        lines: response.body
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\r\n'),
      };
    };
    for (const { path, query } of csvRoutes) await csvOf(path, query);

    const { response, lines } = await csvOf('/admin/v1/reports/dashboard');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="dashboard-${tripDay}-${today()}.csv"; filename*=UTF-8''${encodeURIComponent(`总览_${tripDay}至${today()}.csv`)}`,
    );
    expect(lines[0]).toBe('板块,周期,分组,名称,指标,数值');
    const span = `${tripDay}~${today()}`;
    expect(lines).toEqual(
      expect.arrayContaining([
        `合计,${span},,,行为数,4`,
        `合计,${span},,,减排量（克CO2e）,676`,
        `合计,${span},,,减排量（吨CO2e）,0.000676`,
        `合计,${span},,,捐赠积分,30`,
        `合计,${span},,,活跃市民,3`,
        `按周期按方法学,${tripDay},cycling,骑行,减排量（克CO2e）,676`,
        `按区县,${span},370102,历下区,减排量（克CO2e）,507`,
        `积分流向,${today()},,,发放积分,676`,
        `指标,${span},,,已上线应用场景数,1`,
        `减排量池,,370102,历下区,累计入池（克CO2e）,507`,
      ]),
    );
  });

  it("takes partners' trip counts into the green-trip share; a correction replaces, never adds", async () => {
    const report = (green: number, total: number) =>
      mapApp.request('POST', '/partner/v1/trip-statistics', {
        items: [{ day: today(), districtCode: '370102', greenTrips: green, totalTrips: total }],
      });
    expect((await report(300, 1200)).status).toBe(200);
    expect((await report(400, 1000)).status).toBe(200);
    const invalid = await report(10, 5);
    expect(invalid).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });

    const indicators = await api.request(
      'GET',
      `/admin/v1/reports/indicators?from=${today()}&to=${today()}`,
      {
        token: auditor,
      },
    );
    expect(indicators.body).toMatchObject({ greenTrips: 400, reportedTrips: 1000, greenTripShare: 0.4 });
    const [stored] = await env.query(`SELECT count(*)::int AS n FROM partner_trip_statistics`);
    expect(stored.n).toBe(1);
  });

  it('refuses bad ranges with a stable code, and citizens altogether', async () => {
    const get = (query: string, token = auditor) =>
      api.request<{ code: string }>('GET', `/admin/v1/reports/reductions?${query}`, { token });
    expect(await get('from=2026-11-20&to=2026-11-01')).toMatchObject({
      status: 400,
      body: { code: 'REPORT_RANGE_INVALID' },
    });
    expect(await get('from=2026-02-30&to=2026-03-01')).toMatchObject({
      status: 400,
      body: { code: 'REPORT_RANGE_INVALID' },
    });
    expect(await get('from=2020-01-01&to=2026-01-01')).toMatchObject({
      status: 400,
      body: { code: 'REPORT_RANGE_INVALID' },
    });
    expect(await get('granularity=year')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await get('by=citizen')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const citizen = await api.login('curious');
    expect((await get('', citizen.token)).status).toBe(403);
    expect((await api.request('GET', '/admin/v1/reports/dashboard')).status).toBe(401);
  });
});
