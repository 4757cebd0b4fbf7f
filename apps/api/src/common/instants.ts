import { DomainError, ErrorCode, cstInstant } from '@app/domain';

/**
 * A request's ISO-8601 time as an instant: without an offset it is China Standard Time (a bare date is
 * 00:00 CST), never the server's or the database session's zone; a time naming no instant is a 400.
 */
export function instantOf(field: string, text: string): Date {
  const at = cstInstant(text);
  if (!at) throw new DomainError(ErrorCode.ValidationFailed, `${field} is not a date and time`, { field });
  return at;
}
