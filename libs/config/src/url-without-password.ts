/** A connection URL fit for logs and messages: the password, if any, replaced by `***`. Throws on a malformed URL. */
export function urlWithoutPassword(url: string): string {
  const safe = new URL(url);
  safe.password = safe.password ? '***' : '';
  return safe.toString();
}
