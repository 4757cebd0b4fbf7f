import { ADMIN } from './support/admin.js';
import type { ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { cyclingTrip, idempotencyKey } from './support/trips.js';

/**
 * The exact security headers every kind of answer carries: the set @fastify/helmet sent with the
 * options in security-headers.ts (recorded from it before the headers were computed once at boot),
 * and no-store on API answers only. A header added, lost or changed on any route fails here.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join(';');

const SECURITY_HEADERS = {
  'content-security-policy': CSP,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'same-origin',
  'strict-transport-security': undefined,
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-powered-by': undefined,
  'x-xss-protection': '0',
};

type Headers = Record<string, string | string[] | number | undefined>;
const securityHeadersOf = (headers: Headers) =>
  Object.fromEntries(Object.keys(SECURITY_HEADERS).map((name) => [name, headers[name]]));

describe('the security header set, route by route', () => {
  let stack: TestStack;
  let api: ApiUnderTest;
  let admin: string;

  beforeAll(async () => {
    stack = await TestStack.start({ workers: 0, admin: true });
    ({ api, admin } = stack);
  });

  afterAll(() => stack?.stop());

  const inject = async (
    method: 'GET' | 'POST',
    url: string,
    headers: Record<string, string> = {},
    body?: string,
  ) => {
    const response = await api.app.getHttpAdapter().getInstance().inject({ method, url, headers, body });
    return { status: response.statusCode, headers: response.headers as Headers };
  };

  it('is the same on API answers (accepted, refused, unknown) and carries no-store on them', async () => {
    const { token } = await api.login('headers-set');
    const answers = [
      await inject(
        'POST',
        '/v1/actions',
        {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey('headers-set'),
        },
        JSON.stringify(cyclingTrip(3000, 15, { startsMinutesAgo: 90 })),
      ),
      await inject('POST', '/v1/actions', { 'content-type': 'application/json' }, '{}'),
      await inject('GET', '/v1/me/account', { authorization: `Bearer ${token}` }),
      await inject('GET', '/admin/v1/partners', { authorization: `Bearer ${admin}` }),
      await inject(
        'POST',
        '/admin/v1/auth/login',
        { 'content-type': 'application/json' },
        JSON.stringify(ADMIN),
      ),
    ];
    expect(answers.map((a) => a.status)).toEqual([202, 401, 200, 200, 200]);
    for (const answer of answers) {
      expect(securityHeadersOf(answer.headers)).toEqual(SECURITY_HEADERS);
      expect(answer.headers['cache-control']).toBe('no-store');
    }
  });

  it('is the same on the health check, the docs, the console, the mini-program, the dashboard and a 404', async () => {
    const pages = [
      await inject('GET', '/health'),
      await inject('GET', '/docs'),
      await inject('GET', '/docs/openapi.json'),
      await inject('GET', '/console/'),
      await inject('GET', '/console/assets/missing.js'),
      await inject('GET', '/m/'),
      await inject('GET', '/admin/queues', { authorization: `Bearer ${admin}` }),
      await inject('GET', '/no/such/route'),
    ];
    for (const page of pages) {
      expect(securityHeadersOf(page.headers)).toEqual(SECURITY_HEADERS);
      expect(page.headers['cache-control']).not.toBe('no-store');
    }
  });
});
