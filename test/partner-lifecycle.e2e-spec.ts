import { PartnerClient } from '@app/partner-client';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { citizenWith100Points } from './support/citizens.js';
import type { TestEnvironment } from './support/environment.js';
import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { idempotencyKey } from './support/trips.js';

interface Delivery {
  deliveryId: string;
  orderId: string | null;
  status: string;
  attempts: number;
  lastError: string | null;
}

/**
 * Partners as the bureau manages them: where their webhooks may point, what happens without one, and
 * disabling one. No WEBHOOK_ALLOWED_HOSTS here, so every private destination is refused.
 */
describe('partner webhooks and partner lifecycle', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let admin: string;
  let receiver: Server;
  let receiverPort: number;
  const received: string[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      received.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverPort = (receiver.address() as AddressInfo).port;
    stack = await TestStack.start({ listen: true, admin: true });
    ({ env, api, admin } = stack);
  });

  afterAll(async () => {
    await stack?.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });

  async function partner(id: string, webhookUrl?: string): Promise<PartnerClient> {
    const created = await api.request('POST', '/admin/v1/partners', {
      token: admin,
      body: { id, displayName: id, kinds: ['redemption-channel'], mayRedeem: true, webhookUrl },
    });
    expect(created.status).toBe(201);
    const key = await api.request<{ keyId: string; secret: string }>(
      'POST',
      `/admin/v1/partners/${id}/keys`,
      {
        token: admin,
      },
    );
    return new PartnerClient({ baseUrl: stack.baseUrl, ...key.body });
  }

  async function reward(partnerId: string): Promise<string> {
    const created = await api.request<{ rewardId: string }>('POST', '/admin/v1/rewards', {
      token: admin,
      body: {
        partnerId,
        title: '咖啡券',
        points: '10',
        stock: 10,
        perCitizenLimit: 5,
        validFrom: new Date(Date.now() - 3_600_000).toISOString(),
        validTo: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    expect(created.status).toBe(201);
    return created.body.rewardId;
  }

  const redeem = (token: string, rewardId: string) =>
    api.request<{ orderId: string; status: string; code?: string }>('POST', '/v1/redemptions', {
      token,
      body: { rewardId },
      headers: { 'idempotency-key': idempotencyKey('redeem') },
    });

  const delivery = async (deliveryId: string) =>
    (await api.request<Delivery[]>('GET', '/admin/v1/webhooks', { token: admin })).body.find(
      (d) => d.deliveryId === deliveryId,
    );

  it.each([
    'http://127.0.0.1:6379/',
    'http://localhost:6379/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]:5432/',
    'http://10.0.0.1/',
    'http://0x7f000001/',
    'http://2130706433/',
    'http://127.1/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://100.64.0.1/',
    'gopher://partner.example.com/',
  ])('refuses to register or set the webhook %s, writing nothing', async (webhookUrl) => {
    const before = await env.query('SELECT id, webhook_url FROM partners ORDER BY id');
    const created = await api.request('POST', '/admin/v1/partners', {
      token: admin,
      body: { id: 'ssrf-probe', displayName: 'x', kinds: ['redemption-channel'], webhookUrl },
    });
    expect(created).toMatchObject({ status: 400, body: { code: 'WEBHOOK_URL_REFUSED' } });
    await api.request('POST', '/admin/v1/partners', {
      token: admin,
      body: { id: 'ssrf-target', displayName: 'x', kinds: ['redemption-channel'] },
    });
    const updated = await api.request('PATCH', '/admin/v1/partners/ssrf-target/webhook', {
      token: admin,
      body: { webhookUrl },
    });
    expect(updated).toMatchObject({ status: 400, body: { code: 'WEBHOOK_URL_REFUSED' } });
    const after = await env.query('SELECT id, webhook_url FROM partners ORDER BY id');
    expect(after.filter((p) => p.id !== 'ssrf-target')).toEqual(before.filter((p) => p.id !== 'ssrf-target'));
    expect(after.find((p) => p.id === 'ssrf-target')).toEqual({ id: 'ssrf-target', webhook_url: null });
  });

  it('refuses at delivery a name that resolves to 127.0.0.1, and parks it with the reason', async () => {
    await partner('rebinding-shop', 'http://hooks.rebinding-shop.example/carbon');
    // The name answered a public address when it was registered; now it answers 127.0.0.1.
    await env.query(`UPDATE partners SET webhook_url = $1 WHERE id = 'rebinding-shop'`, [
      `http://localhost:${receiverPort}/carbon`,
    ]);
    const citizen = await citizenWith100Points(api, 'rebind-rider');
    const order = await redeem(citizen.token, await reward('rebinding-shop'));
    expect(order.status).toBe(201);
    const [{ id }] = await env.query<{ id: string }>(
      `SELECT id FROM webhook_deliveries WHERE order_id = $1`,
      [order.body.orderId],
    );
    const parked = await eventually(async () => {
      const d = await delivery(id);
      return d?.status === 'parked' ? d : undefined;
    });
    expect(parked).toMatchObject({ attempts: 1 });
    expect(parked.lastError).toMatch(
      /^destination refused: localhost resolves to (127\.0\.0\.1|::1) \(loopback\)$/,
    );
    expect(received).toEqual([]);
  });

  it('queues no delivery for a partner without a webhook URL; the partner answers the order itself', async () => {
    const shop = await partner('counter-shop');
    const citizen = await citizenWith100Points(api, 'counter-rider');
    const order = await redeem(citizen.token, await reward('counter-shop'));
    expect(order).toMatchObject({ status: 201, body: { status: 'pending' } });
    expect(await env.query(`SELECT id FROM webhook_deliveries WHERE partner_id = 'counter-shop'`)).toEqual(
      [],
    );
    expect(
      await shop.request('POST', `/partner/v1/orders/${order.body.orderId}/fulfil`, {
        couponCode: 'AT-COUNTER',
      }),
    ).toMatchObject({ status: 200, body: { status: 'fulfilled', couponCode: 'AT-COUNTER' } });
    expect(await env.query(`SELECT id FROM webhook_deliveries WHERE partner_id = 'counter-shop'`)).toEqual(
      [],
    );
  });

  it('disables a partner: its signed calls are refused, its rewards not redeemable, nothing delivered', async () => {
    const shop = await partner('paused-shop', 'https://hooks.paused-shop.example/carbon');
    const rewardId = await reward('paused-shop');
    const citizen = await citizenWith100Points(api, 'paused-rider');
    const hold = () => shop.request('GET', '/partner/v1/holds/00000000-0000-0000-0000-000000000000');
    expect((await hold()).status).toBe(404);

    const forged = await api.request('POST', '/admin/v1/partners/paused-shop/disable', { token: 'x' });
    expect(forged.status).toBe(401);
    const disabled = await api.request<{ disabledAt: string | null }>(
      'POST',
      '/admin/v1/partners/paused-shop/disable',
      { token: admin },
    );
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabledAt).toEqual(expect.any(String));
    expect(await hold()).toMatchObject({ status: 403, body: { code: 'PARTNER_DISABLED' } });
    expect(await redeem(citizen.token, rewardId)).toMatchObject({
      status: 422,
      body: { code: 'REWARD_UNAVAILABLE' },
    });
    const rewards = await api.request<{ rewardId: string }[]>('GET', '/v1/rewards', { token: citizen.token });
    expect(rewards.body.map((r) => r.rewardId)).not.toContain(rewardId);
    expect(
      (await api.request<{ points: string }>('GET', '/v1/me/account', { token: citizen.token })).body.points,
    ).toBe('100');

    // An event already waiting (parked earlier, re-driven now) is not delivered while disabled.
    const [{ id }] = await env.query<{ id: string }>(
      `INSERT INTO webhook_deliveries (partner_id, event_type, payload, status, attempts, parked_at)
       VALUES ('paused-shop', 'order.created', '{}', 'parked', 8, now()) RETURNING id`,
    );
    expect((await api.request('POST', `/admin/v1/webhooks/${id}/redrive`, { token: admin })).status).toBe(
      200,
    );
    const parked = await eventually(async () => {
      const d = await delivery(id);
      return d?.status === 'parked' && d.lastError ? d : undefined;
    });
    expect(parked).toMatchObject({ attempts: 8, lastError: 'the partner is disabled' });

    const enabled = await api.request<{ disabledAt: string | null }>(
      'POST',
      '/admin/v1/partners/paused-shop/enable',
      { token: admin },
    );
    expect(enabled).toMatchObject({ status: 200, body: { disabledAt: null } });
    expect((await hold()).status).toBe(404);
    expect((await redeem(citizen.token, rewardId)).status).toBe(201);
    expect(
      (await api.request('POST', '/admin/v1/partners/nobody/disable', { token: admin })).body,
    ).toMatchObject({ code: 'PARTNER_NOT_FOUND' });
  });

  it('refuses an Authorization header with more than one scheme or token, everywhere it is read', async () => {
    const citizen = await api.login('two-tokens');
    for (const header of [
      `Bearer junk Bearer ${citizen.token}`,
      `Bearer ${citizen.token} junk`,
      `Bearer  ${citizen.token}`,
      `Bearer`,
    ]) {
      const answer = await api.request('GET', '/v1/me/account', { headers: { authorization: header } });
      expect({ header, status: answer.status, code: answer.body.code }).toEqual({
        header,
        status: 401,
        code: 'TOKEN_INVALID',
      });
    }
    // Another scheme is no Bearer token at all.
    expect(
      await api.request('GET', '/v1/me/account', { headers: { authorization: `Basic ${citizen.token}` } }),
    ).toMatchObject({ status: 401, body: { code: 'AUTH_REQUIRED' } });
    expect((await api.request('GET', '/v1/me/account', { token: citizen.token })).status).toBe(200);
    const queues = await api.request('GET', '/admin/queues/api/queues', {
      headers: { authorization: `Bearer junk Bearer ${admin}` },
    });
    expect(queues).toMatchObject({ status: 401, body: { code: 'TOKEN_INVALID' } });
    const reviews = await api.request('GET', '/admin/v1/reviews', {
      headers: { authorization: `Bearer junk Bearer ${admin}` },
    });
    expect(reviews).toMatchObject({ status: 401, body: { code: 'TOKEN_INVALID' } });
  });
});
