import type { TestEnvironment } from './support/environment.js';
import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { idempotencyKey } from './support/trips.js';

/**
 * The program setting ORGANISATION_POINTS=credited: an organisation's settled action then issues
 * points too, to the organisation's own points record (never to the member who submitted it), and the
 * posting still balances per asset.
 */
describe('organisation points when the program credits them', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;

  beforeAll(async () => {
    stack = await TestStack.start({
      admin: true,
      apiEnv: { ORGANISATION_POINTS: 'credited' },
      workerEnv: { ORGANISATION_POINTS: 'credited' },
    });
    ({ env, api } = stack);
  });

  afterAll(() => stack?.stop());

  it("issues the action's points to the organisation's points record", async () => {
    const { admin } = stack;
    const member = await api.login('credited-member', '370102');
    const organisation = await api.request<{ id: string }>('POST', '/admin/v1/organisations', {
      token: admin,
      body: {
        name: '历下某某酒店',
        creditCode: '91370100MA3C5N6R26',
        districtCode: '370102',
        kind: 'small-business',
      },
    });
    const orgId = organisation.body.id;
    await api.request('POST', `/admin/v1/organisations/${orgId}/members`, {
      token: admin,
      body: { citizenId: member.citizenId, role: 'member' },
    });
    const submitted = await api.request<{ id: string }>('POST', `/v1/org/${orgId}/actions`, {
      token: member.token,
      body: {
        methodology: 'heat-pump',
        data: {
          deviceSerial: 'HP-0531-0042',
          periodStart: '2025-01-01',
          periodEnd: '2025-01-31',
          consumedKWh: '1000',
        },
      },
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(submitted.status).toBe(202);
    const status = async () =>
      (
        await env.query<{ status: string }>(`SELECT status FROM actions WHERE id = $1`, [submitted.body.id])
      )[0].status;
    await eventually(async () => ((await status()) === 'review' ? true : undefined));
    await api.request('POST', `/admin/v1/reviews/${submitted.body.id}/approve`, { token: admin, body: {} });
    await eventually(async () => ((await status()) === 'settled' ? true : undefined));

    const [action] = await env.query<{ grams: string; points: string }>(
      `SELECT grams::text, points::text FROM actions WHERE id = $1`,
      [submitted.body.id],
    );
    expect(action.grams).toBe('889900');
    expect(BigInt(action.points)).toBeGreaterThan(0n);
    expect(await env.balances(orgId)).toEqual({
      organisation_carbon: '889900',
      organisation_points: action.points,
    });
    expect(await env.balances('program')).toEqual({ points_issuance: `-${action.points}` });
    expect(await env.balances(member.citizenId)).toEqual({});
    expect(await env.query(`SELECT id FROM points_lots`)).toEqual([]);

    const record = await api.request('GET', `/v1/org/${orgId}/record`, { token: member.token });
    expect(record.body).toMatchObject({
      carbonGrams: '889900',
      points: action.points,
      pointsSetting: 'credited',
    });
  });

  it('leaves the ledger reconciled: balances, postings, lots and reports agree', async () => {
    const report = await api.request<{ violations: unknown[] }>('GET', '/admin/v1/ledger/reconcile', {
      token: stack.admin,
    });
    expect(report.status).toBe(200);
    expect(report.body.violations).toEqual([]);
  });
});
