import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { cyclingTrip, idempotencyKey } from './support/trips.js';

interface MyAction {
  id: string;
  methodology: string;
  source: string;
  status: string;
  reasonCode: string | null;
  occurredAt: string;
  receivedAt: string;
  settledAt: string | null;
  grams: string | null;
  points: string | null;
}
interface MyActionsPage {
  items: MyAction[];
  nextCursor: string | null;
}
interface CampaignInForce {
  id: string;
  name: string;
  multiplier: string;
  methodologies: string[] | null;
  startsAt: string;
  endsAt: string;
}

describe('my actions and the campaigns in force for my district', () => {
  let stack: TestStack;
  let api: ApiUnderTest;

  beforeAll(async () => {
    stack = await TestStack.start({ admin: true });
    ({ api } = stack);
  });

  afterAll(() => stack?.stop());

  const submit = async (token: string, body: ReturnType<typeof cyclingTrip>) => {
    const { status, body: accepted } = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body,
      headers: { 'idempotency-key': idempotencyKey('mine') },
    });
    expect(status).toBe(202);
    return accepted.id;
  };
  const decided = (token: string, id: string) =>
    eventually(async () => {
      const { body } = await api.request<{ status: string }>('GET', `/v1/me/actions/${id}`, { token });
      return body.status === 'settled' || body.status === 'rejected' ? body : undefined;
    });
  const page = (token: string, query = '') =>
    api.request<MyActionsPage>('GET', `/v1/me/actions${query}`, { token });

  it('lists only my actions, newest first, paged by cursor, with credited figures only when settled', async () => {
    const alice = await api.login('mine-alice');
    const bob = await api.login('mine-bob');
    const settled = await submit(alice.token, cyclingTrip(4000, 20, { startsMinutesAgo: 300 }));
    await decided(alice.token, settled);
    const overlapping = await submit(alice.token, cyclingTrip(6000, 30, { startsMinutesAgo: 290 }));
    await decided(alice.token, overlapping);
    const third = await submit(alice.token, cyclingTrip(2000, 10, { startsMinutesAgo: 120 }));
    await decided(alice.token, third);
    const bobs = await submit(bob.token, cyclingTrip(3000, 15));
    await decided(bob.token, bobs);

    const all = await page(alice.token);
    expect(all.status).toBe(200);
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.items.map((a) => a.id)).toEqual([third, overlapping, settled]);
    expect(all.body.items[2]).toMatchObject({
      methodology: 'cycling',
      source: 'self',
      status: 'settled',
      reasonCode: null,
      grams: '135',
      points: '135',
    });
    expect(all.body.items[2].settledAt).not.toBeNull();
    expect(all.body.items[1]).toMatchObject({
      status: 'rejected',
      reasonCode: 'TRIP_OVERLAP',
      grams: null,
      points: null,
      settledAt: null,
    });

    const first = await page(alice.token, '?limit=2');
    expect(first.body.items.map((a) => a.id)).toEqual([third, overlapping]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await page(alice.token, `?limit=2&cursor=${encodeURIComponent(first.body.nextCursor!)}`);
    expect(second.body).toEqual({ items: [all.body.items[2]], nextCursor: null });

    const rejected = await page(alice.token, '?status=rejected');
    expect(rejected.body.items.map((a) => a.id)).toEqual([overlapping]);

    const bobsPage = await page(bob.token);
    expect(bobsPage.body.items.map((a) => a.id)).toEqual([bobs]);
  });

  it('refuses a cursor, limit or status without its shape', async () => {
    const { token } = await api.login('mine-carol');
    for (const query of [
      '?cursor=12',
      '?cursor=2026-13-01T00:00:00.000000Z_0b7e1a52-3c1f-4d8e-9a65-2f1c9d3e8b47',
      '?limit=101',
      '?limit=0',
      '?status=credited',
    ]) {
      const answer = await page(token, query);
      expect({ query, status: answer.status, code: answer.body }).toMatchObject({
        query,
        status: 400,
        code: { code: 'VALIDATION_FAILED' },
      });
    }
  });

  it('shows the campaigns covering my district in force now or in a window, not cancelled ones', async () => {
    const hour = 3_600_000;
    const now = Date.now();
    const create = async (name: string, regionScope: string[], startsAt: number, endsAt: number) => {
      const { status, body } = await api.request<{ id: string }>('POST', '/admin/v1/campaigns', {
        token: stack.admin,
        body: {
          name,
          regionScope,
          ...(name === '骑行周' ? { methodologies: ['cycling'] } : {}),
          startsAt: new Date(startsAt).toISOString(),
          endsAt: new Date(endsAt).toISOString(),
          multiplier: '1.5',
        },
      });
      expect(status).toBe(201);
      return body.id;
    };
    const jinan = await create('骑行周', ['370100'], now - hour, now + 24 * hour);
    const province = await create('全省低碳日', ['370000'], now - hour, now + 2 * hour);
    await create('济宁专场', ['370800'], now - hour, now + 2 * hour);
    const later = await create('下周活动', [], now + 48 * hour, now + 72 * hour);
    const cancelled = await create('已取消', [], now - hour, now + hour);
    expect(
      (await api.request('POST', `/admin/v1/campaigns/${cancelled}/cancel`, { token: stack.admin })).status,
    ).toBe(200);

    const { token } = await api.login('campaign-citizen', '370102');
    const inForce = await api.request<CampaignInForce[]>('GET', '/v1/campaigns', { token });
    expect(inForce.status).toBe(200);
    expect(inForce.body.map((c) => c.id)).toEqual([province, jinan]);
    expect(inForce.body[1]).toEqual({
      id: jinan,
      name: '骑行周',
      multiplier: '1.5',
      methodologies: ['cycling'],
      startsAt: new Date(now - hour).toISOString(),
      endsAt: new Date(now + 24 * hour).toISOString(),
    });
    expect(inForce.body[0].methodologies).toBeNull();

    const from = encodeURIComponent(new Date(now + 47 * hour).toISOString());
    const to = encodeURIComponent(new Date(now + 49 * hour).toISOString());
    const window = await api.request<CampaignInForce[]>('GET', `/v1/campaigns?from=${from}&to=${to}`, {
      token,
    });
    expect(window.body.map((c) => c.id)).toEqual([later]);

    const backwards = await api.request<{ code: string }>('GET', `/v1/campaigns?from=${to}&to=${from}`, {
      token,
    });
    expect(backwards).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  });
});
