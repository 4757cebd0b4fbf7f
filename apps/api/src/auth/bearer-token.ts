import { DomainError, ErrorCode } from '@app/domain';

// RFC 6750: exactly one scheme, one space, one b64token. "Bearer A Bearer B" is not a token.
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

const BEARER_SCHEME = /^Bearer(\s|$)/i;

/**
 * The token of an `Authorization: Bearer <token>` header; undefined when there is no Bearer header
 * (none, or another scheme). A Bearer header in any other shape is refused (TOKEN_INVALID) rather
 * than read in part, so that every reader of the header agrees on what it says.
 */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  if (header === undefined || (typeof header === 'string' && !BEARER_SCHEME.test(header))) return undefined;
  const match = typeof header === 'string' ? BEARER.exec(header) : null;
  if (!match)
    throw new DomainError(
      ErrorCode.TokenInvalid,
      'the Authorization header must be exactly "Bearer <token>"',
    );
  return match[1];
}
