import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ConfigError, loadConfig } from './app-config.js';

const productionSecrets = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://u@db:5432/carbon',
  REDIS_URL: 'redis://cache:6379',
  // Random values, as `openssl rand -base64 32` / `-hex 32` would give.
  JWT_SECRET: 'q7ZlM2vX9pK4tR8wN1cY6bH3jF0sD5gA+eU/oLiT',
  OPENID_PEPPER: 'Wm3xT8kQ1nB6vR9zL2cJ5hY0pF4sG7dA-uE_oKiN',
  PARTNER_SECRET_KEY: '3f9a0c7e51b2d48f6a9e0b1c7d3f5a28e4c6b9d0a1f2e3c4b5a69788f0e1d2c3',
  METRICS_TOKEN: 'mT4rZ8qL1xV6nB3kP9wC',
  WECHAT_APP_ID: 'wx123',
  WECHAT_APP_SECRET: 'secret',
  WECHAT_SESSION_KEY_SECRET: '8b1e4d7a0c3f6925e8b1d4a7c0f39625b8e1d4a7f0c36925e8b1d4a7c0f3a692',
};

describe('loadConfig', () => {
  it('gives working local defaults with no configuration', () => {
    const config = loadConfig({});
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/carbon');
    expect(config.database.explicit).toBe(false);
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.wechat.adapter).toBe('dev');
    expect(config.http.port).toBe(3000);
  });

  it('accepts a complete production configuration', () => {
    const config = loadConfig(productionSecrets);
    expect(config.isProduction).toBe(true);
    expect(config.wechat.adapter).toBe('wechat');
    expect(config.auth.jwtSecret).toBe(productionSecrets.JWT_SECRET);
    expect(config.http.trustedProxies).toEqual([]);
    expect(config.webhooks).toMatchObject({ allowedHosts: [], httpsOnly: true });
  });

  it.each([
    'DATABASE_URL',
    'JWT_SECRET',
    'OPENID_PEPPER',
    'PARTNER_SECRET_KEY',
    'WECHAT_APP_ID',
    'WECHAT_APP_SECRET',
    'WECHAT_SESSION_KEY_SECRET',
    'REDIS_URL',
    'METRICS_TOKEN',
  ])('names %s when it is missing in production', (name) => {
    const env: Record<string, string> = { ...productionSecrets };
    delete env[name];
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('selects a Redis Cluster from REDIS_CLUSTER_NODES, a single Redis otherwise', () => {
    expect(loadConfig({}).redis.cluster).toBeUndefined();
    expect(loadConfig({ REDIS_CLUSTER_NODES: ' 10.0.0.1:7000, redis-b:7001 ' }).redis.cluster).toEqual({
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: 'redis-b', port: 7001 },
      ],
      tls: false,
    });
    expect(
      loadConfig({ REDIS_CLUSTER_NODES: 'rediss://app:s%40cret@a:6380,rediss://app:s%40cret@[::1]:6381' })
        .redis.cluster,
    ).toEqual({
      nodes: [
        { host: 'a', port: 6380 },
        { host: '::1', port: 6381 },
      ],
      username: 'app',
      password: 's@cret',
      tls: true,
    });
    const { REDIS_URL: _unused, ...withoutUrl } = productionSecrets;
    expect(loadConfig({ ...withoutUrl, REDIS_CLUSTER_NODES: 'a:7000' }).redis.cluster?.nodes).toHaveLength(1);
  });

  it.each([
    ['a', 'must give a host and a port'],
    ['http://a:7000', 'must give a host and a port'],
    ['a:7000/2', 'a cluster has database 0 only'],
    ['redis://:x@a:7000,b:7001', 'the same scheme and credentials'],
    [' , ', 'at least one host:port'],
  ])('names REDIS_CLUSTER_NODES when it is %j', (value, problem) => {
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: value })).toThrow(problem);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: value })).toThrow('REDIS_CLUSTER_NODES');
  });

  it('refuses the development WeChat adapter in production', () => {
    expect(() => loadConfig({ ...productionSecrets, WECHAT_ADAPTER: 'dev' })).toThrow(
      'WECHAT_ADAPTER=dev is refused',
    );
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ JWT_SECRET: '', PORT: '' }).http.port).toBe(3000);
    expect(() => loadConfig({ ...productionSecrets, JWT_SECRET: '' })).toThrow('JWT_SECRET is required');
  });

  it('resolves the console directory from the package root, not the working directory', () => {
    const dir = loadConfig({}).http.consoleDir;
    expect(isAbsolute(dir)).toBe(true);
    expect(dir.endsWith(join('dist', 'console'))).toBe(true);
    expect(existsSync(join(dir, '..', '..', 'package.json'))).toBe(true);
    expect(loadConfig({ CONSOLE_DIR: '/srv/console' }).http.consoleDir).toBe('/srv/console');
    expect(loadConfig({ CONSOLE_DIR: 'build/ui' }).http.consoleDir).toBe(
      join(dir, '..', '..', 'build', 'ui'),
    );
  });

  it('serves the mini-program from its H5 build unless MINIPROGRAM_DIR says otherwise', () => {
    const dir = loadConfig({}).http.miniprogramDir;
    expect(dir.endsWith(join('apps', 'miniprogram', 'dist', 'h5'))).toBe(true);
    expect(existsSync(join(dir, '..', '..', '..', '..', 'package.json'))).toBe(true);
    expect(loadConfig({ MINIPROGRAM_DIR: '/srv/m' }).http.miniprogramDir).toBe('/srv/m');
  });

  it('gives the weapp build the local API origin unless MINIPROGRAM_API_BASE_URL names another', () => {
    expect(loadConfig({}).http.miniprogramApiBaseUrl).toBe('http://127.0.0.1:3000');
    expect(
      loadConfig({ MINIPROGRAM_API_BASE_URL: 'https://tan.jinan.example' }).http.miniprogramApiBaseUrl,
    ).toBe('https://tan.jinan.example');
    expect(() => loadConfig({ MINIPROGRAM_API_BASE_URL: 'https://tan.jinan.example/api' })).toThrow(
      'MINIPROGRAM_API_BASE_URL',
    );
    expect(() => loadConfig({ MINIPROGRAM_API_BASE_URL: 'not a url' })).toThrow('MINIPROGRAM_API_BASE_URL');
  });

  it('keeps WeChat session keys for a day unless told otherwise', () => {
    expect(loadConfig({}).wechat.sessionKeyTtlSeconds).toBe(86_400);
    expect(loadConfig({ WECHAT_SESSION_KEY_TTL_SECONDS: '600' }).wechat.sessionKeyTtlSeconds).toBe(600);
    expect(() => loadConfig({ WECHAT_SESSION_KEY_SECRET: 'short' })).toThrow('WECHAT_SESSION_KEY_SECRET');
  });

  it('takes the certificate issuer (出具单位) from CERTIFICATE_ISSUER, never blank', () => {
    expect(loadConfig({}).certificates.issuer).toBe('山东省碳普惠平台');
    expect(loadConfig({ CERTIFICATE_ISSUER: ' 济南市生态环境局 ' }).certificates.issuer).toBe(
      '济南市生态环境局',
    );
    expect(() => loadConfig({ CERTIFICATE_ISSUER: '   ' })).toThrow('CERTIFICATE_ISSUER');
  });

  it('names a malformed variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow('PORT');
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow('JWT_SECRET');
  });

  it.each([
    ['JWT_SECRET', 'x'.repeat(40)],
    ['JWT_SECRET', 'ab'.repeat(20)],
    ['OPENID_PEPPER', 'passwordpasswordpasswordpassword'],
    ['PARTNER_SECRET_KEY', '0'.repeat(64)],
    ['PARTNER_SECRET_KEY', '0123456789abcdef'.repeat(4)],
    ['METRICS_TOKEN', 'aaaaaaaaaaaaaaaa'],
    ['WECHAT_SESSION_KEY_SECRET', 'cd'.repeat(32)],
  ])('refuses a low-entropy %s in production', (name, value) => {
    expect(() => loadConfig({ ...productionSecrets, [name]: value })).toThrow(`${name} is too weak`);
  });

  it('refuses one value used as two secrets in production', () => {
    expect(() => loadConfig({ ...productionSecrets, OPENID_PEPPER: productionSecrets.JWT_SECRET })).toThrow(
      'JWT_SECRET and OPENID_PEPPER must be different secrets',
    );
    expect(() =>
      loadConfig({ ...productionSecrets, JWT_SECRET: productionSecrets.PARTNER_SECRET_KEY }),
    ).toThrow('JWT_SECRET and PARTNER_SECRET_KEY must be different secrets');
    expect(() =>
      loadConfig({ ...productionSecrets, WECHAT_APP_SECRET: productionSecrets.METRICS_TOKEN }),
    ).toThrow('METRICS_TOKEN and WECHAT_APP_SECRET must be different secrets');
    expect(() =>
      loadConfig({ ...productionSecrets, WECHAT_SESSION_KEY_SECRET: productionSecrets.PARTNER_SECRET_KEY }),
    ).toThrow('PARTNER_SECRET_KEY and WECHAT_SESSION_KEY_SECRET must be different secrets');
  });

  it('trusts no proxy unless TRUSTED_PROXIES names them, and checks each entry', () => {
    expect(loadConfig({}).http.trustedProxies).toEqual([]);
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.5, 10.1.0.0/16 ,::1' }).http.trustedProxies).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      '::1',
    ]);
    expect(() => loadConfig({ TRUSTED_PROXIES: 'proxy.internal' })).toThrow('TRUSTED_PROXIES');
  });

  it('reads the webhook allow-list of host names and CIDRs', () => {
    expect(
      loadConfig({ WEBHOOK_ALLOWED_HOSTS: 'Hooks.Intranet,10.20.0.0/16' }).webhooks.allowedHosts,
    ).toEqual(['hooks.intranet', '10.20.0.0/16']);
    expect(() => loadConfig({ WEBHOOK_ALLOWED_HOSTS: 'http://x/' })).toThrow('WEBHOOK_ALLOWED_HOSTS');
    expect(loadConfig({}).webhooks.httpsOnly).toBe(false);
  });

  it('reads from a standby only when DATABASE_READ_URL names one', () => {
    expect(loadConfig({}).database.read).toBeUndefined();
    expect(
      loadConfig({ DATABASE_READ_URL: 'postgres://u@standby:5432/carbon', READ_REPLICA_MAX_LAG_MS: '5000' })
        .database.read,
    ).toEqual({
      url: 'postgres://u@standby:5432/carbon',
      poolSize: 10,
      maxLagMs: 5000,
      checkIntervalMs: 1000,
      connectTimeoutMs: 2000,
    });
    expect(() => loadConfig({ DATABASE_READ_URL: 'standby' })).toThrow('DATABASE_READ_URL');
    expect(() => loadConfig({ READ_REPLICA_MAX_LAG_MS: '-1' })).toThrow('READ_REPLICA_MAX_LAG_MS');
  });

  it('waits for PostgreSQL and Redis at boot for STARTUP_MAX_WAIT_MS, backing off between the bounds', () => {
    expect(loadConfig({}).startup).toEqual({ maxWaitMs: 300_000, retryInitialMs: 500, retryMaxMs: 15_000 });
    expect(loadConfig({}).worker.leaderboardCheckIntervalMs).toBe(10_000);
    expect(
      loadConfig({ STARTUP_MAX_WAIT_MS: '0', STARTUP_RETRY_INITIAL_MS: '50', STARTUP_RETRY_MAX_MS: '50' })
        .startup,
    ).toEqual({ maxWaitMs: 0, retryInitialMs: 50, retryMaxMs: 50 });
    expect(() => loadConfig({ STARTUP_MAX_WAIT_MS: 'five minutes' })).toThrow('STARTUP_MAX_WAIT_MS');
    expect(() => loadConfig({ STARTUP_MAX_WAIT_MS: '-1' })).toThrow('STARTUP_MAX_WAIT_MS');
    expect(() => loadConfig({ STARTUP_RETRY_INITIAL_MS: '5' })).toThrow('STARTUP_RETRY_INITIAL_MS');
    expect(() => loadConfig({ STARTUP_RETRY_INITIAL_MS: '2000', STARTUP_RETRY_MAX_MS: '1000' })).toThrow(
      'STARTUP_RETRY_INITIAL_MS must not exceed STARTUP_RETRY_MAX_MS',
    );
    expect(() => loadConfig({ LEADERBOARD_CHECK_INTERVAL_MS: '10' })).toThrow(
      'LEADERBOARD_CHECK_INTERVAL_MS',
    );
  });
});
