import { PartnerClient, signature, type PushResult } from '@app/partner-client';
import type { TestEnvironment } from './support/environment.js';
import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';

const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;
const ride = (hoursAgo: number, distanceM = 5000, minutes = 20) => ({
  mode: 'bike',
  distanceM,
  startedAt: iso(Date.now() - hoursAgo * HOUR),
  endedAt: iso(Date.now() - hoursAgo * HOUR + minutes * 60_000),
});

describe('partner platform: registry, signed requests, bindings, verified push', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let baseUrl: string;
  let admin: string;
  let auditor: string;
  let bikeshare: { keyId: string; secret: string };
  let client: PartnerClient;

  beforeAll(async () => {
    stack = await TestStack.start({ listen: true, admin: true, auditor: true });
    ({ env, api, baseUrl, admin, auditor } = stack);

    const created = await api.request('POST', '/admin/v1/partners', {
      token: admin,
      body: {
        id: 'bikeshare',
        displayName: '哈啰出行',
        kinds: ['data-provider'],
        methodologies: ['cycling'],
      },
    });
    expect(created.status).toBe(201);
    const key = await api.request<{ keyId: string; secret: string }>(
      'POST',
      '/admin/v1/partners/bikeshare/keys',
      { token: admin },
    );
    expect(key.status).toBe(201);
    bikeshare = key.body;
    client = new PartnerClient({ baseUrl, ...bikeshare });
  });

  afterAll(() => stack?.stop());

  const counts = async () => {
    const [row] = await env.query<{ actions: string; requests: string; bindings: string }>(
      `SELECT (SELECT count(*) FROM actions) AS actions, (SELECT count(*) FROM partner_requests) AS requests,
              (SELECT count(*) FROM bindings WHERE status = 'active') AS bindings`,
    );
    return row;
  };

  async function bind(name: string, partnerClient = client, partnerId = 'bikeshare') {
    const citizen = await api.login(name);
    const code = await api.request<{ code: string; bindingId: string }>('POST', '/v1/me/bindings', {
      token: citizen.token,
      body: { partnerId },
    });
    expect(code.status).toBe(201);
    const exchanged = await partnerClient.exchangeBindingCode(code.body.code);
    expect(exchanged.status).toBe(200);
    return {
      ...citizen,
      bindingId: code.body.bindingId,
      code: code.body.code,
      partnerCitizenId: exchanged.body.partnerCitizenId,
    };
  }

  it('registers partners and keys for admins only, and never stores or shows a secret in clear', async () => {
    expect(
      await api.request('POST', '/admin/v1/partners', {
        token: admin,
        body: { id: 'bikeshare', displayName: 'x', kinds: ['data-provider'] },
      }),
    ).toMatchObject({
      status: 409,
      body: { code: 'PARTNER_EXISTS' },
    });
    expect(
      await api.request('POST', '/admin/v1/partners', {
        token: auditor,
        body: { id: 'other', displayName: 'x', kinds: ['data-provider'] },
      }),
    ).toMatchObject({ status: 403 });
    const list = await api.request<{ id: string; keys: { keyId: string }[] }[]>('GET', '/admin/v1/partners', {
      token: auditor,
    });
    expect(list.body.find((p) => p.id === 'bikeshare')?.keys.map((k) => k.keyId)).toEqual([bikeshare.keyId]);
    expect(JSON.stringify(list.body)).not.toContain(bikeshare.secret);
    const [stored] = await env.query<{ secret_ciphertext: string }>(
      `SELECT secret_ciphertext FROM partner_keys WHERE id = $1`,
      [bikeshare.keyId],
    );
    expect(stored.secret_ciphertext).not.toContain(bikeshare.secret);
  });

  it('binds a citizen with a one-time code, without telling the partner who the citizen is', async () => {
    const citizen = await bind('bound-rider');
    expect(citizen.partnerCitizenId).toMatch(/^pc_/);
    expect(citizen.partnerCitizenId).not.toContain(citizen.citizenId);
    const again = await client.exchangeBindingCode(citizen.code);
    expect(again).toMatchObject({ status: 404, body: { code: 'BINDING_CODE_INVALID' } });
    const mine = await api.request<{ partnerId: string; status: string }[]>('GET', '/v1/me/bindings', {
      token: citizen.token,
    });
    expect(mine.body).toEqual([expect.objectContaining({ partnerId: 'bikeshare', status: 'active' })]);
  });

  it('takes a batch of verified trips: accepted, duplicate or rejected per item, settled once', async () => {
    const rider = await bind('pushed-rider');
    const trip = ride(5);
    const first = await client.pushActions([
      { eventId: 'ride-1', partnerCitizenId: rider.partnerCitizenId, methodology: 'cycling', data: trip },
      {
        eventId: 'ride-2',
        partnerCitizenId: rider.partnerCitizenId,
        methodology: 'cycling',
        data: ride(7, 20_000, 10),
      },
      { eventId: 'ride-3', partnerCitizenId: 'pc_not-a-binding', methodology: 'cycling', data: ride(9) },
      {
        eventId: 'ride-4',
        partnerCitizenId: rider.partnerCitizenId,
        methodology: 'bus',
        data: { distanceM: 5000, startedAt: trip.startedAt, endedAt: trip.endedAt },
      },
      { eventId: 'ride-1', partnerCitizenId: rider.partnerCitizenId, methodology: 'cycling', data: trip },
    ]);
    expect(first.status).toBe(200);
    expect(first.body.results.map((r: PushResult) => [r.eventId, r.status, r.code])).toEqual([
      ['ride-1', 'accepted', undefined],
      ['ride-2', 'rejected', 'SPEED_IMPLAUSIBLE'],
      ['ride-3', 'rejected', 'BINDING_NOT_FOUND'],
      ['ride-4', 'rejected', 'METHODOLOGY_NOT_ALLOWED'],
      ['ride-1', 'rejected', 'DUPLICATE_IN_BATCH'],
    ]);
    const actionId = first.body.results[0].actionId!;
    await eventually(async () =>
      (await api.request<{ status: string }>('GET', `/v1/me/actions/${actionId}`, { token: rider.token }))
        .body.status === 'settled'
        ? true
        : undefined,
    );
    expect((await api.request('GET', '/v1/me/account', { token: rider.token })).body).toMatchObject({
      grams: '169',
      points: '169',
    });

    const later = await client.pushActions([
      { eventId: 'ride-1', partnerCitizenId: rider.partnerCitizenId, methodology: 'cycling', data: trip },
      {
        eventId: 'ride-1b',
        partnerCitizenId: rider.partnerCitizenId,
        methodology: 'cycling',
        data: ride(30),
      },
    ]);
    expect(later.body.results).toEqual([
      { eventId: 'ride-1', status: 'duplicate', actionId },
      expect.objectContaining({ eventId: 'ride-1b', status: 'accepted' }),
    ]);
    const reused = await client.pushActions([
      { eventId: 'ride-1', partnerCitizenId: rider.partnerCitizenId, methodology: 'cycling', data: ride(40) },
    ]);
    expect(reused.body.results[0]).toMatchObject({ status: 'rejected', code: 'EVENT_ID_REUSED' });
    const [action] = await env.query<{ source: string }>(`SELECT source FROM actions WHERE id = $1`, [
      actionId,
    ]);
    expect(action.source).toBe('partner:bikeshare');
  });

  it('replays a write with the same Idempotency-Key and body, and refuses another body under it', async () => {
    const rider = await bind('idempotent-rider');
    const batch = [
      { eventId: 'idem-1', partnerCitizenId: rider.partnerCitizenId, methodology: 'cycling', data: ride(50) },
    ];
    const first = await client.pushActions(batch, 'batch-key-0001');
    const before = await counts();
    const replay = await client.pushActions(batch, 'batch-key-0001');
    expect(replay).toEqual(first);
    expect(await counts()).toEqual(before);
    const other = await client.pushActions([{ ...batch[0], eventId: 'idem-2' }], 'batch-key-0001');
    expect(other).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await counts()).toEqual(before);
  });

  it('replays a binding exchange with its first answer, and refuses another code under the key, writing nothing', async () => {
    const citizen = await api.login('exchange-replay');
    const issue = async () =>
      (
        await api.request<{ code: string; bindingId: string }>('POST', '/v1/me/bindings', {
          token: citizen.token,
          body: { partnerId: 'bikeshare' },
        })
      ).body;
    const issued = await issue();
    const first = await client.exchangeBindingCode(issued.code, 'exchange-key-0001');
    expect(first.status).toBe(200);
    expect(first.body.partnerCitizenId).toMatch(/^pc_/);
    const later = await issue();
    const bindingsOf = () =>
      env.query<{ id: string; status: string; partner_citizen_id: string | null }>(
        `SELECT id, status, partner_citizen_id FROM bindings WHERE citizen_id = $1 ORDER BY created_at, id`,
        [citizen.citizenId],
      );
    const before = { counts: await counts(), bindings: await bindingsOf() };

    // The code is spent, yet the replay answers the first exchange's binding and status again.
    expect(await client.exchangeBindingCode(issued.code, 'exchange-key-0001')).toEqual(first);
    const other = await client.exchangeBindingCode(later.code, 'exchange-key-0001');
    expect(other).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect({ counts: await counts(), bindings: await bindingsOf() }).toEqual(before);
    expect(before.bindings.find((b) => b.id === later.bindingId)?.status).toBe('pending');
  });

  it('replays a trip-statistics report with its first answer, and refuses other figures under the key, writing nothing', async () => {
    const report = (greenTrips: number, totalTrips: number) =>
      client.request(
        'POST',
        '/partner/v1/trip-statistics',
        { items: [{ day: '2026-11-30', districtCode: '370102', greenTrips, totalTrips }] },
        'trips-key-0001',
      );
    const stored = () =>
      env.query<{ green_trips: string; total_trips: string; reported_at: Date }>(
        `SELECT green_trips::text, total_trips::text, reported_at FROM partner_trip_statistics WHERE partner_id = 'bikeshare'`,
      );
    const first = await report(30, 100);
    expect(first).toEqual({ status: 200, body: { recorded: 1 } });
    const before = await stored();
    expect(before).toEqual([expect.objectContaining({ green_trips: '30', total_trips: '100' })]);

    // A replay does not write the figures again (reported_at stays the first report's).
    expect(await report(30, 100)).toEqual(first);
    expect(await stored()).toEqual(before);
    expect(await report(40, 100)).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await stored()).toEqual(before);
  });

  describe('refuses every forged or replayed request, writing nothing', () => {
    const path = '/partner/v1/bindings/exchange';
    const body = JSON.stringify({ code: 'AAAAAAAAAA' });
    async function send(
      overrides: {
        keyId?: string;
        secret?: string;
        skew?: number;
        nonce?: string;
        signedPath?: string;
        signedBody?: string;
        sentBody?: string;
        omit?: string;
      } = {},
    ) {
      // The skew is applied when the request is sent, so the time a test waited does not shift it.
      const timestamp = String(Math.floor(Date.now() / 1000) + (overrides.skew ?? 0));
      const nonce = overrides.nonce ?? `nonce-${Math.random().toString(36).slice(2)}-${Date.now()}`;
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'idempotency-key': `forge-${nonce}`,
        'x-key-id': overrides.keyId ?? bikeshare.keyId,
        'x-timestamp': timestamp,
        'x-nonce': nonce,
        'x-signature': signature(overrides.secret ?? bikeshare.secret, {
          method: 'POST',
          pathWithQuery: overrides.signedPath ?? path,
          timestamp,
          nonce,
          body: overrides.signedBody ?? body,
        }),
      };
      if (overrides.omit) delete headers[overrides.omit];
      const response = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers,
        body: overrides.sentBody ?? body,
      });
      return { status: response.status, body: (await response.json()) as { code: string } };
    }

    it.each([
      ['a tampered body', { sentBody: JSON.stringify({ code: 'BBBBBBBBBB' }) }, 'SIGNATURE_INVALID'],
      ['a tampered path', { signedPath: '/partner/v1/actions/batch' }, 'SIGNATURE_INVALID'],
      ['a wrong secret', { secret: 'sk_wrong' }, 'SIGNATURE_INVALID'],
      ['a timestamp 301 s old', { skew: -301 }, 'TIMESTAMP_OUT_OF_WINDOW'],
      // Not 301: the timestamp is whole seconds (floored) and the request takes time to arrive, so
      // "301 s ahead" reached the guard as 300.x s ahead — inside the window — about one run in twenty.
      ['a timestamp 310 s ahead', { skew: 310 }, 'TIMESTAMP_OUT_OF_WINDOW'],
      ['an unknown key', { keyId: 'pk_nobody' }, 'PARTNER_KEY_UNKNOWN'],
      ['no signature', { omit: 'x-signature' }, 'SIGNATURE_MISSING'],
    ])('%s', async (_name, overrides, code) => {
      const before = await counts();
      const response = await send(overrides);
      expect(response).toMatchObject({ status: 401, body: { code } });
      expect(await counts()).toEqual(before);
    });

    it('accepts a clock skew inside the window (the code is unknown, so 404, but the signature passes)', async () => {
      expect(await send({ skew: -290 })).toMatchObject({
        status: 404,
        body: { code: 'BINDING_CODE_INVALID' },
      });
    });

    it('refuses a replayed nonce', async () => {
      const nonce = `replayed-nonce-${Date.now()}`;
      expect((await send({ nonce })).status).toBe(404);
      expect(await send({ nonce })).toMatchObject({ status: 401, body: { code: 'NONCE_REPLAYED' } });
    });
  });

  it('rotates keys: two active at once, a third refused, a revoked one refused', async () => {
    const second = await api.request<{ keyId: string; secret: string }>(
      'POST',
      '/admin/v1/partners/bikeshare/keys',
      { token: admin },
    );
    expect(second.status).toBe(201);
    expect(await api.request('POST', '/admin/v1/partners/bikeshare/keys', { token: admin })).toMatchObject({
      status: 409,
      body: { code: 'TOO_MANY_KEYS' },
    });
    const newClient = new PartnerClient({ baseUrl, ...second.body });
    const rider = await bind('rotating-rider', newClient);
    expect(rider.partnerCitizenId).toMatch(/^pc_/);
    expect(
      (
        await api.request('POST', `/admin/v1/partners/bikeshare/keys/${bikeshare.keyId}/revoke`, {
          token: admin,
        })
      ).status,
    ).toBe(200);
    const before = await counts();
    const refused = await client.pushActions([
      {
        eventId: 'old-key',
        partnerCitizenId: rider.partnerCitizenId,
        methodology: 'cycling',
        data: ride(60),
      },
    ]);
    expect(refused).toMatchObject({ status: 401, body: { code: 'PARTNER_KEY_REVOKED' } });
    expect(await counts()).toEqual(before);
    client = newClient;
    bikeshare = second.body;
  });

  it('stops pushes for a binding the citizen revoked', async () => {
    const rider = await bind('revoking-rider');
    expect(
      (await api.request('POST', `/v1/me/bindings/${rider.bindingId}/revoke`, { token: rider.token })).status,
    ).toBe(200);
    const pushed = await client.pushActions([
      {
        eventId: 'after-revoke',
        partnerCitizenId: rider.partnerCitizenId,
        methodology: 'cycling',
        data: ride(3),
      },
    ]);
    expect(pushed.body.results[0]).toMatchObject({ status: 'rejected', code: 'BINDING_NOT_FOUND' });
    const other = await api.login('someone-else');
    expect(
      await api.request('POST', `/v1/me/bindings/${rider.bindingId}/revoke`, { token: other.token }),
    ).toMatchObject({ status: 404, body: { code: 'BINDING_NOT_FOUND' } });
  });

  it("keeps partners out of each other's citizens", async () => {
    await api.request('POST', '/admin/v1/partners', {
      token: admin,
      body: { id: 'mapapp', displayName: '高德地图', kinds: ['data-provider'], methodologies: ['cycling'] },
    });
    const key = await api.request<{ keyId: string; secret: string }>(
      'POST',
      '/admin/v1/partners/mapapp/keys',
      { token: admin },
    );
    const mapapp = new PartnerClient({ baseUrl, ...key.body });
    const rider = await bind('shared-rider');
    const stolen = await mapapp.pushActions([
      { eventId: 'steal-1', partnerCitizenId: rider.partnerCitizenId, methodology: 'cycling', data: ride(2) },
    ]);
    expect(stolen.body.results[0]).toMatchObject({ status: 'rejected', code: 'BINDING_NOT_FOUND' });
    const citizen = await api.login('code-for-bikeshare');
    const code = await api.request<{ code: string }>('POST', '/v1/me/bindings', {
      token: citizen.token,
      body: { partnerId: 'bikeshare' },
    });
    expect(await mapapp.exchangeBindingCode(code.body.code)).toMatchObject({
      status: 404,
      body: { code: 'BINDING_CODE_INVALID' },
    });
  });
});
