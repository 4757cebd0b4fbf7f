import { loadConfig } from '@app/config';
import { JwtService } from '@nestjs/jwt';
import type { TestEnvironment } from './support/environment.js';
import type { ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { cyclingTrip, idempotencyKey } from './support/trips.js';

describe('POST /v1/actions refuses bad input with a stable code and writes nothing', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let token: string;
  let citizenId: string;

  beforeAll(async () => {
    stack = await TestStack.start({ workers: 0 });
    ({ env, api } = stack);
    ({ token, citizenId } = await api.login('validator'));
  });

  afterAll(() => stack?.stop());

  const valid = cyclingTrip(5000, 20);
  const withData = (patch: Record<string, unknown>) => ({ ...valid, data: { ...valid.data, ...patch } });
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
  const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

  // Objects, not tuples: jest passes a `done` callback to a test whose function takes more parameters than its row has.
  const cases: { name: string; body: unknown; status: number; code: string; reason?: string }[] = [
    {
      name: 'an unknown methodology',
      body: { methodology: 'teleport', data: {} },
      status: 422,
      code: 'METHODOLOGY_UNKNOWN',
    },
    {
      name: 'a negative distance',
      body: withData({ distanceM: -5 }),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'an absurd distance',
      body: withData({ distanceM: 1e12 }),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'a distance above the methodology maximum',
      body: withData({ distanceM: 40_000, startedAt: hoursAgo(4), endedAt: hoursAgo(2) }),
      status: 422,
      code: 'DISTANCE_TOO_LONG',
    },
    {
      name: 'a distance below the methodology minimum',
      body: withData({ distanceM: 300 }),
      status: 422,
      code: 'DISTANCE_TOO_SHORT',
    },
    {
      name: 'an end before the start',
      body: withData({ startedAt: hoursAgo(1), endedAt: hoursAgo(2) }),
      status: 400,
      code: 'VALIDATION_FAILED',
      reason: 'END_BEFORE_START',
    },
    {
      name: 'an implausible speed',
      body: withData({
        distanceM: 20_000,
        startedAt: hoursAgo(2),
        endedAt: new Date(Date.now() - 2 * 3_600_000 + 10 * 60_000).toISOString(),
      }),
      status: 422,
      code: 'SPEED_IMPLAUSIBLE',
    },
    {
      name: 'a missing field',
      body: { methodology: 'cycling', data: { mode: 'bike', distanceM: 5000, startedAt: hoursAgo(2) } },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    { name: 'missing data', body: { methodology: 'cycling' }, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'a wrong type', body: withData({ distanceM: '5000' }), status: 400, code: 'VALIDATION_FAILED' },
    {
      name: 'a wrong type for the methodology',
      body: { ...valid, methodology: 42 },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    { name: 'an unknown mode', body: withData({ mode: 'scooter' }), status: 400, code: 'VALIDATION_FAILED' },
    {
      name: 'an extra field in the data',
      body: withData({ grams: 99999 }),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'an extra top-level field',
      body: { ...valid, grams: 99999 },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'bad evidence',
      body: { ...valid, evidence: { kind: 'vibes', reference: 'x' } },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'a trip in the future',
      body: withData({ startedAt: inMinutes(30), endedAt: inMinutes(50) }),
      status: 422,
      code: 'ACTION_IN_FUTURE',
    },
    {
      name: 'a trip before any version was in force',
      body: withData({ startedAt: '2020-05-01T08:00:00+08:00', endedAt: '2020-05-01T08:20:00+08:00' }),
      status: 422,
      code: 'METHODOLOGY_NOT_IN_FORCE',
    },
  ];

  it.each(cases)('$name', async ({ body, status, code, reason }) => {
    const response = await api.request<{
      code: string;
      message: string;
      details?: { fields?: { reason?: string }[] };
    }>('POST', '/v1/actions', {
      token,
      body,
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(response.status).toBe(status);
    expect(response.body.code).toBe(code);
    expect(response.body.message).toEqual(expect.any(String));
    if (reason) expect(response.body.details?.fields).toContainEqual(expect.objectContaining({ reason }));
  });

  const requestCases: [string, () => Promise<{ status: number; body: { code: string } }>, number, string][] =
    [
      [
        'malformed JSON',
        () =>
          api.request('POST', '/v1/actions', {
            token,
            rawBody: '{"methodology": "cycling", "data": {',
            headers: { 'idempotency-key': idempotencyKey() },
          }),
        400,
        'MALFORMED_JSON',
      ],
      [
        'a body that is not JSON',
        () =>
          api.request('POST', '/v1/actions', {
            token,
            rawBody: 'cycling 5km',
            headers: { 'content-type': 'text/plain', 'idempotency-key': idempotencyKey() },
          }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'a body above the size limit',
        () =>
          api.request('POST', '/v1/actions', {
            token,
            body: { ...valid, evidence: { kind: 'other', reference: 'x'.repeat(70_000) } },
            headers: { 'idempotency-key': idempotencyKey() },
          }),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      [
        'no Idempotency-Key',
        () => api.request('POST', '/v1/actions', { token, body: valid }),
        400,
        'IDEMPOTENCY_KEY_REQUIRED',
      ],
      [
        'a malformed Idempotency-Key',
        () =>
          api.request('POST', '/v1/actions', { token, body: valid, headers: { 'idempotency-key': 'a b' } }),
        400,
        'IDEMPOTENCY_KEY_REQUIRED',
      ],
      [
        'no token',
        () =>
          api.request('POST', '/v1/actions', {
            body: valid,
            headers: { 'idempotency-key': idempotencyKey() },
          }),
        401,
        'AUTH_REQUIRED',
      ],
      [
        'a token of another scheme',
        () =>
          api.request('POST', '/v1/actions', {
            body: valid,
            headers: { authorization: `Basic ${token}`, 'idempotency-key': idempotencyKey() },
          }),
        401,
        'AUTH_REQUIRED',
      ],
      [
        'a garbage token',
        () =>
          api.request('POST', '/v1/actions', {
            token: 'not.a.jwt',
            body: valid,
            headers: { 'idempotency-key': idempotencyKey() },
          }),
        401,
        'TOKEN_INVALID',
      ],
      [
        'an expired token',
        async () => {
          const jwt = new JwtService({ secret: loadConfig(env.env()).auth.jwtSecret });
          const expired = await jwt.signAsync(
            { sub: citizenId, role: 'citizen', dst: '370102' },
            { expiresIn: -60 },
          );
          return api.request('POST', '/v1/actions', {
            token: expired,
            body: valid,
            headers: { 'idempotency-key': idempotencyKey() },
          });
        },
        401,
        'TOKEN_EXPIRED',
      ],
      [
        'a token signed with another secret',
        async () => {
          const forged = await new JwtService({ secret: 'y'.repeat(48) }).signAsync({
            sub: citizenId,
            role: 'citizen',
            dst: '370102',
          });
          return api.request('POST', '/v1/actions', {
            token: forged,
            body: valid,
            headers: { 'idempotency-key': idempotencyKey() },
          });
        },
        401,
        'TOKEN_INVALID',
      ],
    ];

  it.each(requestCases)('%s', async (_name, send, status, code) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.body.code).toBe(code);
  });

  it('wrote no action for any of them, and created no ledger entries', async () => {
    expect(await env.query(`SELECT id FROM actions`)).toEqual([]);
    expect(await env.query(`SELECT id FROM ledger_entries`)).toEqual([]);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const response = await api.request('GET', '/v1/nowhere', { token });
    expect(response).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });
});
