// A partner integration written only from the README's "Partner request signing" section, with
// node:crypto and fetch — deliberately not using libs/partner-client — as a partner would write it.
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestEnvironment } from './support/environment.js';
import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { idempotencyKey } from './support/trips.js';

function readmeSign(
  secret: string,
  method: string,
  pathWithQuery: string,
  timestamp: string,
  nonce: string,
  body: string,
): string {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  return createHmac('sha256', secret)
    .update([method, pathWithQuery, timestamp, nonce, bodyHash].join('\n'))
    .digest('hex');
}

class ReadmePartner {
  constructor(
    private readonly baseUrl: string,
    private readonly keyId: string,
    private readonly secret: string,
  ) {}

  async send(
    method: 'GET' | 'POST',
    path: string,
    payload?: unknown,
    replay?: { nonce: string; timestamp: string },
  ) {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const timestamp = replay?.timestamp ?? String(Math.floor(Date.now() / 1000));
    const nonce = replay?.nonce ?? randomBytes(12).toString('hex');
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: {
        'X-Key-Id': this.keyId,
        'X-Timestamp': timestamp,
        'X-Nonce': nonce,
        'X-Signature': readmeSign(this.secret, method, path, timestamp, nonce, body),
        ...(body ? { 'Content-Type': 'application/json' } : {}),
        ...(method === 'POST' ? { 'Idempotency-Key': randomUUID() } : {}),
      },
      body: body || undefined,
    });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
      nonce,
      timestamp,
    };
  }
}

