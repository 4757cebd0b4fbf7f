import { PartnerClient } from '@app/partner-client';
import type { AddressInfo } from 'node:net';
import { ADMIN, adminBootstrapEnv, adminToken } from './support/admin.js';
import { TestEnvironment } from './support/environment.js';
import { ApiUnderTest } from './support/services.js';

describe('rate limits, counted in Redis', () => {
  let env: TestEnvironment;
  let api: ApiUnderTest;

  beforeAll(async () => {
    env = await TestEnvironment.create();
    api = await ApiUnderTest.start(
      env.config({
        ...adminBootstrapEnv,
        RATE_LIMIT_CITIZEN_PER_MINUTE: '5',
        RATE_LIMIT_PARTNER_PER_MINUTE: '3',
        RATE_LIMIT_ANONYMOUS_PER_MINUTE: '8',
      }),
    );
    await api.app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await api?.close();
    await env?.dispose();
  });

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
    const admin = await adminToken(api, ADMIN);
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
});
