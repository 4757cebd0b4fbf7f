import { describe, expect, it } from '@jest/globals';
import {
  ApiError,
  createApiClient,
  errorSentence,
  newIdempotencyKey,
  type HttpRequest,
  type TokenStore,
} from './client';
import { fetchTransport } from './transport-fetch';
import { taroTransport } from './transport-taro';

function memoryTokens(initial: string | null = null): TokenStore & { value: string | null } {
  const store = {
    value: initial,
    get: () => store.value,
    set: (token: string | null) => {
      store.value = token;
    },
  };
  return store;
}

function recording(status: number, body: unknown) {
  const requests: HttpRequest[] = [];
  const transport = async (request: HttpRequest) => {
    requests.push(request);
    return { status, body };
  };
  return { requests, transport };
}

describe('the typed client', () => {
  it('fills path and query parameters, sends the token and the JSON body', async () => {
    const { requests, transport } = recording(200, { items: [], nextCursor: null });
    const api = createApiClient({ baseUrl: 'https://api.example', transport, tokens: memoryTokens('t0k') });
    await api.get('/v1/me/timeline', { query: { limit: 20, cursor: undefined } });
    await api.get('/v1/me/actions/{id}', { path: { id: 'a b/c' } });
    await api.post('/v1/actions', {
      headers: { 'Idempotency-Key': 'mp-key-12345678' },
      body: { methodology: 'cycling', data: { mode: 'bike', distanceM: 5000, startedAt: 'x', endedAt: 'y' } },
    });
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET https://api.example/v1/me/timeline?limit=20',
      'GET https://api.example/v1/me/actions/a%20b%2Fc',
      'POST https://api.example/v1/actions',
    ]);
    expect(requests[0]!.headers.Authorization).toBe('Bearer t0k');
    expect(requests[0]!.body).toBeUndefined();
    expect(requests[2]!.headers['Idempotency-Key']).toBe('mp-key-12345678');
    expect(requests[2]!.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(requests[2]!.body!)).toMatchObject({
      methodology: 'cycling',
      data: { distanceM: 5000 },
    });
  });

  it('turns a refusal into an ApiError with its code and Chinese sentence', async () => {
    const { transport } = recording(422, {
      code: 'INSUFFICIENT_POINTS',
      message: 'short',
      details: { need: '500' },
    });
    const api = createApiClient({ baseUrl: '', transport, tokens: memoryTokens('t') });
    const failure = await api
      .post('/v1/redemptions', { headers: { 'Idempotency-Key': 'k-12345678' }, body: { rewardId: 'r' } })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 422, code: 'INSUFFICIENT_POINTS', details: { need: '500' } });
    expect(errorSentence(failure)).toBe('可用积分不足。');
  });

  it('forgets the token and signs out when the API says the session is over', async () => {
    const { transport } = recording(401, { code: 'TOKEN_EXPIRED', message: 'expired' });
    const tokens = memoryTokens('old');
    let signedOut = 0;
    const api = createApiClient({ baseUrl: '', transport, tokens, onSignedOut: () => (signedOut += 1) });
    await expect(api.get('/v1/me/account')).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(tokens.value).toBeNull();
    expect(signedOut).toBe(1);
  });

  it('keeps the session on other refusals and says a lost connection in Chinese', async () => {
    const tokens = memoryTokens('kept');
    const refused = createApiClient({
      baseUrl: '',
      transport: recording(409, { code: 'BINDING_CODE_INVALID' }).transport,
      tokens,
    });
    await expect(refused.get('/v1/me/bindings')).rejects.toMatchObject({ status: 409 });
    expect(tokens.value).toBe('kept');
    const offline = createApiClient({
      baseUrl: '',
      transport: async () => {
        throw new Error('getaddrinfo ENOTFOUND');
      },
      tokens,
    });
    const failure = await offline.get('/v1/me/account').catch((e: unknown) => e);
    expect(errorSentence(failure)).toBe('网络连接失败，请检查网络后重试。');
    const unknown = createApiClient({ baseUrl: '', transport: recording(500, 'not json').transport, tokens });
    expect(errorSentence(await unknown.get('/v1/me/account').catch((e: unknown) => e))).toBe(
      '系统内部错误，请稍后再试。',
    );
    expect(errorSentence(new Error('anything'))).toBe('操作未成功，请稍后再试。');
  });

  it('makes Idempotency-Keys the API accepts, a new one each time', () => {
    const a = newIdempotencyKey();
    const b = newIdempotencyKey();
    expect(a).toMatch(/^[A-Za-z0-9_.:-]{8,128}$/);
    expect(a).not.toBe(b);
  });
});

describe('the two transports', () => {
  it('fetch (H5) reads JSON bodies and empty ones', async () => {
    const calls: { url: string; init?: RequestInit }[] = [];
    const fake = (async (url: string, init?: RequestInit) => {
      calls.push({ url, init });
      return url.endsWith('/empty')
        ? new Response(null, { status: 204 })
        : new Response(JSON.stringify({ ok: 1 }), {
            status: 201,
            headers: { 'content-type': 'application/json; charset=utf-8' },
          });
    }) as typeof fetch;
    const transport = fetchTransport(fake);
    const json = await transport({ method: 'POST', url: '/v1/x', headers: { A: 'b' }, body: '{}' });
    expect(json).toEqual({ status: 201, body: { ok: 1 } });
    expect(calls[0]!.init).toMatchObject({ method: 'POST', headers: { A: 'b' }, body: '{}' });
    expect(await transport({ method: 'POST', url: '/empty', headers: {} })).toEqual({
      status: 204,
      body: undefined,
    });
  });

  it('Taro.request (weapp) passes method, headers and body and reads the status', async () => {
    const seen: unknown[] = [];
    const transport = taroTransport(async (options) => {
      seen.push(options);
      return { statusCode: 422, data: { code: 'DISTRICT_UNKNOWN' } };
    });
    const response = await transport({
      method: 'POST',
      url: 'https://api/v1/auth/wechat',
      headers: { X: '1' },
      body: '{"code":"c"}',
    });
    expect(response).toEqual({ status: 422, body: { code: 'DISTRICT_UNKNOWN' } });
    expect(seen[0]).toMatchObject({
      method: 'POST',
      header: { X: '1' },
      data: '{"code":"c"}',
      url: 'https://api/v1/auth/wechat',
    });
  });
});