describe('a partner written from the README alone', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let admin: string;
  let partner: ReadmePartner;
  let secret: string;
  let webhook: Server;
  const events: { headers: IncomingMessage['headers']; body: string; path: string }[] = [];

  beforeAll(async () => {
    webhook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        events.push({ headers: req.headers, body, path: req.url ?? '' });
        // The README's scheme, checked on our side: reject anything not signed by the platform.
        const valid =
          readmeSign(
            secret,
            'POST',
            req.url ?? '',
            String(req.headers['x-timestamp']),
            String(req.headers['x-nonce']),
            body,
          ) === req.headers['x-signature'];
        res.writeHead(valid ? 200 : 401, { 'content-type': 'application/json' });
        res.end(
          valid
            ? JSON.stringify({ couponCode: `COUPON-${JSON.parse(body).data.orderId.slice(0, 8)}` })
            : '{}',
        );
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    // The webhook listens on 127.0.0.1: allowed as an operator would allow an intranet partner.
    const intranet = { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' };
    stack = await TestStack.start({ listen: true, admin: true, apiEnv: intranet, workerEnv: intranet });
    ({ env, api, admin } = stack);
    const hook = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hooks/carbon?src=platform`;
    await api.request('POST', '/admin/v1/partners', {
      token: admin,
      body: {
        id: 'city-bikes',
        displayName: '泉城单车',
        kinds: ['data-provider', 'redemption-channel'],
        methodologies: ['cycling'],
        mayRedeem: true,
        webhookUrl: hook,
      },
    });
    const key = await api.request<{ keyId: string; secret: string }>(
      'POST',
      '/admin/v1/partners/city-bikes/keys',
      { token: admin },
    );
    secret = key.body.secret;
    partner = new ReadmePartner(stack.baseUrl, key.body.keyId, secret);
  });

  afterAll(async () => {
    await stack?.stop();
    await new Promise((resolve) => webhook.close(resolve));
  });

  it('binds a citizen, pushes a trip that settles, reserves and confirms points, and acknowledges a fulfilment webhook', async () => {
    const citizen = await api.login('readme-citizen');
    const code = await api.request<{ code: string }>('POST', '/v1/me/bindings', {
      token: citizen.token,
      body: { partnerId: 'city-bikes' },
    });
    const bound = await partner.send('POST', '/partner/v1/bindings/exchange', { code: code.body.code });
    expect(bound.status).toBe(200);
    const partnerCitizenId = bound.body.partnerCitizenId as string;

    const start = Date.now() - 4 * 3_600_000;
    const pushed = await partner.send('POST', '/partner/v1/actions:batch', {
      actions: [
        {
          eventId: 'trip-9001',
          partnerCitizenId,
          methodology: 'cycling',
          data: {
            mode: 'bike',
            distanceM: 8856,
            startedAt: new Date(start).toISOString(),
            endedAt: new Date(start + 40 * 60_000).toISOString(),
          },
        },
      ],
    });
    expect(pushed).toMatchObject({
      status: 200,
      body: { results: [{ eventId: 'trip-9001', status: 'accepted' }] },
    });
    const actionId = (pushed.body.results as { actionId: string }[])[0].actionId;
    // 8,856 m × 33.88 g/km = 300.04 → 300 g, 300 points
    await eventually(async () =>
      (await api.request<{ status: string }>('GET', `/v1/me/actions/${actionId}`, { token: citizen.token }))
        .body.status === 'settled'
        ? true
        : undefined,
    );
    expect((await api.request('GET', '/v1/me/account', { token: citizen.token })).body).toMatchObject({
      grams: '300',
      points: '300',
    });

    const hold = await partner.send('POST', '/partner/v1/holds', {
      partnerCitizenId,
      points: '120',
      reference: 'ride-pass',
    });
    expect(hold).toMatchObject({ status: 201, body: { status: 'active', points: '120' } });
    const confirmed = await partner.send('POST', `/partner/v1/holds/${hold.body.holdId as string}/confirm`, {
      points: '100',
    });
    expect(confirmed).toMatchObject({ status: 200, body: { status: 'confirmed', confirmedPoints: '100' } });
    expect((await api.request('GET', '/v1/me/account', { token: citizen.token })).body).toMatchObject({
      points: '200',
    });

    const reward = await api.request<{ rewardId: string }>('POST', '/admin/v1/rewards', {
      token: admin,
      body: {
        partnerId: 'city-bikes',
        title: '月卡',
        points: '150',
        stock: 10,
        perCitizenLimit: 1,
        validFrom: new Date(Date.now() - 60_000).toISOString(),
        validTo: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    const order = await api.request<{ orderId: string }>('POST', '/v1/redemptions', {
      token: citizen.token,
      body: { rewardId: reward.body.rewardId },
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(order.status).toBe(201);
    const fulfilled = await eventually(async () => {
      const view = await api.request<{ status: string; couponCode: string }>(
        'GET',
        `/v1/me/orders/${order.body.orderId}`,
        { token: citizen.token },
      );
      return view.body.status === 'fulfilled' ? view.body : undefined;
    });
    expect(fulfilled.couponCode).toBe(`COUPON-${order.body.orderId.slice(0, 8)}`);
    expect(events.at(-1)).toMatchObject({ path: '/hooks/carbon?src=platform' });
  });

  it('is refused, with nothing written, whenever it forges or replays', async () => {
    const before = await env.query<{ n: string }>(`SELECT count(*) AS n FROM partner_requests`);
    const sent = await partner.send('GET', '/partner/v1/holds/00000000-0000-0000-0000-000000000000');
    expect(sent.status).toBe(404);
    const replayed = await partner.send(
      'GET',
      '/partner/v1/holds/00000000-0000-0000-0000-000000000000',
      undefined,
      { nonce: sent.nonce, timestamp: sent.timestamp },
    );
    expect(replayed).toMatchObject({ status: 401, body: { code: 'NONCE_REPLAYED' } });
    const forged = new ReadmePartner(
      (partner as unknown as { baseUrl: string }).baseUrl,
      (partner as unknown as { keyId: string }).keyId,
      'not-the-secret',
    );
    expect(
      await forged.send('POST', '/partner/v1/holds', { partnerCitizenId: 'pc_x', points: '1' }),
    ).toMatchObject({ status: 401, body: { code: 'SIGNATURE_INVALID' } });
    expect(await env.query<{ n: string }>(`SELECT count(*) AS n FROM partner_requests`)).toEqual(before);
  });
});
