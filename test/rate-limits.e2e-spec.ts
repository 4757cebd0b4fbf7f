import { PartnerClient } from '@app/partner-client';
import type { AddressInfo } from 'node:net';
import type { ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';

describe('rate limits, counted in Redis', () => {
  let stack: TestStack;
  let api: ApiUnderTest;
  let admin: string;

  beforeAll(async () => {
    // The admin is signed in at the start: admin login counts against this address's anonymous
    // budget, which the tests spend.
    stack = await TestStack.start({
      apiEnv: {
        RATE_LIMIT_CITIZEN_PER_MINUTE: '5',
        RATE_LIMIT_PARTNER_PER_MINUTE: '3',
        RATE_LIMIT_ANONYMOUS_PER_MINUTE: '8',
      },
      workers: 0,
      listen: true,
      admin: true,
    });
    ({ api, admin } = stack);
  });

  afterAll(() => stack?.stop());

  it('limits each citizen separately and answers 429 RATE_LIMITED', async () => {
    const a = await api.login('busy-a');
    const b = await api.login('busy-b');
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await api.request('GET', '/v1/me/account', { token: a.token })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(await api.request('GET', '/v1/me/account', { token: a.token })).toMatchObject({
      status: 429,
      body: { code: 'RATE_LIMITED' },
    });
    expect((await api.request('GET', '/v1/me/account', { token: b.token })).status).toBe(200);
    expect((await api.request('GET', '/health')).status).toBe(200);
  });

  it('limits each partner key and anonymous callers', async () => {
    await api.request('POST', '/admin/v1/partners', {
      token: admin,
      body: { id: 'chatty', displayName: 'x', kinds: ['data-provider'] },
    });
    const key = await api.request<{ keyId: string; secret: string }>(
      'POST',
      '/admin/v1/partners/chatty/keys',
      { token: admin },
    );
    const client = new PartnerClient({
      baseUrl: `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`,
      ...key.body,
    });
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await client.request('GET', '/partner/v1/holds/00000000-0000-0000-0000-000000000000')).status,
      );
    expect(statuses).toEqual([404, 404, 404, 429]);

    const logins = [];
    for (let i = 0; i < 10; i++)
      logins.push((await api.request('POST', '/v1/auth/wechat', { body: { code: `dev:anon-${i}` } })).status);
    expect(logins.filter((s) => s === 429).length).toBeGreaterThan(0);
  });

  it("spends a partner's budget only on requests its key signed; bad signatures spend their address's", async () => {
    await api.request('POST', '/admin/v1/partners', {
      token: admin,
      body: { id: 'victim', displayName: 'x', kinds: ['data-provider'] },
    });
    const key = await api.request<{ keyId: string; secret: string }>(
      'POST',
      '/admin/v1/partners/victim/keys',
      {
        token: admin,
      },
    );
    const baseUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    const forger = new PartnerClient({ baseUrl, keyId: key.body.keyId, secret: 'not-the-secret' });
    const victim = new PartnerClient({ baseUrl, ...key.body });
    const path = '/partner/v1/holds/00000000-0000-0000-0000-000000000000';

    const forged = [];
    for (let i = 0; i < 10; i++) forged.push((await forger.request('GET', path)).status);
    // The first 8 (the anonymous budget) are refused for their signature, the rest for their rate.
    expect(forged).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429, 429]);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await victim.request('GET', path)).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
  });
});
