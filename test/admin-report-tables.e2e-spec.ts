import { cstDate, shiftDate } from '@app/domain';
import type { TestEnvironment } from './support/environment.js';
import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { idempotencyKey } from './support/trips.js';

interface Matrix {
  dateBasis: string;
  methodologies: { id: string; name: string }[];
  rows: {
    districtCode: string;
    districtName: string;
    cells: { methodologyId: string; actions: number; grams: string }[];
    actions: number;
    grams: string;
  }[];
  totals: {
    cells: { methodologyId: string; actions: number; grams: string }[];
    actions: number;
    grams: string;
  };
}
interface ClosedMonth {
  month: string;
  actions: number;
  grams: string;
  changes: { methodologyId: string; districtCode: string; actions: number; grams: string }[];
}

const HOUR = 3_600_000;
const today = cstDate(new Date());
const thisMonth = today.slice(0, 7);
// The 10th of last month, 12:00 China time: its month is over, so settling it now changes a closed month.
const lastMonthDay = `${shiftDate(`${thisMonth}-01`, -1).slice(0, 7)}-10`;
const lastMonth = lastMonthDay.slice(0, 7);
const range = `from=${lastMonth}-01&to=${today}`;

describe('reports: district × methodology and closed-month changes', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let admin: string;
  const grams: Record<string, string> = {};

  const trip = async (
    name: string,
    district: string,
    methodology: string,
    startMs: number,
    distanceM: number,
  ) => {
    const { token } = await api.login(`tables-${name}`, district);
    const submitted = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: {
        methodology,
        data: {
          ...(methodology === 'cycling' ? { mode: 'bike' } : {}),
          distanceM,
          startedAt: new Date(startMs).toISOString(),
          endedAt: new Date(startMs + 30 * 60_000).toISOString(),
        },
      },
      headers: { 'idempotency-key': idempotencyKey() },
    });
    const view = await eventually(async () => {
      const { body } = await api.request<{ status: string; grams: string }>(
        'GET',
        `/v1/me/actions/${submitted.body.id}`,
        { token },
      );
      return body.status === 'settled' ? body : undefined;
    });
    grams[name] = view.grams;
  };

  beforeAll(async () => {
    stack = await TestStack.start({
      admin: true,
      apiEnv: { REPORT_COMPACT_INTERVAL_MS: '200' },
      workerEnv: { REPORT_COMPACT_INTERVAL_MS: '200' },
    });
    ({ env, api, admin } = stack);
    const noonToday = Date.parse(`${today}T12:00:00+08:00`) - 2 * 24 * HOUR;
    const thisMonthStart = Date.parse(`${thisMonth}-01T00:00:00+08:00`);
    // Within this month and over (three citizens: the trips may overlap).
    const recent = Math.min(Math.max(noonToday, thisMonthStart + 60_000), Date.now() - HOUR);
    await trip('lixiaBike', '370102', 'cycling', recent, 5000);
    await trip('lixiaBus', '370102', 'bus', recent, 9000);
    await trip('taianBike', '370900', 'cycling', recent, 6000);
    await trip('late', '370900', 'cycling', Date.parse(`${lastMonthDay}T12:00:00+08:00`), 4000);
  });

  afterAll(() => stack?.stop());

  const sum = (...names: string[]) => names.reduce((total, n) => total + BigInt(grams[n]), 0n).toString();

  it('tabulates reductions by district and methodology with row, column and grand totals', async () => {
    const { status, body } = await api.request<Matrix>(
      'GET',
      `/admin/v1/reports/district-methodology?${range}`,
      { token: admin },
    );
    expect(status).toBe(200);
    expect(body.dateBasis).toBe('occurred');
    expect(body.methodologies).toEqual([
      { id: 'bus', name: '公交出行' },
      { id: 'cycling', name: '骑行' },
    ]);
    expect(body.rows).toEqual([
      {
        districtCode: '370102',
        districtName: '历下区',
        cells: [
          { methodologyId: 'bus', actions: 1, grams: grams.lixiaBus },
          { methodologyId: 'cycling', actions: 1, grams: grams.lixiaBike },
        ],
        actions: 2,
        grams: sum('lixiaBus', 'lixiaBike'),
      },
      {
        districtCode: '370900',
        districtName: '泰安市',
        cells: [{ methodologyId: 'cycling', actions: 2, grams: sum('taianBike', 'late') }],
        actions: 2,
        grams: sum('taianBike', 'late'),
      },
    ]);
    expect(body.totals).toEqual({
      cells: [
        { methodologyId: 'bus', actions: 1, grams: grams.lixiaBus },
        { methodologyId: 'cycling', actions: 3, grams: sum('lixiaBike', 'taianBike', 'late') },
      ],
      actions: 4,
      grams: sum('lixiaBus', 'lixiaBike', 'taianBike', 'late'),
    });
  });

  it('downloads the table as CSV with a Chinese header row, a totals row and a Chinese file name', async () => {
    const csv = await api.app.inject({
      method: 'GET',
      url: `/admin/v1/reports/district-methodology?${range}&format=csv`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(csv.statusCode).toBe(200);
    expect(decodeURIComponent(String(csv.headers['content-disposition']))).toContain(
      `filename*=UTF-8''区县×方法学减排量_${lastMonth}-01至${today}.csv`,
    );
    const lines = csv.body.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe(
      '区县代码,区县,公交出行（克CO2e）,骑行（克CO2e）,合计行为数,合计（克CO2e）,合计（吨CO2e）',
    );
    expect(lines[1]).toBe(
      `370102,历下区,${grams.lixiaBus},${grams.lixiaBike},2,${sum('lixiaBus', 'lixiaBike')},0.000${sum('lixiaBus', 'lixiaBike').padStart(3, '0')}`,
    );
    expect(lines[3]).toMatch(
      new RegExp(`^,合计,${grams.lixiaBus},${sum('lixiaBike', 'taianBike', 'late')},4,`),
    );
  });

  it('flags the closed month a late settlement changed, with what it added', async () => {
    const { body } = await api.request<ClosedMonth[]>(
      'GET',
      `/admin/v1/reports/closed-month-changes?${range}`,
      { token: admin },
    );
    expect(body).toEqual([
      expect.objectContaining({
        month: lastMonth,
        actions: 1,
        grams: grams.late,
        changes: [{ methodologyId: 'cycling', districtCode: '370900', actions: 1, grams: grams.late }],
      }),
    ]);
    const dashboard = await api.request<{ closedMonthChanges: ClosedMonth[]; dateBasis: unknown }>(
      'GET',
      `/admin/v1/reports/dashboard?${range}`,
      { token: admin },
    );
    expect(dashboard.body.dateBasis).toEqual({ reductions: 'occurred', points: 'settled' });
    expect(dashboard.body.closedMonthChanges.map((m) => m.month)).toEqual([lastMonth]);
    // Nothing this month settled after its month ended.
    const current = await api.request<ClosedMonth[]>(
      'GET',
      `/admin/v1/reports/closed-month-changes?from=${thisMonth}-01&to=${today}`,
      { token: admin },
    );
    expect(current.body).toEqual([]);
  });

  it('draws the dashboard series by the granularity asked', async () => {
    const monthly = await eventually(async () => {
      const { body } = await api.request<{ reductionsByPeriod: { period: string; grams: string }[] }>(
        'GET',
        `/admin/v1/reports/dashboard?${range}&granularity=month`,
        { token: admin },
      );
      return body.reductionsByPeriod.length === 3 ? body : undefined;
    });
    expect(new Set(monthly.reductionsByPeriod.map((r) => r.period))).toEqual(
      new Set([`${lastMonth}-01`, `${thisMonth}-01`]),
    );
    const bad = await api.request('GET', `/admin/v1/reports/dashboard?${range}&granularity=hour`, {
      token: admin,
    });
    expect(bad).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  });

  it.each(['from=2026-11-02&to=2026-11-01', 'from=2026-02-30', 'format=xlsx'])(
    'refuses %s and changes nothing',
    async (query) => {
      const before = await env.query(`SELECT count(*)::int AS n FROM report_action_deltas`);
      for (const path of ['district-methodology', 'closed-month-changes']) {
        const { status, body } = await api.request<{ code: string }>(
          'GET',
          `/admin/v1/reports/${path}?${query}`,
          {
            token: admin,
          },
        );
        expect(status).toBe(400);
        expect(['REPORT_RANGE_INVALID', 'VALIDATION_FAILED']).toContain(body.code);
      }
      expect(await env.query(`SELECT count(*)::int AS n FROM report_action_deltas`)).toEqual(before);
    },
  );
});
