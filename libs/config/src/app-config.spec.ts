import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ConfigError, loadConfig } from './app-config.js';

const productionSecrets = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://u@db:5432/carbon',
  REDIS_URL: 'redis://cache:6379',
  JWT_SECRET: 'x'.repeat(40),
  OPENID_PEPPER: 'y'.repeat(40),
  PARTNER_SECRET_KEY: 'ab'.repeat(32),
  WECHAT_APP_ID: 'wx123',
  WECHAT_APP_SECRET: 'secret',
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
    expect(config.auth.jwtSecret).toBe('x'.repeat(40));
  });

  it.each([
    'DATABASE_URL',
    'JWT_SECRET',
    'OPENID_PEPPER',
    'PARTNER_SECRET_KEY',
    'WECHAT_APP_ID',
    'WECHAT_APP_SECRET',
    'REDIS_URL',
  ])('names %s when it is missing in production', (name) => {
    const env: Record<string, string> = { ...productionSecrets };
    delete env[name];
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
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
});
