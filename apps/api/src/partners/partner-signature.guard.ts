import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, ErrorCode } from '@app/domain';
import { SIGNATURE_HEADERS, signature } from '@app/partner-client';
import { openSecret, PartnerDirectoryRepository } from '@app/persistence';
import { NonceStore } from '@app/queues';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { RateLimiter } from '../common/rate-limiter.js';
import type { PartnerRequest } from './partner-principal.js';

const NONCE = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Checks a partner request's signature (README: "Partner request signing"): a known, unrevoked key;
 * a timestamp within the window; an HMAC that matches (compared in constant time); a nonce never
 * seen before. Each failure has its own code, and nothing is written before all pass.
 */
@Injectable()
export class PartnerSignatureGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly partners: PartnerDirectoryRepository,
    private readonly nonces: NonceStore,
    private readonly limiter: RateLimiter,
  ) {}

  /**
   * A proven key spends its own per-minute budget; failed attempts spend their address's, so nobody can
   * use up a partner's budget by sending its key id with a bad signature.
   */
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<PartnerRequest>();
    const { partnerPerMinute, anonymousPerMinute } = this.config.rateLimits;
    try {
      await this.verify(request);
    } catch (error) {
      await this.limiter.enforce(context, `partner-failures:${request.ip}`, anonymousPerMinute);
      throw error;
    }
    await this.limiter.enforce(context, `key:${request.partner!.keyId}`, partnerPerMinute);
    return true;
  }

  private async verify(request: PartnerRequest): Promise<void> {
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const keyId = header(SIGNATURE_HEADERS.keyId);
    const timestamp = header(SIGNATURE_HEADERS.timestamp);
    const nonce = header(SIGNATURE_HEADERS.nonce);
    const given = header(SIGNATURE_HEADERS.signature);
    if (!keyId || !timestamp || !nonce || !given) {
      throw new DomainError(
        ErrorCode.SignatureMissing,
        'X-Key-Id, X-Timestamp, X-Nonce and X-Signature are required',
      );
    }

    const key = await this.partners.signingKey(keyId);
    if (!key) throw new DomainError(ErrorCode.PartnerKeyUnknown, 'unknown key id');
    if (key.revokedAt) throw new DomainError(ErrorCode.PartnerKeyRevoked, 'this key has been revoked');
    if (key.partnerDisabledAt)
      throw new DomainError(ErrorCode.PartnerDisabled, 'this partner has been disabled by the bureau');

    const window = this.config.partners.clockSkewSeconds;
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > window) {
      throw new DomainError(
        ErrorCode.TimestampOutOfWindow,
        `X-Timestamp must be Unix seconds within ±${window} s of the server's clock`,
        {
          serverTime: Math.floor(Date.now() / 1000),
        },
      );
    }
    if (!NONCE.test(nonce))
      throw new DomainError(ErrorCode.SignatureInvalid, 'X-Nonce must be 16–64 characters of [A-Za-z0-9_-]');

    const expected = signature(openSecret(this.config.partners.secretKey, key.secretCiphertext), {
      method: request.method,
      pathWithQuery: request.url,
      timestamp,
      nonce,
      body: request.rawBody ?? '',
    });
    const a = Buffer.from(given.toLowerCase());
    const b = Buffer.from(expected);
    if (a.length !== b.length || !timingSafeEqual(a, b))
      throw new DomainError(ErrorCode.SignatureInvalid, 'the signature does not match the request');

    // Only a correctly signed request may use up a nonce; it is kept for twice the clock window.
    if (!(await this.nonces.claim(keyId, nonce, 2 * window))) {
      throw new DomainError(ErrorCode.NonceReplayed, 'this nonce was already used');
    }
    request.partner = { partnerId: key.partnerId, keyId };
  }
}
