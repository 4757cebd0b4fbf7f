import { randomBytes } from 'node:crypto';
import { openSecret, sealSecret } from './secret-box.js';

describe('secret box', () => {
  const key = randomBytes(32);

  it('round-trips and never stores the secret in clear', () => {
    const sealed = sealSecret(key, 'sk_live_abc');
    expect(sealed).not.toContain('sk_live_abc');
    expect(openSecret(key, sealed)).toBe('sk_live_abc');
    expect(sealSecret(key, 'sk_live_abc')).not.toBe(sealed);
  });

  it('refuses a tampered ciphertext or another key', () => {
    const sealed = sealSecret(key, 'sk_live_abc');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => openSecret(key, parts.join('.'))).toThrow();
    expect(() => openSecret(randomBytes(32), sealed)).toThrow();
  });
});
