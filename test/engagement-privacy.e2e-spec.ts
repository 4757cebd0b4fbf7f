import { ADMIN, adminBootstrapEnv, adminToken } from './support/admin.js';
import type { TestEnvironment } from './support/environment.js';
import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { cyclingTrip, idempotencyKey } from './support/trips.js';

describe('citizen engagement: export and deletion', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;

  beforeAll(async () => {
    stack = await TestStack.start({ apiEnv: adminBootstrapEnv });
    ({ env, api } = stack);
    await env.query(
      `INSERT INTO partners (id, display_name, kinds, may_redeem) VALUES ('demo-bikes', 'Demo bikes', '{bike-share}', true)`,
    );
  });

  afterAll(() => stack?.stop());

  async function citizenWithHistory(name: string) {
    const me = await api.login(name);
    const submit = await api.request<{ id: string }>('POST', '/v1/actions', {
      token: me.token,
      body: { ...cyclingTrip(5000, 20), evidence: { kind: 'gps-track', reference: 'upload-secret-track' } },
      headers: { 'idempotency-key': idempotencyKey(name) },
    });
    expect(submit.status).toBe(202);
    await eventually(async () => {
      const [row] = await env.query<{ status: string }>(`SELECT status FROM actions WHERE id = $1`, [
        submit.body.id,
      ]);
      return row.status === 'settled' ? true : undefined;
    });
    expect(
      (await api.request('PATCH', '/v1/me/profile', { token: me.token, body: { nickname: `${name}-nick` } }))
        .status,
    ).toBe(200);
    const binding = await api.request('POST', '/v1/me/bindings', {
      token: me.token,
      body: { partnerId: 'demo-bikes' },
    });
    expect(binding.status).toBe(201);
    const donation = await api.request('POST', '/v1/donations', {
      token: me.token,
      body: { target: 'tree-planting', points: '10' },
      headers: { 'idempotency-key': idempotencyKey('donate') },
    });
    expect(donation.status).toBe(201);
    const team = await api.request<{ id: string }>('POST', '/v1/teams', {
      token: me.token,
      body: { name: `${name} 社区`, kind: 'community' },
    });
    expect(team.status).toBe(201);
    await env.query(
      `INSERT INTO citizen_badges (citizen_id, badge_id, evidence) VALUES ($1, 'reduced-100-kg', '{}')`,
      [me.citizenId],
    );
    return { ...me, actionId: submit.body.id, teamId: team.body.id };
  }

  it('exports everything held about the citizen', async () => {
    const me = await citizenWithHistory('exporter');
    const friend = await api.login('exporter-friend');
    const invite = await api.request<{ code: string }>('POST', '/v1/me/friends/invites', {
      token: friend.token,
    });
    await api.request('POST', '/v1/me/friends', { token: me.token, body: { code: invite.body.code } });

    const exported = await api.request<Record<string, unknown[]> & { profile: Record<string, unknown> }>(
      'GET',
      '/v1/me/export',
      { token: me.token },
    );
    expect(exported.status).toBe(200);
    const body = exported.body;
    expect(body.profile).toMatchObject({
      id: me.citizenId,
      nickname: 'exporter-nick',
      district_code: '370102',
    });
    expect(body.actions).toEqual([
      expect.objectContaining({
        id: me.actionId,
        status: 'settled',
        grams: '169',
        evidence: { kind: 'gps-track', reference: 'upload-secret-track' },
      }),
    ]);
    expect(body.accounts.map((a) => (a as { kind: string }).kind)).toEqual([
      'citizen_carbon',
      'citizen_points',
    ]);
    expect(body.ledgerEntries).toHaveLength(3); // grams, points, the donation
    expect(body.lots).toEqual([expect.objectContaining({ points: '169', remaining: '159' })]);
    expect(body.bindings).toEqual([expect.objectContaining({ partner_id: 'demo-bikes', status: 'pending' })]);
    expect(body.donations).toEqual([expect.objectContaining({ target: 'tree-planting', points: '10' })]);
    expect(body.friends).toEqual([expect.objectContaining({ friend_id: friend.citizenId })]);
    expect(body.teams).toEqual([expect.objectContaining({ id: me.teamId, kind: 'community' })]);
    expect(body.badges).toEqual([expect.objectContaining({ badge_id: 'reduced-100-kg' })]);
    for (const key of ['orders', 'holds']) expect(body[key]).toEqual([]);
  });

  it('deletes by anonymising: personal data gone, a fresh account at next login, the ledger untouched and balanced', async () => {
    const me = await citizenWithHistory('leaver');
    const friend = await api.login('leaver-friend');
    const invite = await api.request<{ code: string }>('POST', '/v1/me/friends/invites', {
      token: friend.token,
    });
    await api.request('POST', '/v1/me/friends', { token: me.token, body: { code: invite.body.code } });
    const ledgerBefore = await env.query(`SELECT count(*)::int AS n FROM ledger_entries`);

    const deleted = await api.request<{ deleted: boolean; kept: string[] }>('POST', '/v1/me/delete', {
      token: me.token,
    });
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted).toBe(true);
    const twice = await api.request<{ code: string }>('POST', '/v1/me/delete', { token: me.token });
    expect([twice.status, twice.body.code]).toEqual([410, 'ACCOUNT_DELETED']);
    expect((await api.request('GET', '/v1/me/export', { token: me.token })).status).toBe(410);
    // Every citizen route refuses the deleted account's old token, submitting actions included.
    expect(await api.request('GET', '/v1/me/account', { token: me.token })).toMatchObject({
      status: 410,
      body: { code: 'ACCOUNT_DELETED' },
    });
    expect(
      await api.request('POST', '/v1/actions', {
        token: me.token,
        body: { methodology: 'walking', data: { date: '2025-06-01', steps: 1000 } },
        headers: { 'idempotency-key': 'after-deletion-0001' },
      }),
    ).toMatchObject({ status: 410, body: { code: 'ACCOUNT_DELETED' } });

    // Personal data is gone.
    const [citizen] = await env.query<{ openid_digest: string; deleted_at: Date | null }>(
      `SELECT openid_digest, deleted_at FROM citizens WHERE id = $1`,
      [me.citizenId],
    );
    expect(citizen.openid_digest).toBe(`deleted:${me.citizenId}`);
    expect(citizen.deleted_at).not.toBeNull();
    for (const table of ['citizen_profiles', 'team_members', 'citizen_badges'])
      expect(await env.query(`SELECT 1 FROM ${table} WHERE citizen_id = $1`, [me.citizenId])).toEqual([]);
    expect(
      await env.query(`SELECT 1 FROM friendships WHERE $1 IN (citizen_id, friend_id)`, [me.citizenId]),
    ).toEqual([]);
    expect(await env.query(`SELECT status FROM bindings WHERE citizen_id = $1`, [me.citizenId])).toEqual([
      { status: 'revoked' },
    ]);
    expect(
      await env.query(
        `SELECT payload, evidence, grams::text, trace IS NOT NULL AS traced FROM actions WHERE id = $1`,
        [me.actionId],
      ),
    ).toEqual([{ payload: { scrubbed: true }, evidence: null, grams: '169', traced: true }]);
    expect((await api.request('GET', '/v1/me/friends', { token: friend.token })).body).toEqual([]);

    // The same WeChat user gets a fresh, empty account.
    const again = await api.request<{ citizenId: string; created: boolean }>('POST', '/v1/auth/wechat', {
      body: { code: 'dev:leaver' },
    });
    expect(again.body.created).toBe(true);
    expect(again.body.citizenId).not.toBe(me.citizenId);

    // The ledger is as it was, and balanced.
    expect(await env.query(`SELECT count(*)::int AS n FROM ledger_entries`)).toEqual(ledgerBefore);
    expect(
      await env.query(
        `SELECT asset, sum(balance)::text AS total FROM accounts GROUP BY asset ORDER BY asset`,
      ),
    ).toEqual([
      { asset: 'CO2E_G', total: '0' },
      { asset: 'POINTS', total: '0' },
    ]);
    const admin = await adminToken(api, ADMIN);
    const report = await api.request<{ ok: boolean }>('GET', '/admin/v1/ledger/reconcile', { token: admin });
    expect(report.status).toBe(200);
    expect(report.body.ok).toBe(true);
  });
});
