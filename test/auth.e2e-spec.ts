import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TestEnvironment } from './support/environment.js';
import { ApiUnderTest } from './support/services.js';

/** A stand-in for api.weixin.qq.com: answers code2session by code, and records what it was asked. */
function fakeWechat(): Promise<{ server: Server; url: string; requests: URL[] }> {
  const requests: URL[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://wechat');
    requests.push(url);
    const code = url.searchParams.get('js_code');
    const body =
      code === 'good-code'
        ? { openid: 'o-real-openid-123', session_key: 'SECRET_SESSION_KEY', unionid: 'u-1' }
        : code === 'used-code'
          ? { errcode: 40029, errmsg: 'invalid code' }
          : code === 'busy-code'
            ? { errcode: 45011, errmsg: 'api minute-quota reach limit' }
            : code === 'risky-code'
              ? { errcode: 40226, errmsg: 'high risk user' }
              : { errcode: 99999, errmsg: 'something else' };
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests }),
    ),
  );
}

describe('citizen login', () => {
  let env: TestEnvironment;

  beforeAll(async () => {
    env = await TestEnvironment.create();
  });

  afterAll(async () => {
    await env?.dispose();
  });

  describe('with the real code2session client', () => {
    let wechat: Awaited<ReturnType<typeof fakeWechat>>;
    let api: ApiUnderTest;

    beforeAll(async () => {
      wechat = await fakeWechat();
      api = await ApiUnderTest.start(
        env.config({
          WECHAT_ADAPTER: 'wechat',
          WECHAT_API_BASE_URL: wechat.url,
          WECHAT_APP_ID: 'wx-test-app',
          WECHAT_APP_SECRET: 'wx-test-secret',
        }),
      );
    });

    afterAll(async () => {
      await api?.close();
      await new Promise((resolve) => wechat.server.close(resolve));
    });

    it('exchanges the code, returns our JWT and keeps the session_key and openid to itself', async () => {
      const response = await api.request<Record<string, unknown>>('POST', '/v1/auth/wechat', {
        body: { code: 'good-code', districtCode: '370181' },
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        tokenType: 'Bearer',
        districtCode: '370181',
        created: true,
        expiresIn: 7200,
      });
      const text = JSON.stringify(response.body);
      expect(text).not.toContain('SECRET_SESSION_KEY');
      expect(text).not.toContain('o-real-openid-123');

      const asked = wechat.requests.at(-1)!;
      expect(asked.pathname).toBe('/sns/jscode2session');
      expect(Object.fromEntries(asked.searchParams)).toEqual({
        appid: 'wx-test-app',
        secret: 'wx-test-secret',
        js_code: 'good-code',
        grant_type: 'authorization_code',
      });

      const citizens = await env.query<{ id: string; openid_digest: string; district_code: string }>(
        `SELECT id, openid_digest, district_code FROM citizens`,
      );
      expect(citizens).toHaveLength(1);
      expect(citizens[0].openid_digest).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(citizens)).not.toContain('o-real-openid-123');

      const again = await api.request('POST', '/v1/auth/wechat', { body: { code: 'good-code' } });
      expect(again.body).toMatchObject({
        citizenId: response.body.citizenId,
        created: false,
        districtCode: '370181',
      });
      const account = await api.request('GET', '/v1/me/account', {
        token: response.body.accessToken as string,
      });
      expect(account.body).toMatchObject({ citizenId: response.body.citizenId, grams: '0', points: '0' });
    });

    it.each([
      ['used-code', 401, 'WECHAT_CODE_INVALID'],
      ['busy-code', 429, 'WECHAT_RATE_LIMITED'],
      ['risky-code', 403, 'WECHAT_USER_BLOCKED'],
      ['odd-code', 502, 'WECHAT_ERROR'],
      ['dev:alice', 502, 'WECHAT_ERROR'],
    ])('maps code %s to %i %s and creates no citizen', async (code, status, errorCode) => {
      const before = await env.query(`SELECT id FROM citizens`);
      const response = await api.request('POST', '/v1/auth/wechat', { body: { code } });
      expect(response.status).toBe(status);
      expect(response.body).toMatchObject({ code: errorCode });
      expect(await env.query(`SELECT id FROM citizens`)).toHaveLength(before.length);
    });
  });

  it('answers 503 when WeChat cannot be reached', async () => {
    const api = await ApiUnderTest.start(
      env.config({
        WECHAT_ADAPTER: 'wechat',
        WECHAT_API_BASE_URL: 'http://127.0.0.1:1',
        WECHAT_APP_ID: 'wx',
        WECHAT_APP_SECRET: 's',
      }),
    );
    try {
      const response = await api.request('POST', '/v1/auth/wechat', { body: { code: 'any' } });
      expect(response).toMatchObject({ status: 503, body: { code: 'WECHAT_UNAVAILABLE' } });
    } finally {
      await api.close();
    }
  });

  describe('with the development adapter', () => {
    let api: ApiUnderTest;

    beforeAll(async () => {
      api = await ApiUnderTest.start(env.config());
    });

    afterAll(async () => {
      await api?.close();
    });

    it('logs in dev:<name> into the default district', async () => {
      const response = await api.request('POST', '/v1/auth/wechat', { body: { code: 'dev:newcomer' } });
      expect(response).toMatchObject({ status: 200, body: { districtCode: '370102', created: true } });
    });

    it.each([
      [{ code: 'not-a-dev-code' }, 401, 'WECHAT_CODE_INVALID'],
      [{ code: 'dev:x', districtCode: '110101' }, 400, 'DISTRICT_UNKNOWN'],
      [{ code: 'dev:x', districtCode: 'jinan' }, 400, 'VALIDATION_FAILED'],
      [{}, 400, 'VALIDATION_FAILED'],
      [{ code: 'dev:x', admin: true }, 400, 'VALIDATION_FAILED'],
    ])('refuses %j with %i %s', async (body, status, code) => {
      const response = await api.request('POST', '/v1/auth/wechat', { body });
      expect(response).toMatchObject({ status, body: { code } });
    });

    it('moves a citizen to another district when asked at login', async () => {
      await api.login('mover', '370102');
      const moved = await api.request('POST', '/v1/auth/wechat', {
        body: { code: 'dev:mover', districtCode: '370900' },
      });
      expect(moved.body).toMatchObject({ districtCode: '370900', created: false });
    });

    it('reports liveness and readiness', async () => {
      expect(await api.request('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
      expect(await api.request('GET', '/health/ready')).toMatchObject({
        status: 200,
        body: { status: 'ok', checks: { postgres: { status: 'up' }, redis: { status: 'up' } } },
      });
    });

    it('serves the OpenAPI document', async () => {
      const doc = await api.request<{ paths: Record<string, unknown> }>('GET', '/docs/openapi.json');
      expect(doc.status).toBe(200);
      expect(Object.keys(doc.body.paths)).toEqual(
        expect.arrayContaining([
          '/v1/auth/wechat',
          '/v1/actions',
          '/v1/me/account',
          '/v1/me/actions/{id}',
          '/v1/me/ledger',
          '/health/ready',
        ]),
      );
    });
  });
});
