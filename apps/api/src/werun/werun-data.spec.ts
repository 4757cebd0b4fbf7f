import { createCipheriv } from 'node:crypto';
import { chinaDate, chinaMidnight, decryptWerunData, encryptWerunData } from './werun-data.js';

const SESSION_KEY = Buffer.alloc(16, 7).toString('base64');
const plaintext = {
  stepInfoList: [
    { timestamp: chinaMidnight('2025-06-01'), step: 8123 },
    { timestamp: chinaMidnight('2025-06-02'), step: 0 },
  ],
  watermark: { appid: 'wx-ours', timestamp: 1748800000 },
};

describe('WeRun data (AES-128-CBC, PKCS#7, watermark)', () => {
  it('decrypts what WeChat encrypts with the session key, by the documented algorithm', () => {
    // Encrypted here by hand, exactly as the documentation describes, not by our own helper.
    const iv = Buffer.alloc(16, 3);
    const cipher = createCipheriv('aes-128-cbc', Buffer.from(SESSION_KEY, 'base64'), iv);
    const encrypted = Buffer.concat([cipher.update(JSON.stringify(plaintext)), cipher.final()]);
    expect(
      decryptWerunData(SESSION_KEY, encrypted.toString('base64'), iv.toString('base64'), 'wx-ours'),
    ).toEqual(plaintext);
  });

  it('round-trips through the development encryption', () => {
    const { encryptedData, iv } = encryptWerunData(SESSION_KEY, plaintext);
    expect(decryptWerunData(SESSION_KEY, encryptedData, iv, 'wx-ours')).toEqual(plaintext);
  });

  it.each([
    ['another session key', Buffer.alloc(16, 9).toString('base64'), 'wx-ours', false],
    ['another app id', SESSION_KEY, 'wx-theirs', false],
    ['a flipped byte', SESSION_KEY, 'wx-ours', true],
  ])('refuses data with %s as WERUN_DATA_INVALID', (_case, key, appId, tamper) => {
    const { encryptedData, iv } = encryptWerunData(SESSION_KEY, plaintext);
    const bytes = Buffer.from(encryptedData, 'base64');
    if (tamper) bytes[bytes.length - 20] ^= 0x5a;
    expect(() => decryptWerunData(key, bytes.toString('base64'), iv, appId)).toThrow(
      expect.objectContaining({ code: 'WERUN_DATA_INVALID' }),
    );
  });

  it('refuses an iv that is not 16 bytes and a plaintext that is not a step list', () => {
    const { encryptedData } = encryptWerunData(SESSION_KEY, plaintext);
    expect(() => decryptWerunData(SESSION_KEY, encryptedData, 'AAAA', 'wx-ours')).toThrow(
      expect.objectContaining({ code: 'WERUN_DATA_INVALID' }),
    );
    const odd = encryptWerunData(SESSION_KEY, { watermark: plaintext.watermark } as never);
    expect(() => decryptWerunData(SESSION_KEY, odd.encryptedData, odd.iv, 'wx-ours')).toThrow(
      expect.objectContaining({ code: 'WERUN_DATA_INVALID' }),
    );
  });

  it('dates each day in China time', () => {
    expect(chinaMidnight('2025-06-01')).toBe(Date.parse('2025-05-31T16:00:00Z') / 1000);
    expect(chinaDate(chinaMidnight('2025-06-01'))).toBe('2025-06-01');
    expect(chinaDate(chinaMidnight('2025-06-02') - 1)).toBe('2025-06-01');
  });
});
