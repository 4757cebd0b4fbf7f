import type { ApiUnderTest } from './support/services.js';
import { eventually } from './support/services.js';
import { TestStack } from './support/stack.js';
import { idempotencyKey } from './support/trips.js';

interface Row {
  id: string;
  citizenId: string;
  nickname: string | null;
  districtCode: string;
  methodology: string;
  status: string;
  occurredAt: string;
}
interface Page {
  items: Row[];
  nextCursor: string | null;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** The CST calendar date of an instant. */
const cstDate = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);

describe('admin: 行为查询 (GET /admin/v1/actions)', () => {
  let stack: TestStack;
  let api: ApiUnderTest;
  let admin: string;
  let auditor: string;
  let citizenToken: string;
  const ids: Record<string, string> = {};
  const citizens: Record<string, string> = {};
  // A CST day three days ago; a trip at 00:10 CST that day is at 16:10 UTC the day before.
  const day = cstDate(Date.now() - 3 * DAY);
  const dayStartUtc = Date.parse(`${day}T00:00:00Z`) - 8 * HOUR;

  const search = (query: string, token = admin) =>
    api.request<Page>('GET', `/admin/v1/actions${query ? `?${query}` : ''}`, { token });

  const trip = async (
    name: string,
    token: string,
    methodology: string,
    startMs: number,
    distanceM: number,
  ) => {
    const submitted = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: {
        methodology,
        data: {
          ...(methodology === 'cycling' ? { mode: 'bike' } : {}),
          distanceM,
          startedAt: new Date(startMs).toISOString(),
          endedAt: new Date(startMs + 30 * 60_000).toISOString(),
        },
      },
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(submitted.status).toBe(202);
    ids[name] = submitted.body.id;
    await eventually(async () => {
      const { body } = await api.request<{ status: string }>('GET', `/v1/me/actions/${submitted.body.id}`, {
        token,
      });
      return ['settled', 'rejected', 'review'].includes(body.status) ? body : undefined;
    });
  };

  beforeAll(async () => {
    stack = await TestStack.start({ admin: true, auditor: true });
    ({ api, admin, auditor } = stack);
    const lin = await api.login('search-lin', '370102');
    const wang = await api.login('search-wang', '370900');
    citizenToken = lin.token;
    citizens.lin = lin.citizenId;
    citizens.wang = wang.citizenId;
    await api.request('PATCH', '/v1/me/profile', { token: lin.token, body: { nickname: '林小骑' } });
    await api.request('PATCH', '/v1/me/profile', { token: wang.token, body: { nickname: '王大力' } });
    // Lin: a ride at 00:10 CST on `day` (16:10 UTC the day before), a ride the previous CST day
    // at 23:40 (15:40 UTC), a bus ride two days after. Wang (Tai'an): two rides.
    await trip('linMidnight', lin.token, 'cycling', dayStartUtc + 10 * 60_000, 5000);
    await trip('linEve', lin.token, 'cycling', dayStartUtc - 20 * 60_000 - 30 * 60_000, 4000);
    await trip('linBus', lin.token, 'bus', dayStartUtc + 2 * DAY + 9 * HOUR, 8000);
    await trip('wangOne', wang.token, 'cycling', dayStartUtc + 8 * HOUR, 6000);
    await trip('wangTwo', wang.token, 'cycling', dayStartUtc + DAY + 8 * HOUR, 7000);
  });

  afterAll(() => stack?.stop());

  it('lists every action newest occurred first, with the nickname and the state', async () => {
    const { status, body } = await search('');
    expect(status).toBe(200);
    expect(body.items.map((r) => r.id)).toEqual([
      ids.linBus,
      ids.wangTwo,
      ids.wangOne,
      ids.linMidnight,
      ids.linEve,
    ]);
    expect(body.items[0]).toMatchObject({
      citizenId: citizens.lin,
      nickname: '林小骑',
      districtCode: '370102',
      methodology: 'bus',
      status: 'settled',
    });
    expect(body.nextCursor).toBeNull();
  });

  it('filters by citizen id or part of a nickname, district, methodology, source and status', async () => {
    const byId = await search(`citizen=${citizens.wang}`);
    expect(byId.body.items.map((r) => r.id)).toEqual([ids.wangTwo, ids.wangOne]);
    const byNickname = await search(`citizen=${encodeURIComponent('小骑')}`);
    expect(byNickname.body.items.map((r) => r.id)).toEqual([ids.linBus, ids.linMidnight, ids.linEve]);
    expect((await search(`citizen=${encodeURIComponent('%')}`)).body.items).toEqual([]);
    const byDistrict = await search('district=370900');
    expect(byDistrict.body.items.map((r) => r.id)).toEqual([ids.wangTwo, ids.wangOne]);
    const bus = await search('methodology=bus&source=self&status=settled');
    expect(bus.body.items.map((r) => r.id)).toEqual([ids.linBus]);
    expect((await search('status=review')).body.items).toEqual([]);
  });

  it('reads from/to as China days: a day starts at 16:00 UTC the day before', async () => {
    const oneDay = await search(`from=${day}&to=${day}`);
    // 00:10 CST on `day` is in; 23:40 CST the evening before is not, though both are the same UTC date.
    expect(oneDay.body.items.map((r) => r.id)).toEqual([ids.wangOne, ids.linMidnight]);
    const dayBefore = cstDate(dayStartUtc - HOUR);
    const evening = await search(`from=${dayBefore}&to=${dayBefore}`);
    expect(evening.body.items.map((r) => r.id)).toEqual([ids.linEve]);
  });

  it('pages by a keyset cursor without skipping or repeating a row', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = (await search(`limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`))
        .body;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids.linBus, ids.wangTwo, ids.wangOne, ids.linMidnight, ids.linEve]);
  });

  it.each([
    ['limit=0'],
    ['limit=101'],
    ['cursor=not-a-cursor'],
    ['status=approved'],
    ['district=37A102'],
    ['from=2026-02-30'],
    ['from=2026-11-02&to=2026-11-01'],
    ['methodology=Cycling'],
    ['unknown=1'],
  ])('refuses %s with VALIDATION_FAILED', async (query) => {
    const { status, body } = await search(query);
    expect({ status, code: (body as unknown as { code: string }).code }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
  });

  it('lets an auditor search and keeps citizens out', async () => {
    expect((await search('', auditor)).status).toBe(200);
    expect((await search('', citizenToken)).status).toBe(403);
  });

  it("opens each row's audit, and an unknown id is ACTION_NOT_FOUND", async () => {
    const audit = await api.request<{ action: { id: string } }>(
      'GET',
      `/admin/v1/actions/${ids.wangOne}/audit`,
      {
        token: admin,
      },
    );
    expect(audit.body.action.id).toBe(ids.wangOne);
    const unknown = await api.request('GET', '/admin/v1/actions/00000000-0000-4000-8000-000000000000/audit', {
      token: admin,
    });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'ACTION_NOT_FOUND' } });
  });
});
