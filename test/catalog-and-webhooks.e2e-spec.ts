import { PartnerClient, signature } from '@app/partner-client';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adminBootstrapEnv } from './support/admin.js';
import { citizenWith100Points } from './support/citizens.js';
import type { TestEnvironment } from './support/environment.js';
import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { idempotencyKey } from './support/trips.js';

/** A partner's webhook endpoint: answers with a scripted sequence of statuses and records what it got. */
class Receiver {
  server!: Server;
  url!: string;
  received: { headers: IncomingMessage['headers']; body: string }[] = [];
  /** Statuses to answer, in order; the last one repeats. */
  script: number[] = [200];
  coupon: string | undefined;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body });
        const status = this.script.length > 1 ? this.script.shift()! : this.script[0];
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(status < 300 && this.coupon ? JSON.stringify({ couponCode: this.coupon }) : '{}');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/carbon/events`;
  }
}

interface Order {
  orderId: string;
  status: string;
  couponCode: string | null;
  points: string;
}

describe('catalog redemptions, signed fulfilment webhooks, refunds', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let admin: string;
  let baseUrl: string;
  let secret: string;
  let metro: PartnerClient;
  let other: PartnerClient;
  const receiver = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    // The receiver listens on 127.0.0.1, a loopback address refused unless allowed, as for an intranet.
    const overrides = {
      ...adminBootstrapEnv,
      WEBHOOK_ATTEMPTS: '4',
      WEBHOOK_BACKOFF_MS: '50',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    };
    stack = await TestStack.start({ apiEnv: overrides, workerEnv: overrides, listen: true, admin: true });
    ({ env, api, baseUrl, admin } = stack);
    await api.request('POST', '/admin/v1/partners', {
      token: admin,
      body: {
        id: 'metro-app',
        displayName: '济南地铁',
        kinds: ['redemption-channel'],
        mayRedeem: true,
        webhookUrl: receiver.url,
      },
    });
    const key = await api.request<{ keyId: string; secret: string }>(
      'POST',
      '/admin/v1/partners/metro-app/keys',
      { token: admin },
    );
    secret = key.body.secret;
    metro = new PartnerClient({ baseUrl, ...key.body });
    await api.request('POST', '/admin/v1/partners', {
      token: admin,
      body: { id: 'other-shop', displayName: 'x', kinds: ['redemption-channel'], mayRedeem: true },
    });
    other = new PartnerClient({
      baseUrl,
      ...(
        await api.request<{ keyId: string; secret: string }>('POST', '/admin/v1/partners/other-shop/keys', {
          token: admin,
        })
      ).body,
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await new Promise((resolve) => receiver.server.close(resolve));
  });

  const citizenWith100 = (name: string) => citizenWith100Points(api, name);
  async function reward(stock: number, points = '30', perCitizenLimit = 2) {
    const created = await api.request<{ rewardId: string }>('POST', '/admin/v1/rewards', {
      token: admin,
      body: {
        partnerId: 'metro-app',
        title: '地铁单程票',
        points,
        stock,
        perCitizenLimit,
        validFrom: new Date(Date.now() - 3_600_000).toISOString(),
        validTo: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    expect(created.status).toBe(201);
    return created.body.rewardId;
  }
  const redeem = (token: string, rewardId: string, key = idempotencyKey('redeem')) =>
    api.request<Order & { code?: string }>('POST', '/v1/redemptions', {
      token,
      body: { rewardId },
      headers: { 'idempotency-key': key },
    });
  const points = async (token: string) =>
    (await api.request<{ points: string }>('GET', '/v1/me/account', { token })).body.points;
  const orderOf = (token: string, id: string) => api.request<Order>('GET', `/v1/me/orders/${id}`, { token });

  it('redeems once per key, delivers a signed event through failures, and shows the coupon', async () => {
    receiver.script = [500, 503, 200];
    receiver.coupon = 'MT-2026-0001';
    const citizen = await citizenWith100('rider-redeems');
    const rewardId = await reward(5);
    const key = idempotencyKey('redeem');
    const order = await redeem(citizen.token, rewardId, key);
    expect(order).toMatchObject({ status: 201, body: { status: 'pending', points: '30' } });
    expect(await redeem(citizen.token, rewardId, key)).toMatchObject({
      status: 200,
      body: { orderId: order.body.orderId },
    });
    expect(await points(citizen.token)).toBe('70');

    const fulfilled = await eventually(async () => {
      const view = await orderOf(citizen.token, order.body.orderId);
      return view.body.status === 'fulfilled' ? view.body : undefined;
    });
    expect(fulfilled.couponCode).toBe('MT-2026-0001');

    const deliveries = receiver.received.filter((r) => r.body.includes(order.body.orderId));
    expect(deliveries).toHaveLength(3);
    expect(new Set(deliveries.map((d) => d.headers['x-event-id'])).size).toBe(1);
    const last = deliveries[2];
    const expected = signature(secret, {
      method: 'POST',
      pathWithQuery: '/carbon/events',
      timestamp: String(last.headers['x-timestamp']),
      nonce: String(last.headers['x-nonce']),
      body: last.body,
    });
    expect(last.headers['x-signature']).toBe(expected);
    expect(JSON.parse(last.body)).toMatchObject({
      type: 'order.created',
      eventId: last.headers['x-event-id'],
      data: { orderId: order.body.orderId, points: '30' },
    });
  });

  it('keeps stock and per-citizen limits under concurrency, and refuses what the citizen cannot afford', async () => {
    receiver.script = [200];
    receiver.coupon = undefined;
    const rewardId = await reward(3);
    const citizens = await Promise.all(Array.from({ length: 6 }, (_, i) => citizenWith100(`crowd-${i}`)));
    const results = await Promise.all(citizens.map((c) => redeem(c.token, rewardId)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 422).every((r) => r.body.code === 'OUT_OF_STOCK')).toBe(true);

    const limited = await reward(10, '10', 2);
    const c = citizens[5];
    expect((await redeem(c.token, limited)).status).toBe(201);
    expect((await redeem(c.token, limited)).status).toBe(201);
    expect(await redeem(c.token, limited)).toMatchObject({
      status: 422,
      body: { code: 'REDEMPTION_LIMIT_REACHED' },
    });
    const pricey = await reward(10, '1000');
    expect(await redeem(c.token, pricey)).toMatchObject({
      status: 422,
      body: { code: 'INSUFFICIENT_POINTS' },
    });
  });

  it('parks a delivery the partner never accepts, and re-drives it when an admin asks', async () => {
    receiver.script = [500];
    const citizen = await citizenWith100('parked-rider');
    const order = await redeem(citizen.token, await reward(5));
    const parked = await eventually(async () => {
      const list = await api.request<{ deliveryId: string; orderId: string; attempts: number }[]>(
        'GET',
        '/admin/v1/webhooks?status=parked',
        { token: admin },
      );
      return list.body.find((d) => d.orderId === order.body.orderId);
    });
    expect(parked.attempts).toBe(4);
    receiver.script = [200];
    receiver.coupon = 'MT-REDRIVEN';
    expect(
      await api.request('POST', `/admin/v1/webhooks/${parked.deliveryId}/redrive`, { token: admin }),
    ).toMatchObject({ status: 200 });
    expect(
      await api.request('POST', `/admin/v1/webhooks/${parked.deliveryId}/redrive`, { token: admin }),
    ).toMatchObject({ status: 404 });
    const fulfilled = await eventually(async () =>
      (await orderOf(citizen.token, order.body.orderId)).body.status === 'fulfilled' ? true : undefined,
    );
    expect(fulfilled).toBe(true);
    expect((await orderOf(citizen.token, order.body.orderId)).body.couponCode).toBe('MT-REDRIVEN');
  });

  it('refunds a failed or cancelled order exactly once, and keeps orders private', async () => {
    receiver.script = [200];
    receiver.coupon = undefined;
    const citizen = await citizenWith100('refunded-rider');
    const rewardId = await reward(5);
    const failed = await redeem(citizen.token, rewardId);
    const cancelled = await redeem(citizen.token, rewardId);
    expect(await points(citizen.token)).toBe('40');

    expect(
      await other.request('POST', `/partner/v1/orders/${failed.body.orderId}/fail`, {
        reason: 'COUPONS_EXHAUSTED',
      }),
    ).toMatchObject({ status: 404, body: { code: 'ORDER_NOT_FOUND' } });
    expect(
      await metro.request('POST', `/partner/v1/orders/${failed.body.orderId}/fail`, {
        reason: 'COUPONS_EXHAUSTED',
      }),
    ).toMatchObject({ status: 200, body: { status: 'failed' } });
    expect(
      await metro.request('POST', `/partner/v1/orders/${failed.body.orderId}/fail`, {
        reason: 'COUPONS_EXHAUSTED',
      }),
    ).toMatchObject({ status: 409, body: { code: 'ORDER_ALREADY_RESOLVED' } });
    expect(
      await metro.request('POST', `/partner/v1/orders/${failed.body.orderId}/fulfil`, { couponCode: 'LATE' }),
    ).toMatchObject({ status: 409 });
    expect(
      await api.request('POST', `/admin/v1/orders/${cancelled.body.orderId}/cancel`, {
        token: admin,
        body: { reason: 'CITIZEN_REQUEST' },
      }),
    ).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    expect(
      await api.request('POST', `/admin/v1/orders/${cancelled.body.orderId}/cancel`, {
        token: admin,
        body: { reason: 'CITIZEN_REQUEST' },
      }),
    ).toMatchObject({ status: 409 });
    expect(await points(citizen.token)).toBe('100');
    const refunds = await env.query(
      `SELECT id FROM ledger_postings WHERE reason = 'REDEMPTION_REFUNDED' AND cause_id = ANY($1)`,
      [[failed.body.orderId, cancelled.body.orderId]],
    );
    expect(refunds).toHaveLength(2);

    const stranger = await api.login('nosy-citizen');
    expect(await orderOf(stranger.token, failed.body.orderId)).toMatchObject({
      status: 404,
      body: { code: 'ORDER_NOT_FOUND' },
    });
    const report = await api.request<{ ok: boolean }>('GET', '/admin/v1/ledger/reconcile', { token: admin });
    expect(report.body).toMatchObject({ ok: true });
  });
});
