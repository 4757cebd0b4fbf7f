import { ADMIN } from './support/admin.js';
import type { ApiUnderTest, HttpResult } from './support/services.js';
import { TestStack } from './support/stack.js';

describe('security headers on every response', () => {
  let stack: TestStack;
  let api: ApiUnderTest;
  let admin: string;

  beforeAll(async () => {
    stack = await TestStack.start({ workers: 0, admin: true });
    ({ api, admin } = stack);
  });

  afterAll(() => stack?.stop());

  const directives = (result: Pick<HttpResult, 'headers'>) =>
    new Map(
      String(result.headers['content-security-policy'])
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values.join(' ')]),
    );

  const raw = async (url: string, headers: Record<string, string> = {}) => {
    const response = await api.app.getHttpAdapter().getInstance().inject({ method: 'GET', url, headers });
    return { status: response.statusCode, headers: response.headers, body: undefined };
  };

  it('forbids framing and foreign scripts on the console, the queue dashboard and the H5 pages', async () => {
    for (const page of [
      await raw('/console/'),
      await raw('/console/assets/missing.js'),
      await raw('/admin/queues', { authorization: `Bearer ${admin}` }),
      await raw('/m/'),
      await raw('/docs'),
    ]) {
      const csp = directives(page);
      expect(csp.get('frame-ancestors')).toBe("'none'");
      expect(csp.get('script-src')).toBe("'self'");
      expect(csp.get('style-src')).toBe("'self' 'unsafe-inline'");
      expect(csp.get('default-src')).toBe("'self'");
      expect(csp.get('object-src')).toBe("'none'");
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.headers['referrer-policy']).toBe('same-origin');
    }
  });

  it('sends nosniff and a Referrer-Policy on API answers, errors included', async () => {
    for (const answer of [
      await api.request('GET', '/health'),
      await api.request('GET', '/v1/me/account'),
      await api.request('GET', '/no/such/route'),
      await api.request('POST', '/v1/auth/wechat', {
        rawBody: '{',
        headers: { 'content-type': 'application/json' },
      }),
    ]) {
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('same-origin');
    }
  });

  it('never lets a token, a key or a one-time code be cached', async () => {
    const citizenLogin = await api.request<{ accessToken: string }>('POST', '/v1/auth/wechat', {
      body: { code: 'dev:cache-check' },
    });
    const adminLogin = await api.request('POST', '/admin/v1/auth/login', { body: ADMIN });
    await api.request('POST', '/admin/v1/partners', {
      token: admin,
      body: { id: 'cache-shop', displayName: 'x', kinds: ['data-provider'] },
    });
    const key = await api.request('POST', '/admin/v1/partners/cache-shop/keys', { token: admin });
    const rotated = await api.request('POST', '/admin/v1/partners/cache-shop/keys', { token: admin });
    const binding = await api.request('POST', '/v1/me/bindings', {
      token: citizenLogin.body.accessToken,
      body: { partnerId: 'cache-shop' },
    });
    const invite = await api.request('POST', '/v1/me/friends/invites', {
      token: citizenLogin.body.accessToken,
    });
    const answers = { citizenLogin, adminLogin, key, rotated, binding, invite };
    for (const [name, answer] of Object.entries(answers)) {
      expect({ name, status: answer.status < 300 }).toEqual({ name, status: true });
      expect({ name, cacheControl: answer.headers['cache-control'] }).toEqual({
        name,
        cacheControl: 'no-store',
      });
    }
  });
});
