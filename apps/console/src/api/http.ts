/** The admin API as the console sees it: JSON over fetch with the signed-in session's bearer token. */
import { session } from '../session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const SESSION_ENDED = new Set(['AUTH_REQUIRED', 'TOKEN_INVALID', 'TOKEN_EXPIRED']);

/** The error an API answer that is not 2xx stands for; a refused session also signs the user out. */
export function apiErrorOf(response: Response, body: unknown): ApiError {
  const error = (body ?? {}) as { code?: string; message?: string; details?: unknown };
  // Only a refused session signs the user out, not any 401 (a wrong password at login is one too).
  if (response.status === 401 && SESSION_ENDED.has(error.code ?? '')) session.clear();
  return new ApiError(
    response.status,
    error.code ?? 'HTTP_' + response.status,
    error.message ?? response.statusText,
    error.details,
  );
}

/** The headers every admin request carries: the session's bearer token when signed in. */
export function authHeaders(): Record<string, string> {
  const token = session.current()?.accessToken;
  return token ? { authorization: `Bearer ${token}` } : {};
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as Idempotency-Key, for the admin writes that require one (retirements). */
  idempotencyKey?: string;
}

export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers = authHeaders();
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const response = await fetch(path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) throw apiErrorOf(response, body);
  return body as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown, idempotencyKey?: string) =>
  api<T>('POST', path, { body: body ?? {}, idempotencyKey });
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, { body });

/** Downloads a report as CSV (the API answers text/csv for ?format=csv) with the session's token. */
export async function downloadCsv(path: string, filename: string): Promise<void> {
  const separator = path.includes('?') ? '&' : '?';
  const response = await fetch(`${path}${separator}format=csv`, { headers: authHeaders() });
  if (!response.ok) throw apiErrorOf(response, await response.json().catch(() => undefined));
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  link.click();
  URL.revokeObjectURL(url);
}
