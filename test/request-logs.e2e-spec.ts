import { PartnerClient } from '@app/partner-client';
import type { AddressInfo } from 'node:net';
import { ADMIN, adminBootstrapEnv, adminToken } from './support/admin.js';
import { TestEnvironment } from './support/environment.js';
import { ApiUnderTest } from './support/services.js';

interface RequestLine {
  msg: string;
  service: string;
  requestId: string;
  method: string;
  route: string;
  status: number;
  durationMs: number;
  caller: { kind: string; id?: string };
}

describe('request logs: one JSON line per request, on every route', () => {
  let env: TestEnvironment;
  let api: ApiUnderTest;
  const written: string[] = [];
  const requestLines = () =>
    written.map((line) => JSON.parse(line) as RequestLine).filter((line) => line.msg === 'request');

  beforeAll(async () => {
    env = await TestEnvironment.create();
    api = await ApiUnderTest.start(
      env.config({ ...adminBootstrapEnv, HTTP_REQUEST_LOGS: 'true', LOG_LEVEL: 'info' }),
      { logDestination: { write: (line: string) => void written.push(line) } },
    );
    await api.app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await api?.close();
    await env?.dispose();
  });

  it('logs citizen, admin, partner and anonymous calls with route, status, duration, id and caller only', async () => {
    const citizen = await api.login('openid-marker-7f3a');
    const admin = await adminToken(api, ADMIN);
    await api.request('POST', '/admin/v1/partners', {
      token: admin,
      body: { id: 'log-shop', displayName: 'x', kinds: ['data-provider'] },
    });
    const key = await api.request<{ keyId: string; secret: string }>(
      'POST',
      '/admin/v1/partners/log-shop/keys',
      {
        token: admin,
      },
    );
    const partner = new PartnerClient({
      baseUrl: `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`,
      ...key.body,
    });
    written.splice(0);

    const account = await api.request('GET', '/v1/me/account', {
      token: citizen.token,
      headers: { 'x-request-id': 'trace-0123456789' },
    });
    await api.request('GET', '/v1/me/orders/00000000-0000-0000-0000-000000000000', { token: citizen.token });
    await api.request('GET', '/admin/v1/partners', { token: admin });
    for (let i = 0; i < 3; i++)
      await api.request('POST', '/admin/v1/auth/login', {
        body: { username: ADMIN.username, password: `guess-${i}` },
      });
    await partner.request('GET', '/partner/v1/holds/00000000-0000-0000-0000-000000000000');
    await api.request('GET', '/admin/queues/api/queues', { token: admin });
    await api.request('GET', '/no/such/page?code=dev:openid-marker-7f3a');

    const lines = requestLines();
    expect(lines.map(({ method, route, status, caller }) => ({ method, route, status, caller }))).toEqual([
      {
        method: 'GET',
        route: '/v1/me/account',
        status: 200,
        caller: { kind: 'citizen', id: citizen.citizenId },
      },
      {
        method: 'GET',
        route: '/v1/me/orders/:id',
        status: 404,
        caller: { kind: 'citizen', id: citizen.citizenId },
      },
      {
        method: 'GET',
        route: '/admin/v1/partners',
        status: 200,
        caller: { kind: 'admin', id: expect.any(String) },
      },
      { method: 'POST', route: '/admin/v1/auth/login', status: 401, caller: { kind: 'anonymous' } },
      { method: 'POST', route: '/admin/v1/auth/login', status: 401, caller: { kind: 'anonymous' } },
      { method: 'POST', route: '/admin/v1/auth/login', status: 401, caller: { kind: 'anonymous' } },
      {
        method: 'GET',
        route: '/partner/v1/holds/:id',
        status: 404,
        caller: { kind: 'partner', id: 'log-shop' },
      },
      {
        method: 'GET',
        route: '/admin/queues/api/queues',
        status: 200,
        caller: { kind: 'admin', id: expect.any(String) },
      },
      { method: 'GET', route: 'unmatched', status: 404, caller: { kind: 'anonymous' } },
    ]);
    for (const line of lines) {
      expect(line.service).toBe('api');
      expect(line.durationMs).toBeGreaterThanOrEqual(0);
      expect(line.requestId).toMatch(/^[A-Za-z0-9._:-]{8,64}$/);
    }
    expect(new Set(lines.map((l) => l.requestId)).size).toBe(lines.length);
    expect(lines[0].requestId).toBe('trace-0123456789');
    expect(account.headers['x-request-id']).toBe('trace-0123456789');

    const everything = written.join('\n');
    for (const secret of [
      citizen.token,
      admin,
      ADMIN.password,
      'guess-1',
      key.body.secret,
      'openid-marker-7f3a',
    ])
      expect(everything).not.toContain(secret);
  });
});
