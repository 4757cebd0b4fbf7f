/** The admin API as the console sees it: JSON over fetch with the signed-in session's bearer token. */
import { session } from './session';

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

export interface RequestOptions {
  body?: unknown;
  /** Sent as Idempotency-Key, for the admin writes that require one (retirements). */
  idempotencyKey?: string;
}

export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {};
  const token = session.current()?.accessToken;
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const response = await fetch(path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const error = (body ?? {}) as { code?: string; message?: string; details?: unknown };
    // Only a refused session signs the user out, not any 401 (a wrong password at login is one too).
    if (response.status === 401 && SESSION_ENDED.has(error.code ?? '')) session.clear();
    throw new ApiError(
      response.status,
      error.code ?? 'HTTP_' + response.status,
      error.message ?? response.statusText,
      error.details,
    );
  }
  return body as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown, idempotencyKey?: string) =>
  api<T>('POST', path, { body: body ?? {}, idempotencyKey });
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, { body });

/** Downloads a report as CSV (the API answers text/csv for ?format=csv) with the session's token. */
export async function downloadCsv(path: string, filename: string): Promise<void> {
  const separator = path.includes('?') ? '&' : '?';
  const response = await fetch(`${path}${separator}format=csv`, {
    headers: { authorization: `Bearer ${session.current()?.accessToken ?? ''}` },
  });
  if (!response.ok) throw new ApiError(response.status, 'HTTP_' + response.status, response.statusText);
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  link.click();
  URL.revokeObjectURL(url);
}
