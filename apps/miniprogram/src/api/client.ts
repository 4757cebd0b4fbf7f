import { sentenceForCode } from '../../../../libs/contracts/src/messages-zh';
import type { Method, PathsWith, RequestOptions, ResponseBody } from './types';

/**
 * One typed client for the citizen API over a transport: `fetch` in the H5 build, `Taro.request`
 * (wx.request) in the weapp build. Paths, parameters, bodies and answers are the generated types.
 */

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  /** The parsed JSON body, or undefined when there is none. */
  body: unknown;
}

export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

export interface TokenStore {
  get(): string | null;
  set(token: string | null): void;
}

/** Codes after which the saved token is useless: the citizen signs in again. */
const SIGNED_OUT_CODES = new Set(['AUTH_REQUIRED', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'ACCOUNT_DELETED']);

export const NETWORK_FAILURE = 'NETWORK_FAILURE';

/** A refusal of the API (or no answer at all): its stable code and the Chinese sentence for it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get sentence(): string {
    if (this.code === NETWORK_FAILURE) return '网络连接失败，请检查网络后重试。';
    return sentenceForCode(this.code);
  }

  get signedOut(): boolean {
    return this.status === 401 || SIGNED_OUT_CODES.has(this.code);
  }
}

/** The Chinese sentence for anything a call can throw. */
export function errorSentence(error: unknown): string {
  return error instanceof ApiError ? error.sentence : sentenceForCode(null);
}

export interface ApiClientOptions {
  baseUrl: string;
  transport: Transport;
  tokens: TokenStore;
  /** Called after the API said the session is over (the token is already forgotten). */
  onSignedOut?: () => void;
}

type Args<P extends PathsWith<M>, M extends Method> =
  object extends RequestOptions<P, M> ? [options?: RequestOptions<P, M>] : [options: RequestOptions<P, M>];

function buildUrl(baseUrl: string, path: string, options: Record<string, unknown>): string {
  const pathParams = (options.path ?? {}) as Record<string, string | number>;
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = pathParams[name];
    if (value === undefined) throw new Error(`path parameter ${name} is missing for ${path}`);
    return encodeURIComponent(String(value));
  });
  const query = Object.entries((options.query ?? {}) as Record<string, unknown>)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
  return `${baseUrl}${filled}${query ? `?${query}` : ''}`;
}

export function createApiClient({ baseUrl, transport, tokens, onSignedOut }: ApiClientOptions) {
  async function call<M extends Method, P extends PathsWith<M>>(
    method: M,
    path: P,
    options: Record<string, unknown> = {},
  ): Promise<ResponseBody<P, M>> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = tokens.get();
    if (token) headers.Authorization = `Bearer ${token}`;
    Object.assign(headers, options.headers as Record<string, string> | undefined);
    const request: HttpRequest = {
      method: method.toUpperCase(),
      url: buildUrl(baseUrl, path, options),
      headers,
    };
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      request.body = JSON.stringify(options.body);
    }
    let response: HttpResponse;
    try {
      response = await transport(request);
    } catch (cause) {
      throw new ApiError(0, NETWORK_FAILURE, cause instanceof Error ? cause.message : String(cause));
    }
    if (response.status >= 200 && response.status < 300) return response.body as ResponseBody<P, M>;
    const body = (response.body ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
    const error = new ApiError(
      response.status,
      typeof body.code === 'string' ? body.code : 'INTERNAL_ERROR',
      typeof body.message === 'string' ? body.message : `HTTP ${response.status}`,
      body.details && typeof body.details === 'object'
        ? (body.details as Record<string, unknown>)
        : undefined,
    );
    if (error.signedOut) {
      tokens.set(null);
      onSignedOut?.();
    }
    throw error;
  }

  return {
    get: <P extends PathsWith<'get'>>(path: P, ...[options]: Args<P, 'get'>) =>
      call('get', path, options as Record<string, unknown>),
    post: <P extends PathsWith<'post'>>(path: P, ...[options]: Args<P, 'post'>) =>
      call('post', path, options as Record<string, unknown>),
    patch: <P extends PathsWith<'patch'>>(path: P, ...[options]: Args<P, 'patch'>) =>
      call('patch', path, options as Record<string, unknown>),
    delete: <P extends PathsWith<'delete'>>(path: P, ...[options]: Args<P, 'delete'>) =>
      call('delete', path, options as Record<string, unknown>),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** A fresh Idempotency-Key (8–128 of [A-Za-z0-9_.:-]): one per intent, reused when it is retried. */
export function newIdempotencyKey(random: () => number = Math.random, now: () => number = Date.now): string {
  let tail = '';
  for (let i = 0; i < 16; i += 1) tail += Math.floor(random() * 36).toString(36);
  return `mp-${now().toString(36)}-${tail}`;
}
