import { DomainError, ErrorCode } from '@app/domain';
import type { JwtService } from '@nestjs/jwt';
import type { AccessTokenClaims } from './citizen-principal.js';

type VerifiedClaims = AccessTokenClaims & { exp: number };

/**
 * Tokens already verified, per signing service, until they expire: a citizen's app sends the same
 * token with every call, and checking its HMAC and parsing it again was one of the ingest path's
 * larger CPU items. The answer cannot differ (same bytes, same key; only the clock moves, and exp is checked as
 * jsonwebtoken does); an expired entry is verified afresh, which answers TOKEN_EXPIRED.
 */
const verified = new WeakMap<JwtService, Map<string, VerifiedClaims>>();
const CACHE_LIMIT = 50_000;

/** The claims of a token this API signed and that has not expired; otherwise TOKEN_EXPIRED or TOKEN_INVALID. */
export async function verifyAccessToken(jwt: JwtService, token: string): Promise<AccessTokenClaims> {
  let cache = verified.get(jwt);
  if (!cache) verified.set(jwt, (cache = new Map()));
  const known = cache.get(token);
  if (known && Math.floor(Date.now() / 1000) < known.exp) return known;
  let claims: AccessTokenClaims & { exp?: unknown };
  try {
    claims = await jwt.verifyAsync<AccessTokenClaims & { exp?: unknown }>(token, { algorithms: ['HS256'] });
  } catch (error) {
    if ((error as Error).name === 'TokenExpiredError') {
      throw new DomainError(ErrorCode.TokenExpired, 'the access token has expired; log in again');
    }
    throw new DomainError(ErrorCode.TokenInvalid, 'the access token is not valid');
  }
  if (typeof claims.exp === 'number') {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(token, claims as VerifiedClaims);
  }
  return claims;
}
