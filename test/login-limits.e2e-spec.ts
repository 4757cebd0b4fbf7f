import { adminBootstrapEnv, ADMIN } from './support/admin.js';
import type { ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';

const PROXY = '10.0.0.7';

describe('admin sign-in limits that a forged X-Forwarded-For cannot dodge', () => {
  let stack: TestStack;
  let api: ApiUnderTest;

  beforeAll(async () => {
    stack = await TestStack.start({
      apiEnv: {
        ...adminBootstrapEnv,
        TRUSTED_PROXIES: PROXY,
        RATE_LIMIT_ANONYMOUS_PER_MINUTE: '5',
        RATE_LIMIT_ADMIN_LOGIN_PER_MINUTE: '3',
      },
      workers: 0,
    });
    ({ api } = stack);
  });

  afterAll(() => stack?.stop());

  /** A sign-in sent from `remoteAddress` (the socket's peer), claiming `forwardedFor`. */
  async function login(username: string, password: string, remoteAddress: string, forwardedFor: string) {
    const response = await api.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'POST',
        url: '/admin/v1/auth/login',
        remoteAddress,
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        payload: JSON.stringify({ username, password }),
      });
    return {
      status: response.statusCode,
      code: (response.json() as { code?: string }).code,
      retryAfter: response.headers['retry-after'],
    };
  }

  it('counts a direct caller by its own address, whatever X-Forwarded-For it claims', async () => {
    const statuses = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await login(`guess-${i}`, 'wrong password', '192.0.2.10', `198.51.100.${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });

  it('believes X-Forwarded-For from a configured proxy, and still limits each username', async () => {
    const guesses = [];
    for (let i = 0; i < 5; i++)
      guesses.push(await login(ADMIN.username, 'wrong password', PROXY, `203.0.113.${i}`));
    expect(guesses.map((g) => g.status)).toEqual([401, 401, 401, 429, 429]);
    expect(guesses[3]).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(guesses[3].retryAfter)).toBeGreaterThan(0);
    // The account's budget is spent, even with the right password; another name is still heard.
    expect((await login(ADMIN.username.toUpperCase(), ADMIN.password, PROXY, '203.0.113.99')).status).toBe(
      429,
    );
    expect(await login('someone-else', 'wrong password', PROXY, '203.0.113.100')).toMatchObject({
      status: 401,
      code: 'INVALID_CREDENTIALS',
    });
  });
});
