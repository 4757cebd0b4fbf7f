import type { TestEnvironment } from './support/environment.js';
import type { ApiUnderTest } from './support/services.js';
import { eventually } from './support/services.js';
import { TestStack } from './support/stack.js';
import { idempotencyKey } from './support/trips.js';

interface Item {
  actionId: string;
  districtCode: string;
  grams: string | null;
  occurredAt: string;
  period: { start: string; end: string } | null;
  keyInputs: { name: string; value: string }[];
  outlier: { field: string; limit: string; share: number; bound: string } | null;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
  total: number;
}
interface Batch {
  decided: number;
  results: { actionId: string; outcome: string; status: string | null }[];
}

const DAY = 86_400_000;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('admin: the review queue for a day of work', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let admin: string;
  let auditor: string;
  const ids: Record<string, string> = {};

  const queue = (query = '') =>
    api.request<Page>('GET', `/admin/v1/reviews${query ? `?${query}` : ''}`, { token: admin });
  const decide = (body: unknown, token = admin) =>
    api.request<Batch>('POST', '/admin/v1/reviews/decisions', { token, body });
  const statuses = async () =>
    Object.fromEntries(
      (
        await env.query<{ id: string; status: string }>(
          `SELECT id, status FROM actions WHERE id = ANY($1::uuid[])`,
          [Object.values(ids)],
        )
      ).map((r) => [r.id, r.status]),
    );

  const ride = async (
    name: string,
    district: string,
    distanceM: number,
    minutes: number,
    daysAgo: number,
  ) => {
    const { token } = await api.login(`review-${name}`, district);
    const start = Date.now() - daysAgo * DAY;
    const submitted = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: {
        methodology: 'cycling',
        data: {
          mode: 'bike',
          distanceM,
          startedAt: new Date(start).toISOString(),
          endedAt: new Date(start + minutes * 60_000).toISOString(),
        },
      },
      headers: { 'idempotency-key': idempotencyKey() },
    });
    ids[name] = submitted.body.id;
    await eventually(async () => {
      const { body } = await api.request<{ status: string }>('GET', `/v1/me/actions/${submitted.body.id}`, {
        token,
      });
      return body.status === 'review' ? body : undefined;
    });
  };

  beforeAll(async () => {
    stack = await TestStack.start({ admin: true, auditor: true });
    ({ env, api, admin, auditor } = stack);
    const draft = await api.request<{ version: number; params: Record<string, unknown> }>(
      'POST',
      '/admin/v1/methodologies/cycling/drafts',
      { token: admin, body: { effectiveFrom: new Date(Date.now() - 10 * DAY).toISOString() } },
    );
    await api.request('PATCH', `/admin/v1/methodologies/cycling/versions/${draft.body.version}`, {
      token: admin,
      body: {
        params: { ...draft.body.params, selfReported: { accepted: true, review: true, perDayCapG: null } },
      },
    });
    await api.request('POST', `/admin/v1/methodologies/cycling/versions/${draft.body.version}/publish`, {
      token: admin,
    });
    await ride('short', '370102', 3000, 15, 3);
    await ride('long', '370102', 26_000, 70, 2); // 26 of cycling's 30 km: an outlier
    await ride('taian', '370900', 5000, 20, 1);
    await ride('taianToo', '370900', 6000, 25, 1);
  });

  afterAll(() => stack?.stop());

  it('shows occurred time, the trip period, key inputs and an outlier flag from the methodology bounds', async () => {
    const { status, body } = await queue();
    expect(status).toBe(200);
    expect(body.total).toBe(4);
    const long = body.items.find((i) => i.actionId === ids.long)!;
    expect(long.outlier).toEqual({
      field: 'distanceM',
      value: '26000',
      limit: '30000',
      share: 0.867,
      bound: 'eligibility.maxDistanceM',
    });
    expect(long.keyInputs).toEqual([
      { name: 'mode', value: 'bike' },
      { name: 'distanceM', value: '26000' },
    ]);
    expect(long.period).toEqual({ start: long.occurredAt, end: expect.any(String) });
    expect(body.items.find((i) => i.actionId === ids.short)!.outlier).toBeNull();
  });

  it('filters by district, amount and age, and sorts by amount with a cursor', async () => {
    expect((await queue('district=370900')).body.items.map((i) => i.actionId).sort()).toEqual(
      [ids.taian, ids.taianToo].sort(),
    );
    const big = await queue('minGrams=500');
    expect(big.body.items.map((i) => i.actionId)).toEqual([ids.long]);
    expect((await queue('minAgeHours=1')).body.total).toBe(0);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = (
        await queue(`sort=largest&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      ).body;
      seen.push(...page.items.map((i) => i.actionId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids.long, ids.taianToo, ids.taian, ids.short]);
  });

  it.each([
    [{ actionIds: [], decision: 'approve' }],
    [{ actionIds: ['not-a-uuid'], decision: 'approve' }],
    [{ actionIds: [UNKNOWN, UNKNOWN], decision: 'approve' }],
    [{ actionIds: [UNKNOWN], decision: 'reject' }],
    [{ actionIds: [UNKNOWN], decision: 'reject', reason: 'I_DO_NOT_LIKE_IT' }],
    [{ actionIds: [UNKNOWN], decision: 'approve', reason: 'EVIDENCE_INSUFFICIENT' }],
    [{ actionIds: [UNKNOWN], decision: 'maybe' }],
  ])('refuses a batch %j with VALIDATION_FAILED and writes nothing', async (body) => {
    const before = await statuses();
    const withIds = JSON.parse(JSON.stringify(body).replaceAll(UNKNOWN, ids.short)) as unknown;
    const response = await decide(withIds);
    expect({ status: response.status, code: (response.body as unknown as { code: string }).code }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect(await statuses()).toEqual(before);
  });

  it('keeps auditors from deciding', async () => {
    const response = await decide({ actionIds: [ids.short], decision: 'approve' }, auditor);
    expect(response.status).toBe(403);
    expect((await statuses())[ids.short]).toBe('review');
  });

  it('approves many in one call, each exactly once, with a per-item result; they settle once', async () => {
    const first = await decide({
      actionIds: [ids.taian, ids.taianToo, UNKNOWN],
      decision: 'approve',
      note: '轨迹核对无误',
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      decided: 2,
      results: [
        { actionId: ids.taian, outcome: 'approved', status: 'quantified' },
        { actionId: ids.taianToo, outcome: 'approved', status: 'quantified' },
        { actionId: UNKNOWN, outcome: 'not_found', status: null },
      ],
    });
    const again = await decide({
      actionIds: [ids.taian, ids.short],
      decision: 'reject',
      reason: 'DATA_IMPLAUSIBLE',
    });
    expect(again.body.results[0]).toMatchObject({ actionId: ids.taian, outcome: 'already_decided' });
    expect(again.body.results[1]).toEqual({ actionId: ids.short, outcome: 'rejected', status: 'rejected' });

    await eventually(async () => {
      const s = await statuses();
      return s[ids.taian] === 'settled' && s[ids.taianToo] === 'settled' ? s : undefined;
    });
    const rows = await env.query<{
      id: string;
      review_decision: string;
      reason_code: string | null;
      postings: number;
    }>(
      `SELECT a.id, a.review_decision, a.reason_code,
              (SELECT count(*)::int FROM ledger_postings p WHERE p.action_id = a.id) AS postings
         FROM actions a WHERE a.id = ANY($1::uuid[]) ORDER BY a.id`,
      [[ids.taian, ids.taianToo, ids.short]],
    );
    expect(
      Object.fromEntries(rows.map((r) => [r.id, [r.review_decision, r.reason_code, r.postings]])),
    ).toEqual({
      [ids.taian]: ['approved', null, 1],
      [ids.taianToo]: ['approved', null, 1],
      [ids.short]: ['rejected', 'DATA_IMPLAUSIBLE', 0],
    });
    expect((await queue()).body.items.map((i) => i.actionId)).toEqual([ids.long]);
  });

  it("shows the reviewer's name in the audit", async () => {
    const audit = await api.request<{ action: { review: { byName: string; decision: string } } }>(
      'GET',
      `/admin/v1/actions/${ids.taian}/audit`,
      { token: admin },
    );
    expect(audit.body.action.review).toMatchObject({ decision: 'approved', byName: 'bureau-admin' });
  });
});
