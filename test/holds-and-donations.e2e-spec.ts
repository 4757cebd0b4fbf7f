import type { INestApplicationContext } from '@nestjs/common';
import { PartnerClient } from '@app/partner-client';
import { HoldExpiryService } from '../apps/worker/src/expiry/hold-expiry.service.js';
import { citizenWith100Points } from './support/citizens.js';
import type { TestEnvironment } from './support/environment.js';
import type { ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { idempotencyKey } from './support/trips.js';

interface Hold {
  holdId: string;
  status: string;
  points: string;
  confirmedPoints: string | null;
}

describe('redemption: partner holds and donations', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let worker: INestApplicationContext;
  let admin: string;
  let baseUrl: string;
  const partners: Record<string, PartnerClient> = {};

  beforeAll(async () => {
    stack = await TestStack.start({ listen: true, admin: true });
    ({ env, api, worker, admin, baseUrl } = stack);
    for (const [id, mayRedeem] of [
      ['mall', true],
      ['metro-app', true],
      ['data-only', false],
    ] as const) {
      await api.request('POST', '/admin/v1/partners', {
        token: admin,
        body: { id, displayName: id, kinds: ['redemption-channel'], mayRedeem },
      });
      const key = await api.request<{ keyId: string; secret: string }>(
        'POST',
        `/admin/v1/partners/${id}/keys`,
        { token: admin },
      );
      partners[id] = new PartnerClient({ baseUrl, ...key.body });
    }
  });

  afterAll(() => stack?.stop());

  /** A citizen with exactly 100 points (2,952 m by bike = floor(100.01) g), bound to the given partners. */
  async function citizenWith100(name: string, boundTo: string[] = ['mall']) {
    const citizen = await citizenWith100Points(api, name);
    const ids: Record<string, string> = {};
    for (const partnerId of boundTo) {
      const code = await api.request<{ code: string }>('POST', '/v1/me/bindings', {
        token: citizen.token,
        body: { partnerId },
      });
      ids[partnerId] = (await partners[partnerId].exchangeBindingCode(code.body.code)).body.partnerCitizenId;
    }
    return { ...citizen, ids };
  }
  const account = async (token: string) =>
    (await api.request<{ points: string; heldPoints: string }>('GET', '/v1/me/account', { token })).body;
  const hold = (partnerId: string, partnerCitizenId: string, points: string) =>
    partners[partnerId].request<Hold & { code?: string }>('POST', '/partner/v1/holds', {
      partnerCitizenId,
      points,
    });

  it('runs the hold lifecycle: reserve, partial confirm, and every second resolution refused', async () => {
    const c = await citizenWith100('holder');
    const reserved = await hold('mall', c.ids.mall, '60');
    expect(reserved).toMatchObject({ status: 201, body: { status: 'active', points: '60' } });
    expect(await account(c.token)).toMatchObject({ points: '40', heldPoints: '60' });

    const id = reserved.body.holdId;
    const confirmed = await partners.mall.request<Hold>('POST', `/partner/v1/holds/${id}/confirm`, {
      points: '50',
    });
    expect(confirmed).toMatchObject({ status: 200, body: { status: 'confirmed', confirmedPoints: '50' } });
    expect(await account(c.token)).toMatchObject({ points: '50', heldPoints: '0' });
    expect(await partners.mall.request('POST', `/partner/v1/holds/${id}/confirm`, {})).toMatchObject({
      status: 409,
      body: { code: 'HOLD_ALREADY_RESOLVED' },
    });
    expect(await partners.mall.request('POST', `/partner/v1/holds/${id}/cancel`)).toMatchObject({
      status: 409,
      body: { code: 'HOLD_ALREADY_RESOLVED' },
    });
    expect(await partners.mall.request('GET', `/partner/v1/holds/${id}`)).toMatchObject({
      status: 200,
      body: { status: 'confirmed', confirmedPoints: '50' },
    });

    const small = await hold('mall', c.ids.mall, '10');
    expect(
      await partners.mall.request('POST', `/partner/v1/holds/${small.body.holdId}/confirm`, { points: '11' }),
    ).toMatchObject({ status: 422, body: { code: 'CONFIRM_EXCEEDS_HOLD' } });
    expect(
      await partners.mall.request('POST', `/partner/v1/holds/${small.body.holdId}/cancel`),
    ).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    expect(await account(c.token)).toMatchObject({ points: '50', heldPoints: '0' });

    expect(await hold('mall', c.ids.mall, '51')).toMatchObject({
      status: 422,
      body: { code: 'INSUFFICIENT_POINTS' },
    });
    const [clearing] = await env.query<{ balance: string }>(
      `SELECT balance FROM accounts WHERE kind = 'partner_clearing' AND owner = 'mall'`,
    );
    expect(clearing.balance).toBe('50');
  });

  it('expires an unresolved hold once, and refuses to confirm it after its time', async () => {
    const c = await citizenWith100('slow-partner');
    const reserved = await hold('mall', c.ids.mall, '30');
    await env.query(`UPDATE holds SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      reserved.body.holdId,
    ]);
    expect(
      await partners.mall.request('POST', `/partner/v1/holds/${reserved.body.holdId}/confirm`, {}),
    ).toMatchObject({ status: 409, body: { code: 'HOLD_EXPIRED' } });
    const expiry = worker.get(HoldExpiryService);
    expect(await expiry.releaseExpired()).toBeGreaterThanOrEqual(1);
    expect(await expiry.releaseExpired()).toBe(0);
    expect(await partners.mall.request('GET', `/partner/v1/holds/${reserved.body.holdId}`)).toMatchObject({
      body: { status: 'expired' },
    });
    expect(await account(c.token)).toMatchObject({ points: '100', heldPoints: '0' });
  });

  it("keeps partners away from each other's holds and refuses a partner that is not a redemption channel", async () => {
    const c = await citizenWith100('two-partners', ['mall', 'metro-app', 'data-only']);
    const reserved = await hold('mall', c.ids.mall, '10');
    expect(
      await partners['metro-app'].request('GET', `/partner/v1/holds/${reserved.body.holdId}`),
    ).toMatchObject({ status: 404, body: { code: 'HOLD_NOT_FOUND' } });
    expect(
      await partners['metro-app'].request('POST', `/partner/v1/holds/${reserved.body.holdId}/confirm`, {}),
    ).toMatchObject({ status: 404, body: { code: 'HOLD_NOT_FOUND' } });
    expect(
      await partners['metro-app'].request('POST', '/partner/v1/holds', {
        partnerCitizenId: c.ids.mall,
        points: '1',
      }),
    ).toMatchObject({
      status: 404,
      body: { code: 'BINDING_NOT_FOUND' },
    });
    expect(await hold('data-only', c.ids['data-only'], '1')).toMatchObject({
      status: 403,
      body: { code: 'REDEMPTION_NOT_ALLOWED' },
    });
    expect((await api.request('GET', `/partner/v1/holds/${reserved.body.holdId}`)).status).toBe(401);
  });

  it('never overdraws: 200 concurrent holds, catalog redemptions and donations against a balance of 100', async () => {
    const c = await citizenWith100('contended', ['mall', 'metro-app']);
    const reward = await api.request<{ rewardId: string }>('POST', '/admin/v1/rewards', {
      token: admin,
      body: {
        partnerId: 'mall',
        title: '1 积分券',
        points: '1',
        stock: 1000,
        perCitizenLimit: 1000,
        validFrom: new Date(Date.now() - 60_000).toISOString(),
        validTo: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    const attempts = await Promise.all([
      ...Array.from({ length: 80 }, () => hold('mall', c.ids.mall, '1')),
      ...Array.from({ length: 70 }, () => hold('metro-app', c.ids['metro-app'], '1')),
      ...Array.from({ length: 25 }, () =>
        api.request<{ code?: string }>('POST', '/v1/redemptions', {
          token: c.token,
          body: { rewardId: reward.body.rewardId },
          headers: { 'idempotency-key': idempotencyKey('order') },
        }),
      ),
      ...Array.from({ length: 25 }, () =>
        api.request<{ code?: string }>('POST', '/v1/donations', {
          token: c.token,
          body: { target: 'tree-planting', points: '1' },
          headers: { 'idempotency-key': idempotencyKey('don') },
        }),
      ),
    ]);
    const ok = attempts.filter((r) => r.status === 201);
    expect(ok).toHaveLength(100);
    expect(
      attempts
        .filter((r) => r.status !== 201)
        .every((r) => r.status === 422 && (r.body as { code: string }).code === 'INSUFFICIENT_POINTS'),
    ).toBe(true);
    expect(await account(c.token)).toMatchObject({ points: '0' });

    const holds = attempts
      .map((r, i) => ({ r, partner: i < 80 ? 'mall' : 'metro-app', isHold: i < 150 }))
      .filter(({ r, isHold }) => isHold && r.status === 201)
      .map(({ r, partner }) => ({ id: (r.body as Hold).holdId, partner }));
    const confirmations = await Promise.all(
      holds.map((h) => partners[h.partner].request<Hold>('POST', `/partner/v1/holds/${h.id}/confirm`, {})),
    );
    expect(confirmations.every((r) => r.status === 200)).toBe(true);
    const [spent] = await env.query<{ confirmed: string; redeemed: string; donated: string }>(
      `SELECT (SELECT coalesce(sum(confirmed_points), 0) FROM holds WHERE citizen_id = $1)::text AS confirmed,
              (SELECT coalesce(sum(points), 0) FROM orders WHERE citizen_id = $1)::text AS redeemed,
              (SELECT coalesce(sum((details->>'points')::bigint), 0) FROM ledger_postings
                WHERE reason = 'POINTS_DONATED' AND cause_id LIKE $2)::text AS donated`,
      [c.citizenId, `${c.citizenId}:%`],
    );
    expect(BigInt(spent.confirmed) + BigInt(spent.redeemed) + BigInt(spent.donated)).toBe(100n);
    expect(BigInt(spent.confirmed)).toBeLessThanOrEqual(100n);
    const report = await api.request<{ ok: boolean }>('GET', '/admin/v1/ledger/reconcile', { token: admin });
    expect(report.body).toMatchObject({ ok: true });
  });

  it('donates once per Idempotency-Key and shows the totals to admins', async () => {
    const c = await citizenWith100('donor', []);
    const key = idempotencyKey('donation');
    const first = await api.request('POST', '/v1/donations', {
      token: c.token,
      body: { target: 'charity', points: '30' },
      headers: { 'idempotency-key': key },
    });
    expect(first).toMatchObject({ status: 201, body: { target: 'charity', points: '30' } });
    expect(
      await api.request('POST', '/v1/donations', {
        token: c.token,
        body: { target: 'charity', points: '30' },
        headers: { 'idempotency-key': key },
      }),
    ).toMatchObject({
      status: 200,
      body: first.body,
    });
    expect(
      await api.request('POST', '/v1/donations', {
        token: c.token,
        body: { target: 'charity', points: '31' },
        headers: { 'idempotency-key': key },
      }),
    ).toMatchObject({
      status: 409,
      body: { code: 'IDEMPOTENCY_KEY_REUSED' },
    });
    expect(await account(c.token)).toMatchObject({ points: '70' });
    const totals = await api.request<{ target: string; points: string }[]>('GET', '/admin/v1/donations', {
      token: admin,
    });
    expect(totals.body).toContainEqual({ target: 'charity', points: '30' });
    const ledger = await api.request<{ items: { reason: { code: string; description: string } }[] }>(
      'GET',
      '/v1/me/ledger',
      { token: c.token },
    );
    expect(ledger.body.items[0].reason).toMatchObject({
      code: 'POINTS_DONATED',
      description: '30 points donated to charity',
    });
  });
});
