import { DatabaseFingerprint, changedTables } from './support/database-fingerprint.js';
import type { TestEnvironment } from './support/environment.js';
import { registerPartner, signedHeaders, type PartnerKey } from './support/partner-requests.js';
import type { ApiUnderTest, HttpResult } from './support/services.js';
import { TestStack } from './support/stack.js';
import { idempotencyKey } from './support/trips.js';

type Method = 'GET' | 'POST' | 'PATCH';
interface ErrorBody {
  code: string;
  details?: { fields?: { field: string; problems: string[] }[] };
}

const NUL = 'a\u0000b';
const UNKNOWN_UUID = '7d0f4c8e-5b1a-4e2f-9c3d-0a1b2c3d4e5f';
const ride = {
  mode: 'bike',
  distanceM: 5000,
  startedAt: new Date(Date.now() - 3_600_000).toISOString(),
  endedAt: new Date(Date.now() - 3_000_000).toISOString(),
};

/** Issue 11 items 11–14: bad input is a 4xx with a stable code naming the field, and writes nothing. */
describe('request validation: NUL, path ids, ranges and real dates, JSON numbers, blank text', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let admin: string;
  let citizen: string;
  let partner: PartnerKey;
  let rewardId: string;
  let fingerprint: DatabaseFingerprint;

  beforeAll(async () => {
    stack = await TestStack.start({ admin: true, workers: 0 });
    ({ env, api, admin } = stack);
    citizen = (await api.login('validation-citizen')).token;
    partner = await registerPartner(api, admin, 'validation-mall');
    const reward = await api.request<{ rewardId: string }>('POST', '/admin/v1/rewards', {
      token: admin,
      body: {
        partnerId: 'validation-mall',
        title: '地铁单程票',
        points: '10',
        stock: 5,
        perCitizenLimit: 1,
        validFrom: '2026-01-01T00:00:00+08:00',
        validTo: '2099-01-01T00:00:00+08:00',
      },
    });
    expect(reward.status).toBe(201);
    rewardId = reward.body.rewardId;
    fingerprint = await DatabaseFingerprint.of(env);
  });

  afterAll(() => stack?.stop());

  /** Sends a request and checks its answer, and that no table changed. */
  async function refused(
    send: () => Promise<HttpResult<ErrorBody>>,
    status: number,
    code: string,
    field?: string,
  ): Promise<void> {
    const before = await fingerprint.take(env);
    const response = await send();
    expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
    if (field) expect(response.body.details?.fields?.map((f) => f.field)).toContain(field);
    expect(changedTables(before, await fingerprint.take(env))).toEqual([]);
  }

  const asAdmin = (method: Method, url: string, body?: unknown, headers?: Record<string, string>) => () =>
    api.request<ErrorBody>(method, url, { token: admin, body, headers });
  const asCitizen = (method: Method, url: string, body?: unknown, headers?: Record<string, string>) => () =>
    api.request<ErrorBody>(method, url, { token: citizen, body, headers });
  const asPartner = (method: 'GET' | 'POST', url: string, body?: unknown) => () => {
    const raw = body === undefined ? '' : JSON.stringify(body);
    return api.request<ErrorBody>(method, url, {
      rawBody: body === undefined ? undefined : raw,
      headers: signedHeaders(partner, method, url, raw),
    });
  };

  describe('11: a NUL character anywhere is 400 VALIDATION_FAILED naming the field', () => {
    it.each<[string, () => () => Promise<HttpResult<ErrorBody>>, string]>([
      [
        'admin login username',
        () => () =>
          api.request<ErrorBody>('POST', '/admin/v1/auth/login', { body: { username: NUL, password: 'x' } }),
        'username',
      ],
      ['nickname', () => asCitizen('PATCH', '/v1/me/profile', { nickname: NUL }), 'nickname'],
      ['team name', () => asCitizen('POST', '/v1/teams', { name: NUL, kind: 'school' }), 'name'],
      [
        'methodology source',
        () => asAdmin('PATCH', '/admin/v1/methodologies/cycling/versions/1', { source: NUL }),
        'source',
      ],
      [
        'review note',
        () => asAdmin('POST', `/admin/v1/reviews/${UNKNOWN_UUID}/approve`, { note: NUL }),
        'note',
      ],
      [
        'retirement purpose',
        () =>
          asAdmin(
            'POST',
            '/admin/v1/pools/370102/retirements',
            { grams: '1', purpose: NUL },
            { 'idempotency-key': idempotencyKey() },
          ),
        'purpose',
      ],
      [
        'methodology data (validated by zod)',
        () =>
          asCitizen(
            'POST',
            '/v1/actions',
            { methodology: 'cycling', data: { ...ride, mode: NUL } },
            { 'idempotency-key': idempotencyKey() },
          ),
        'data.mode',
      ],
      [
        'a key of methodology data',
        () =>
          asCitizen(
            'POST',
            '/v1/actions',
            { methodology: 'cycling', data: { ...ride, [NUL]: 1 } },
            { 'idempotency-key': idempotencyKey() },
          ),
        `data.${NUL}`,
      ],
      [
        'a pushed action, nested in a batch',
        () =>
          asPartner('POST', '/partner/v1/actions:batch', {
            actions: [
              {
                eventId: 'e-1',
                partnerCitizenId: 'pc_0000',
                methodology: 'cycling',
                data: { ...ride, note: NUL },
              },
            ],
          }),
        'actions[0].data.note',
      ],
      ['a query value', () => asAdmin('GET', '/admin/v1/retirements?region=%00'), 'region'],
    ])('%s', async (_label, request, field) => {
      await refused(request(), 400, 'VALIDATION_FAILED', field);
    });
  });

  describe('11: a lone surrogate is 400 VALIDATION_FAILED, not stored as U+FFFD', () => {
    it('in a nickname', async () => {
      const before = await api.request<{ displayName: string | null }>('GET', '/v1/me/profile', {
        token: citizen,
      });
      await refused(
        asCitizen('PATCH', '/v1/me/profile', { nickname: '骑行\ud800' }),
        400,
        'VALIDATION_FAILED',
        'nickname',
      );
      expect((await api.request('GET', '/v1/me/profile', { token: citizen })).body).toEqual(before.body);
    });

    it('in a team name', async () => {
      await refused(
        asCitizen('POST', '/v1/teams', { name: '社区\udc00', kind: 'school' }),
        400,
        'VALIDATION_FAILED',
        'name',
      );
    });
  });

  describe('11 (found by the fuzz suite): a body nested past 32 levels is 400 VALIDATION_FAILED', () => {
    /** JSON text nested `depth` times as {"a":[…]}, built as text (JSON.stringify recurses). */
    const deep = (depth: number) => '{"a":['.repeat(depth) + '"x"' + ']}'.repeat(depth);

    it.each([
      ['in a field', '/v1/teams', `{"name":${deep(3000)},"kind":"school"}`, /^name\.a\[0\]/],
      ['as raw JSON arrays', '/v1/actions', '['.repeat(20_000) + ']'.repeat(20_000), /^\[0\]/],
      [
        'under an unknown field',
        '/admin/v1/auth/login',
        `{"username":"x","password":"x","extra":${deep(3000)}}`,
        /^extra/,
      ],
    ])('%s', async (_label, url, rawBody, field) => {
      const before = await fingerprint.take(env);
      const response = await api.request<ErrorBody>('POST', url, {
        token: url.startsWith('/v1') ? citizen : undefined,
        rawBody,
        headers: { 'idempotency-key': idempotencyKey() },
      });
      expect(response).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
      expect(response.body.details?.fields?.[0].field).toMatch(field);
      expect(changedTables(before, await fingerprint.take(env))).toEqual([]);
    });
  });

  describe('12: a path id without its shape is 400 VALIDATION_FAILED; a well-shaped unknown id is 404', () => {
    it.each<[Method, string, unknown]>([
      ['GET', '/partner/v1/holds/%00', undefined],
      ['POST', '/partner/v1/holds/not-a-uuid/confirm', {}],
      ['POST', '/partner/v1/holds/%00/cancel', undefined],
      ['POST', '/partner/v1/orders/%00/fulfil', { couponCode: 'C-1' }],
      ['POST', '/partner/v1/orders/1%27%20OR%201=1/fail', { reason: 'OUT_OF_COUPONS' }],
    ])('partner %s %s', async (method, url, body) => {
      await refused(asPartner(method as 'GET' | 'POST', url, body), 400, 'VALIDATION_FAILED', 'id');
    });

    it.each<[Method, string, string, unknown]>([
      ['PATCH', '/admin/v1/rewards/%00', 'id', { stock: 1 }],
      ['POST', '/admin/v1/orders/%00/cancel', 'id', { reason: 'OUT_OF_STOCK' }],
      ['POST', '/admin/v1/webhooks/%00/redrive', 'id', undefined],
      ['POST', '/admin/v1/campaigns/%00/cancel', 'id', undefined],
      ['GET', '/admin/v1/actions/%00/audit', 'id', undefined],
      ['POST', '/admin/v1/reviews/%00/approve', 'actionId', {}],
      ['POST', '/admin/v1/reviews/not-a-uuid/reject', 'actionId', { reason: 'EVIDENCE_MISSING' }],
      ['POST', '/admin/v1/partners/%00/keys', 'id', undefined],
      ['POST', '/admin/v1/partners/validation-mall/keys/%00/revoke', 'keyId', undefined],
      ['GET', '/admin/v1/retirements/%00', 'serial', undefined],
      ['POST', '/admin/v1/pools/37010%00/retirements', 'region', { grams: '1', purpose: '碳中和' }],
      ['GET', '/admin/v1/methodologies/%00/versions/1', 'id', undefined],
    ])('admin %s %s', async (method, url, field, body) => {
      await refused(
        asAdmin(method, url, body, { 'idempotency-key': idempotencyKey() }),
        400,
        'VALIDATION_FAILED',
        field,
      );
    });

    it.each<[Method, string]>([
      ['GET', '/v1/me/actions/%00'],
      ['GET', '/v1/me/orders/not-a-uuid'],
      ['POST', '/v1/me/bindings/%00/revoke'],
      ['GET', '/v1/friends/%00'],
      ['POST', '/v1/teams/%00/leave'],
    ])('citizen %s %s', async (method, url) => {
      await refused(asCitizen(method, url), 400, 'VALIDATION_FAILED');
    });

    it.each<[string, () => () => Promise<HttpResult<ErrorBody>>, number, string]>([
      ['a hold', () => asPartner('GET', `/partner/v1/holds/${UNKNOWN_UUID}`), 404, 'HOLD_NOT_FOUND'],
      [
        'an order to fulfil',
        () => asPartner('POST', `/partner/v1/orders/${UNKNOWN_UUID}/fulfil`, { couponCode: 'C' }),
        404,
        'ORDER_NOT_FOUND',
      ],
      [
        'an action to audit',
        () => asAdmin('GET', `/admin/v1/actions/${UNKNOWN_UUID}/audit`),
        404,
        'ACTION_NOT_FOUND',
      ],
      [
        'a reward',
        () => asAdmin('PATCH', `/admin/v1/rewards/${UNKNOWN_UUID}`, { stock: 1 }),
        404,
        'REWARD_NOT_FOUND',
      ],
      [
        'a campaign',
        () => asAdmin('POST', `/admin/v1/campaigns/${UNKNOWN_UUID}/cancel`),
        404,
        'CAMPAIGN_NOT_FOUND',
      ],
      ['my action', () => asCitizen('GET', `/v1/me/actions/${UNKNOWN_UUID}`), 404, 'ACTION_NOT_FOUND'],
    ])('a well-shaped id that names nothing: %s', async (_label, request, status, code) => {
      await refused(request(), status, code);
    });
  });

  describe('13: numbers in range and real dates, wherever a path or query is parsed', () => {
    it.each<[string, () => () => Promise<HttpResult<ErrorBody>>, string]>([
      [
        'a version beyond int32',
        () => asAdmin('GET', '/admin/v1/methodologies/cycling/versions/99999999999999999999'),
        'version',
      ],
      [
        'version 2^31',
        () => asAdmin('GET', '/admin/v1/methodologies/cycling/versions/2147483648'),
        'version',
      ],
      ['version 0', () => asAdmin('POST', '/admin/v1/methodologies/cycling/versions/0/publish'), 'version'],
      ['an impossible review cursor', () => asAdmin('GET', '/admin/v1/reviews?cursor=2026-02-30'), 'cursor'],
      ['a week-date review cursor', () => asAdmin('GET', '/admin/v1/reviews?cursor=2026-W01'), 'cursor'],
      [
        'a ledger cursor beyond bigint',
        () => asCitizen('GET', '/v1/me/ledger?cursor=9999999999999999999'),
        'cursor',
      ],
      [
        'a timeline cursor beyond bigint',
        () => asCitizen('GET', '/v1/me/timeline?cursor=9999999999999999999'),
        'cursor',
      ],
      [
        'an impossible trip-statistics day',
        () =>
          asPartner('POST', '/partner/v1/trip-statistics', {
            items: [{ day: '2026-02-30', districtCode: '370102', greenTrips: 1, totalTrips: 2 }],
          }),
        'items.0.day',
      ],
      [
        'an impossible campaign start',
        () =>
          asAdmin('POST', '/admin/v1/campaigns', {
            name: '低碳日',
            startsAt: '2026-02-30T00:00:00+08:00',
            endsAt: '2026-03-02T00:00:00+08:00',
            multiplier: '2',
          }),
        'startsAt',
      ],
    ])('%s', async (_label, request, field) => {
      await refused(request(), 400, 'VALIDATION_FAILED', field);
    });

    it('still reads a real cursor and a version in range', async () => {
      // The review queue's cursor is the sort value and the action id (a nextCursor of a previous page).
      const cursor = encodeURIComponent('2026-02-28T00:00:00.000Z~00000000-0000-4000-8000-000000000000');
      expect((await asAdmin('GET', `/admin/v1/reviews?cursor=${cursor}&limit=5`)()).status).toBe(200);
      expect((await asAdmin('GET', '/admin/v1/methodologies/cycling/versions/1')()).status).toBe(200);
      expect(await asAdmin('GET', '/admin/v1/methodologies/cycling/versions/2147483647')()).toMatchObject({
        status: 404,
        body: { code: 'VERSION_NOT_FOUND' },
      });
    });
  });

  describe('14: JSON numbers are numbers; query numbers are plain digits; required text is not blank', () => {
    const stock = async () =>
      (await env.query<{ stock: number }>(`SELECT stock FROM rewards WHERE id = $1`, [rewardId]))[0].stock;

    it.each<[string, unknown]>([
      ['whitespace', '   '],
      ['a boolean', true],
      ['an exponent string', '1e3'],
      ['a digit string', '7'],
      ['a fraction', 1.5],
    ])('refuses a reward stock given as %s and keeps the stock', async (_label, value) => {
      await refused(
        asAdmin('PATCH', `/admin/v1/rewards/${rewardId}`, { stock: value }),
        400,
        'VALIDATION_FAILED',
        'stock',
      );
      expect(await stock()).toBe(5);
    });

    it('takes a JSON number', async () => {
      expect(await asAdmin('PATCH', `/admin/v1/rewards/${rewardId}`, { stock: 4 })()).toMatchObject({
        status: 200,
        body: { stock: 4 },
      });
      expect(await stock()).toBe(4);
    });

    it.each<[string, string, unknown]>([
      ['POST', '/admin/v1/rewards', 'perCitizenLimit'],
      ['POST', '/partner/v1/holds', 'ttlSeconds'],
    ])('refuses a number given as a string: %s %s %s', async (_method, url, field) => {
      const request = url.startsWith('/partner')
        ? asPartner('POST', url, { partnerCitizenId: 'pc_0000', points: '1', ttlSeconds: '600' })
        : asAdmin('POST', url, {
            partnerId: 'validation-mall',
            title: '券',
            points: '10',
            stock: 1,
            perCitizenLimit: '1',
            validFrom: '2026-01-01T00:00:00Z',
            validTo: '2027-01-01T00:00:00Z',
          });
      await refused(request, 400, 'VALIDATION_FAILED', field as string);
    });

    it.each(['   ', '1e1', '0x10', 'true', '5.0'])('refuses the query limit %j', async (limit) => {
      await refused(
        asAdmin('GET', `/admin/v1/reviews?limit=${encodeURIComponent(limit)}`),
        400,
        'VALIDATION_FAILED',
        'limit',
      );
    });

    it('converts a plain-digit query limit', async () => {
      expect((await asCitizen('GET', '/v1/leaderboards?period=all&scope=district&limit=7')()).status).toBe(
        200,
      );
    });

    it.each<[string, () => () => Promise<HttpResult<ErrorBody>>, string]>([
      [
        'retirement purpose',
        () =>
          asAdmin(
            'POST',
            '/admin/v1/pools/370102/retirements',
            { grams: '1', purpose: '   ' },
            { 'idempotency-key': idempotencyKey() },
          ),
        'purpose',
      ],
      ['team name', () => asCitizen('POST', '/v1/teams', { name: ' \t ', kind: 'school' }), 'name'],
      ['nickname', () => asCitizen('PATCH', '/v1/me/profile', { nickname: '  ' }), 'nickname'],
      [
        'reward title',
        () =>
          asAdmin('POST', '/admin/v1/rewards', {
            partnerId: 'validation-mall',
            title: '   ',
            points: '10',
            stock: 1,
            perCitizenLimit: 1,
            validFrom: '2026-01-01T00:00:00Z',
            validTo: '2027-01-01T00:00:00Z',
          }),
        'title',
      ],
      [
        'partner display name',
        () =>
          asAdmin('POST', '/admin/v1/partners', {
            id: 'blank-name',
            displayName: '  ',
            kinds: ['data-provider'],
          }),
        'displayName',
      ],
      [
        'campaign name',
        () =>
          asAdmin('POST', '/admin/v1/campaigns', {
            name: '   ',
            startsAt: '2026-06-15T00:00:00+08:00',
            endsAt: '2026-06-16T00:00:00+08:00',
            multiplier: '2',
          }),
        'name',
      ],
      [
        'methodology source',
        () => asAdmin('PATCH', '/admin/v1/methodologies/cycling/versions/1', { source: '  ' }),
        'source',
      ],
      [
        'review note',
        () => asAdmin('POST', `/admin/v1/reviews/${UNKNOWN_UUID}/approve`, { note: ' ' }),
        'note',
      ],
      [
        'coupon code',
        () => asPartner('POST', `/partner/v1/orders/${UNKNOWN_UUID}/fulfil`, { couponCode: '   ' }),
        'couponCode',
      ],
      [
        'evidence reference',
        () =>
          asCitizen(
            'POST',
            '/v1/actions',
            { methodology: 'cycling', data: ride, evidence: { kind: 'photo', reference: '  ' } },
            { 'idempotency-key': idempotencyKey() },
          ),
        'evidence.reference',
      ],
    ])('refuses a blank %s', async (_label, request, field) => {
      await refused(request(), 400, 'VALIDATION_FAILED', field);
    });
  });
});
