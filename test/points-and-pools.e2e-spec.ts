import type { INestApplicationContext } from '@nestjs/common';
import { ExpiryService } from '../apps/worker/src/expiry/expiry.service.js';
import { ReconcileService } from '../apps/worker/src/reconcile/reconcile.service.js';
import type { TestEnvironment } from './support/environment.js';
import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { cyclingTrip, idempotencyKey } from './support/trips.js';

interface Report {
  ok: boolean;
  violations: { check: string }[];
}

describe('points lifecycle, pools and retirement, reconciliation', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let worker: INestApplicationContext;
  let admin: string;
  let auditor: string;

  beforeAll(async () => {
    stack = await TestStack.start({ admin: true, auditor: true });
    ({ env, api, worker, admin, auditor } = stack);
  });

  afterAll(() => stack?.stop());

  async function settledTrip(
    name: string,
    distanceM: number,
    minutes: number,
    district?: string,
    startsMinutesAgo?: number,
  ) {
    const citizen = await api.login(name, district);
    const submit = await api.request<{ id: string }>('POST', '/v1/actions', {
      token: citizen.token,
      body: cyclingTrip(distanceM, minutes, { startsMinutesAgo }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    const action = await eventually(async () => {
      const { body } = await api.request<{ status: string; grams: string; points: string }>(
        'GET',
        `/v1/me/actions/${submit.body.id}`,
        { token: citizen.token },
      );
      return body.status === 'settled' ? body : undefined;
    });
    return { ...citizen, actionId: submit.body.id, action };
  }
  const reconcile = async () =>
    (await api.request<Report>('GET', '/admin/v1/ledger/reconcile', { token: auditor })).body;

  it('accrues settled grams to the district pool and retires from it once per request, never below zero', async () => {
    // Three riders in 泰安市: 3 × 169 g = 507 g accrued.
    for (const name of ['taian-1', 'taian-2', 'taian-3']) await settledTrip(name, 5000, 20, '370900');
    const pools = await api.request<
      { region: string; accruedGrams: string; availableGrams: string; retiredGrams: string }[]
    >('GET', '/admin/v1/pools', { token: auditor });
    expect(pools.body).toContainEqual({
      region: '370900',
      name: '泰安市',
      accruedGrams: '507',
      retiredGrams: '0',
      availableGrams: '507',
    });

    const key = idempotencyKey('retire');
    const body = { grams: '200', purpose: '2026 泰山国际登山节碳中和', beneficiary: '泰安市生态环境局' };
    const first = await api.request<{ serial: string; grams: string }>(
      'POST',
      '/admin/v1/pools/370900/retirements',
      { token: admin, body, headers: { 'idempotency-key': key } },
    );
    expect(first.status).toBe(201);
    expect(first.body.serial).toMatch(/^SD-370900-\d{4}-\d{6}$/);
    const replay = await api.request<{ serial: string }>('POST', '/admin/v1/pools/370900/retirements', {
      token: admin,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(replay).toMatchObject({ status: 200, body: { serial: first.body.serial } });
    const conflict = await api.request('POST', '/admin/v1/pools/370900/retirements', {
      token: admin,
      body: { ...body, grams: '201' },
      headers: { 'idempotency-key': key },
    });
    expect(conflict).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    const tooMuch = await api.request('POST', '/admin/v1/pools/370900/retirements', {
      token: admin,
      body: { ...body, grams: '308' },
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(tooMuch).toMatchObject({
      status: 422,
      body: { code: 'POOL_INSUFFICIENT', details: { availableGrams: '307' } },
    });
    const asAuditor = await api.request('POST', '/admin/v1/pools/370900/retirements', {
      token: auditor,
      body,
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(asAuditor.status).toBe(403);

    // 10 concurrent retirements of 50 g against 307 g available: exactly 6 go through.
    const race = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.request('POST', '/admin/v1/pools/370900/retirements', {
          token: admin,
          body: { ...body, grams: '50' },
          headers: { 'idempotency-key': idempotencyKey() },
        }),
      ),
    );
    expect(race.filter((r) => r.status === 201)).toHaveLength(6);
    expect(race.filter((r) => r.status === 422)).toHaveLength(4);

    const after = await api.request<{ region: string }[]>('GET', '/admin/v1/pools', { token: auditor });
    expect(after.body).toContainEqual({
      region: '370900',
      name: '泰安市',
      accruedGrams: '507',
      retiredGrams: '500',
      availableGrams: '7',
    });
    const record = await api.request('GET', `/admin/v1/retirements/${first.body.serial}`, { token: auditor });
    expect(record).toMatchObject({
      status: 200,
      body: { serial: first.body.serial, grams: '200', region: '370900', purpose: body.purpose },
    });
    expect(await env.query(`SELECT id FROM retirements`)).toHaveLength(7);
    await expect(env.query(`UPDATE retirements SET grams = 1`)).rejects.toThrow(/append-only/);
    expect(await reconcile()).toMatchObject({ ok: true, violations: [] });
  });

  it('retires once when the same request arrives many times at once', async () => {
    await settledTrip('jining-1', 5000, 20, '370800');
    const key = idempotencyKey('retire-race');
    const body = { grams: '100', purpose: '济宁市 2026 年度公共机构碳中和' };
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.request<{ serial: string }>('POST', '/admin/v1/pools/370800/retirements', {
          token: admin,
          body,
          headers: { 'idempotency-key': key },
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.serial)).size).toBe(1);
    const pools = await api.request<{ region: string; availableGrams: string }[]>('GET', '/admin/v1/pools', {
      token: auditor,
    });
    expect(pools.body.find((p) => p.region === '370800')).toMatchObject({ availableGrams: '69' });
  });

  it('holds points in lots that expire at the end of the following year, expiring each once', async () => {
    const rider = await settledTrip('expiring', 5000, 20);
    const [lot] = await env.query<{ points: string; remaining: string; expires_at: Date }>(
      `SELECT points, remaining, expires_at FROM points_lots WHERE citizen_id = $1`,
      [rider.citizenId],
    );
    const chinaYear = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    expect(lot).toMatchObject({ points: '169', remaining: '169' });
    expect(lot.expires_at.toISOString()).toBe(
      new Date(Date.UTC(chinaYear + 2, 0, 1) - 8 * 3_600_000).toISOString(),
    );

    const expiry = worker.get(ExpiryService);
    expect(await expiry.expireDue(new Date(lot.expires_at.getTime() - 1000))).toBe(0);
    const later = new Date(lot.expires_at.getTime() + 1000);
    expect(await expiry.expireDue(later)).toBeGreaterThanOrEqual(1);
    const balances = await env.query<{ kind: string; balance: string }>(
      `SELECT kind, balance FROM accounts WHERE owner = $1 ORDER BY kind`,
      [rider.citizenId],
    );
    expect(balances).toEqual([
      { kind: 'citizen_carbon', balance: '169' },
      { kind: 'citizen_points', balance: '0' },
    ]);
    const postingsBefore = await env.query(`SELECT id FROM ledger_postings WHERE reason = 'POINTS_EXPIRED'`);
    expect(await expiry.expireDue(later)).toBe(0);
    expect(await env.query(`SELECT id FROM ledger_postings WHERE reason = 'POINTS_EXPIRED'`)).toHaveLength(
      postingsBefore.length,
    );
    const ledger = await api.request<{
      items: { account: string; amount: string; reason: { code: string } }[];
    }>('GET', '/v1/me/ledger', { token: rider.token });
    expect(ledger.body.items[0]).toMatchObject({
      account: 'points',
      amount: '-169',
      reason: { code: 'POINTS_EXPIRED' },
    });
    expect(await reconcile()).toMatchObject({ ok: true });
  });

  it('multiplies points for actions inside a campaign, and only those', async () => {
    const now = Date.now();
    const campaign = await api.request<{ id: string }>('POST', '/admin/v1/campaigns', {
      token: admin,
      body: {
        name: '低碳日 · 济南',
        regionScope: ['370100'],
        methodologies: ['cycling'],
        startsAt: new Date(now - 3 * 3_600_000).toISOString(),
        endsAt: new Date(now).toISOString(),
        multiplier: '2',
      },
    });
    expect(campaign.status).toBe(201);
    expect(await api.request('POST', '/admin/v1/campaigns', { token: auditor, body: {} })).toMatchObject({
      status: 403,
    });
    const inside = await settledTrip('campaign-inside', 5000, 20, '370102', 120);
    expect(inside.action).toMatchObject({ grams: '169', points: '338' });
    const outside = await settledTrip('campaign-outside', 5000, 20, '370102', 600);
    expect(outside.action).toMatchObject({ grams: '169', points: '169' });
    const elsewhere = await settledTrip('campaign-jining', 5000, 20, '370800', 120);
    expect(elsewhere.action).toMatchObject({ grams: '169', points: '169' });
    const [row] = await env.query<{ campaign_id: string }>(`SELECT campaign_id FROM actions WHERE id = $1`, [
      inside.actionId,
    ]);
    expect(row.campaign_id).toBe(campaign.body.id);
  });

  it('reports a tampered balance as a violation', async () => {
    expect(await reconcile()).toMatchObject({ ok: true });
    await env.query(`UPDATE accounts SET balance = balance + 1 WHERE kind = 'points_issuance'`);
    const report = await reconcile();
    expect(report.ok).toBe(false);
    expect(report.violations.map((v) => v.check)).toEqual(
      expect.arrayContaining(['zero-sum-per-asset', 'balance-equals-entries']),
    );
    await env.query(`UPDATE accounts SET balance = balance - 1 WHERE kind = 'points_issuance'`);
    expect(await reconcile()).toMatchObject({ ok: true });
  });

  it('exposes the latest scheduled reconciliation and the settlement lag as metrics', async () => {
    const report = await worker.get(ReconcileService).run();
    expect(report.ok).toBe(true);
    const response = await api.app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/^carbon_ledger_reconciliation_ok 1$/m);
    expect(response.body).toMatch(/^carbon_settlement_lag_seconds \d+(\.\d+)?$/m);
    expect(response.body).toMatch(/^carbon_process_cpu_user_seconds_total /m);
  });
});
