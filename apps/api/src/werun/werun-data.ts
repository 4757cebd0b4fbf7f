import { DomainError, ErrorCode } from '@app/domain';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * WeRun data as wx.getWeRunData() hands it over, and its decryption as WeChat documents it
 * (开放数据校验与解密): AES-128-CBC with PKCS#7 padding, key = Base64_Decode(session_key) (16 bytes),
 * iv = Base64_Decode(iv); the plaintext is JSON carrying a watermark whose appid must be ours.
 */
const werunPlaintextSchema = z.object({
  stepInfoList: z
    .array(
      z.object({
        /** Seconds since the epoch: the start of the day the steps were counted (China time). */
        timestamp: z.number().int().nonnegative(),
        step: z.number().int().nonnegative(),
      }),
    )
    .max(62),
  watermark: z.object({ appid: z.string(), timestamp: z.number().int().nonnegative() }),
});
export type WerunPlaintext = z.infer<typeof werunPlaintextSchema>;

const invalid = (message: string) => new DomainError(ErrorCode.WerunDataInvalid, message);

function sixteenBytes(base64: string, what: string): Buffer {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length !== 16) throw invalid(`${what} is not 16 bytes of base64`);
  return bytes;
}

/** Decrypts and checks WeRun data; anything undecryptable, malformed or for another app is WERUN_DATA_INVALID. */
export function decryptWerunData(
  sessionKey: string,
  encryptedData: string,
  iv: string,
  appId: string,
): WerunPlaintext {
  const key = sixteenBytes(sessionKey, 'the session key');
  const decipher = createDecipheriv('aes-128-cbc', key, sixteenBytes(iv, 'iv'));
  let text: string;
  try {
    text = Buffer.concat([decipher.update(Buffer.from(encryptedData, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw invalid('the WeRun data could not be decrypted with this session');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid('the decrypted WeRun data is not JSON');
  }
  const parsed = werunPlaintextSchema.safeParse(json);
  if (!parsed.success) throw invalid('the decrypted WeRun data is not a step list with a watermark');
  if (parsed.data.watermark.appid !== appId)
    throw invalid('the WeRun data was issued for another mini-program (watermark appid)');
  return parsed.data;
}

/** What WeChat's client does: encrypts WeRun data with a session key. Used only by the development sample. */
export function encryptWerunData(
  sessionKey: string,
  plaintext: WerunPlaintext,
): { encryptedData: string; iv: string } {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-128-cbc', Buffer.from(sessionKey, 'base64'), iv);
  const encrypted = Buffer.concat([cipher.update(JSON.stringify(plaintext), 'utf8'), cipher.final()]);
  return { encryptedData: encrypted.toString('base64'), iv: iv.toString('base64') };
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China Standard Time calendar day of an instant, e.g. "2025-06-01". */
export function chinaDate(epochSeconds: number): string {
  return new Date(epochSeconds * 1000 + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight China time starting a calendar day, in epoch seconds (how WeRun stamps its days). */
export function chinaMidnight(date: string): number {
  return (Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS) / 1000;
}
