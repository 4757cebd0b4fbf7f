import { securityHeaders } from './security-headers.js';

describe('securityHeaders', () => {
  const named = (production: boolean) =>
    Object.fromEntries(securityHeaders(production).set.map(([name, value]) => [name.toLowerCase(), value]));

  it('is the set @fastify/helmet sent, computed once: no HSTS outside production, X-Powered-By removed', () => {
    const { removed } = securityHeaders(false);
    expect(removed).toEqual(['X-Powered-By']);
    expect(named(false)).toEqual({
      'content-security-policy':
        "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data: blob:;" +
        "font-src 'self' data:;connect-src 'self';worker-src 'self' blob:;object-src 'none';base-uri 'self';" +
        "form-action 'self';frame-ancestors 'none'",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'same-origin',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'DENY',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    });
  });

  it('adds a year of HSTS with subdomains in production, and nothing else', () => {
    const { 'strict-transport-security': hsts, ...rest } = named(true);
    expect(hsts).toBe('max-age=31536000; includeSubDomains');
    expect(rest).toEqual(named(false));
  });
});
