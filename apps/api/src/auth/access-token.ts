import { DomainError, ErrorCode } from '@app/domain';
import type { JwtService } from '@nestjs/jwt';
import type { AccessTokenClaims } from './citizen-principal.js';

/** The claims of a token this API signed and that has not expired; otherwise TOKEN_EXPIRED or TOKEN_INVALID. */
export async function verifyAccessToken(jwt: JwtService, token: string): Promise<AccessTokenClaims> {
  try {
    return await jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
  } catch (error) {
    if ((error as Error).name === 'TokenExpiredError') {
      throw new DomainError(ErrorCode.TokenExpired, 'the access token has expired; log in again');
    }
    throw new DomainError(ErrorCode.TokenInvalid, 'the access token is not valid');
  }
}
