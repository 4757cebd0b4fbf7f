import type { TestEnvironment } from './support/environment.js';
import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { cyclingTrip, idempotencyKey } from './support/trips.js';

interface ActionView {
  id: string;
  status: string;
  grams: string | null;
  points: string | null;
  reasonCode: string | null;
  methodologyVersion: number | null;
}

describe('a cycling trip, from login to points', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;

  beforeAll(async () => {
    stack = await TestStack.start();
    ({ env, api } = stack);
  });

  afterAll(() => stack?.stop());

  const settled = (token: string, id: string) =>
    eventually(async () => {
      const { body } = await api.request<ActionView>('GET', `/v1/me/actions/${id}`, { token });
      return body.status === 'settled' || body.status === 'rejected' ? body : undefined;
    });

  it('credits floor(5 × 33.88) = 169 g and 169 points for 5 km by bike', async () => {
    const { token, citizenId } = await api.login('alice');
    const submit = await api.request<{ id: string; status: string }>('POST', '/v1/actions', {
      token,
      body: cyclingTrip(5000, 20),
      headers: { 'idempotency-key': idempotencyKey('alice') },
    });
    expect(submit.status).toBe(202);
    expect(submit.body.status).toBe('received');

    const action = await settled(token, submit.body.id);
    expect(action).toMatchObject({
      status: 'settled',
      grams: '169',
      points: '169',
      reasonCode: null,
      // cycling@2 (from 2026-01-01 CST): v1's numbers, its factors saying which modes they are for.
      methodologyVersion: 2,
    });

    const account = await api.request('GET', '/v1/me/account', { token });
    expect(account.status).toBe(200);
    expect(account.body).toEqual({
      citizenId,
      districtCode: '370102',
      grams: '169',
      points: '169',
      heldPoints: '0',
    });

    const ledger = await api.request<{
      items: {
        account: string;
        amount: string;
        balanceAfter: string;
        reason: { code: string; causeId: string; description: string };
      }[];
    }>('GET', '/v1/me/ledger', { token });
    expect(ledger.body.items).toHaveLength(2);
    for (const entry of ledger.body.items) {
      expect(entry).toMatchObject({
        amount: '169',
        balanceAfter: '169',
        reason: { code: 'ACTION_SETTLED', causeId: submit.body.id },
      });
      expect(entry.reason.description).toContain('cycling@2');
    }
    expect(ledger.body.items.map((e) => e.account).sort()).toEqual(['carbon', 'points']);

    // The posting balances the citizen against the district's pool and the points issuance account.
    const entries = await env.query<{ kind: string; owner: string; amount: string }>(
      `SELECT a.kind, a.owner, e.amount FROM ledger_entries e JOIN accounts a ON a.id = e.account_id
       JOIN ledger_postings p ON p.id = e.posting_id WHERE p.cause_id = $1 ORDER BY a.kind`,
      [submit.body.id],
    );
    expect(entries).toEqual([
      { kind: 'citizen_carbon', owner: citizenId, amount: '169' },
      { kind: 'citizen_points', owner: citizenId, amount: '169' },
      { kind: 'points_issuance', owner: 'program', amount: '-169' },
      { kind: 'reduction_pool', owner: '370102', amount: '-169' },
    ]);
  });

  it("credits an e-bike trip with the e-bike factor and accrues to the citizen's district pool", async () => {
    const { token } = await api.login('jining-rider', '370800');
    const submit = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: cyclingTrip(5000, 20, { mode: 'ebike' }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(await settled(token, submit.body.id)).toMatchObject({
      status: 'settled',
      grams: '175',
      points: '175',
    });
    const [pool] = await env.query<{ balance: string }>(
      `SELECT sum(balance)::text AS balance FROM accounts WHERE kind = 'reduction_pool' AND owner = '370800'`,
    );
    expect(pool.balance).toBe('-175');
  });

  it('credits once when the same Idempotency-Key is submitted 20 times at once', async () => {
    const { token, citizenId } = await api.login('bob');
    const key = idempotencyKey('burst');
    const trip = cyclingTrip(5000, 20);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        api.request<{ id: string }>('POST', '/v1/actions', {
          token,
          body: trip,
          headers: { 'idempotency-key': key },
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(202));
    const ids = new Set(responses.map((r) => r.body.id));
    expect(ids.size).toBe(1);

    await settled(token, [...ids][0]);
    const rows = await env.query(`SELECT id FROM actions WHERE citizen_id = $1`, [citizenId]);
    expect(rows).toHaveLength(1);
    const account = await api.request('GET', '/v1/me/account', { token });
    expect(account.body).toMatchObject({ grams: '169', points: '169' });
    const postings = await env.query(`SELECT id FROM ledger_postings WHERE cause_id = $1`, [[...ids][0]]);
    expect(postings).toHaveLength(1);
  });

  it('answers a replay with the same action, and a different body under the same key with 409 and no change', async () => {
    const { token, citizenId } = await api.login('carol');
    const key = idempotencyKey('carol');
    const first = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: cyclingTrip(3000, 15),
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(202);
    const replay = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: cyclingTrip(3000, 15),
      headers: { 'idempotency-key': key },
    });
    expect(replay.status).toBe(202);
    expect(replay.body.id).toBe(first.body.id);

    const conflict = await api.request('POST', '/v1/actions', {
      token,
      body: cyclingTrip(9000, 40),
      headers: { 'idempotency-key': key },
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });

    const action = await settled(token, first.body.id);
    expect(action.grams).toBe('101'); // floor(3 × 33.88): the first body, not the conflicting one
    const rows = await env.query<{ payload: { distanceM: number } }>(
      `SELECT payload FROM actions WHERE citizen_id = $1`,
      [citizenId],
    );
    expect(rows).toEqual([{ payload: expect.objectContaining({ distanceM: 3000 }) }]);
  });

  it('keys idempotency per citizen: the same key from two citizens makes two actions', async () => {
    const key = idempotencyKey('shared');
    const dave = await api.login('dave');
    const erin = await api.login('erin');
    const a = await api.request<{ id: string }>('POST', '/v1/actions', {
      token: dave.token,
      body: cyclingTrip(2000, 10),
      headers: { 'idempotency-key': key },
    });
    const b = await api.request<{ id: string }>('POST', '/v1/actions', {
      token: erin.token,
      body: cyclingTrip(2000, 10),
      headers: { 'idempotency-key': key },
    });
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(a.body.id).not.toBe(b.body.id);
  });

  it('rejects a trip overlapping an earlier one of the same citizen, records the reason and credits nothing for it', async () => {
    const { token } = await api.login('frank');
    const first = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: cyclingTrip(4000, 20, { startsMinutesAgo: 300 }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(await settled(token, first.body.id)).toMatchObject({ status: 'settled', grams: '135' });

    const overlapping = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: cyclingTrip(6000, 30, { startsMinutesAgo: 290 }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(overlapping.status).toBe(202);
    expect(await settled(token, overlapping.body.id)).toMatchObject({
      status: 'rejected',
      reasonCode: 'TRIP_OVERLAP',
      grams: null,
      points: null,
    });

    const account = await api.request('GET', '/v1/me/account', { token });
    expect(account.body).toMatchObject({ grams: '135', points: '135' });
    const postings = await env.query(`SELECT id FROM ledger_postings WHERE cause_id = $1`, [
      overlapping.body.id,
    ]);
    expect(postings).toHaveLength(0);
  });

  it('pages the ledger newest first with a cursor', async () => {
    const { token } = await api.login('grace');
    const ids: string[] = [];
    for (const startsMinutesAgo of [600, 500, 400]) {
      const r = await api.request<{ id: string }>('POST', '/v1/actions', {
        token,
        body: cyclingTrip(1000, 5, { startsMinutesAgo }),
        headers: { 'idempotency-key': idempotencyKey() },
      });
      ids.push(r.body.id);
      await settled(token, r.body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=4&cursor=${cursor}` : '?limit=4';
      const page = await api.request<{
        items: { id: string; balanceAfter: string }[];
        nextCursor: string | null;
      }>('GET', `/v1/me/ledger${query}`, { token });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.body.items.map((i) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect([...seen].sort((a, b) => Number(b) - Number(a))).toEqual(seen);

    const badLimit = await api.request('GET', '/v1/me/ledger?limit=1000', { token });
    expect(badLimit.status).toBe(400);
    expect(badLimit.body).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it("never shows a citizen another citizen's action", async () => {
    const owner = await api.login('heidi');
    const other = await api.login('ivan');
    const submit = await api.request<{ id: string }>('POST', '/v1/actions', {
      token: owner.token,
      body: cyclingTrip(1500, 10),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    const peek = await api.request('GET', `/v1/me/actions/${submit.body.id}`, { token: other.token });
    expect(peek.status).toBe(404);
    expect(peek.body).toEqual({ code: 'ACTION_NOT_FOUND', message: 'no such action' });
  });
});
