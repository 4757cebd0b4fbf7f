import type { CapUsageRecord } from '@app/methodologies';
import type { TestEnvironment } from './support/environment.js';
import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { idempotencyKey } from './support/trips.js';

interface ActionView {
  id: string;
  status: string;
  requestedGrams: string | null;
  grams: string | null;
  points: string | null;
  capApplied: string | null;
}

/** An instant given as China Standard Time wall clock. */
const cst = (wallClock: string) => new Date(`${wallClock}+08:00`).toISOString();

/**
 * Daily and monthly caps count everything credited in the China-time day or month, from its 00:00 CST,
 * even when the earlier actions were settled in batches of their own (the usage is then read back
 * from the database: the month's first hours used to fall before a bound cast at 16:00 CST).
 */
describe('caps over China-time days and months, across batches', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let admin: string;

  beforeAll(async () => {
    stack = await TestStack.start({ admin: true });
    ({ env, api, admin } = stack);
  });

  afterAll(() => stack?.stop());

  const view = async (token: string, id: string) =>
    (await api.request<ActionView>('GET', `/v1/me/actions/${id}`, { token })).body;

  /** Submits an action and waits until its batch has decided it (status among `until`). */
  async function submitted(token: string, body: unknown, until: string[]): Promise<ActionView> {
    const submit = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body,
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(submit.status).toBe(202);
    return eventually(async () => {
      const action = await view(token, submit.body.id);
      return until.includes(action.status) ? action : undefined;
    });
  }

  /** 20 km by bike in an hour from `start` (CST): floor(20 × 33.88) = 677 g. */
  const ride = (start: string) => ({
    methodology: 'cycling',
    data: {
      mode: 'bike',
      distanceM: 20_000,
      startedAt: cst(start),
      endedAt: new Date(Date.parse(cst(start)) + 60 * 60_000).toISOString(),
    },
  });

  async function approvedAndSettled(token: string, id: string): Promise<ActionView> {
    const approval = await api.request('POST', `/admin/v1/reviews/${id}/approve`, { token: admin, body: {} });
    expect(approval.status).toBe(200);
    return eventually(async () => {
      const action = await view(token, id);
      return action.status === 'settled' ? action : undefined;
    });
  }

  const audit = async (id: string) =>
    (
      await api.request<{
        result: { requestedGrams: string; grams: string; capUsage: CapUsageRecord | null };
      }>('GET', `/admin/v1/actions/${id}/audit`, { token: admin })
    ).body.result;

  const account = async (token: string) =>
    (await api.request<{ grams: string; points: string }>('GET', '/v1/me/account', { token })).body;

  it.each(['00:00', '07:59', '08:00', '15:59'])(
    'holds the 1,500 g daily cycling cap when the first ride starts at %s CST on the 1st',
    async (time) => {
      const { token } = await api.login(`rider-${time.replace(':', '')}`);
      const first = await submitted(token, ride(`2026-11-01T${time}:00`), ['settled']);
      expect(first).toMatchObject({ grams: '677', capApplied: null });
      const second = await submitted(token, ride('2026-11-01T20:00:00'), ['settled']);
      expect(second).toMatchObject({ grams: '677', capApplied: null });
      // A ride the evening before is another day: it neither counts nor is cut.
      const dayBefore = await submitted(token, ride('2026-10-31T22:30:00'), ['settled']);
      expect(dayBefore).toMatchObject({ grams: '677', capApplied: null });

      const third = await submitted(token, ride('2026-11-01T21:30:00'), ['settled']);
      expect(third).toMatchObject({
        requestedGrams: '677',
        grams: '146',
        points: '146',
        capApplied: 'perDay',
      });
      expect(await account(token)).toMatchObject({ grams: String(677 * 3 + 146) });

      // The audit shows what the cut was computed from: the day, its limit, and which actions used it.
      const result = await audit(third.id);
      expect(result).toMatchObject({ requestedGrams: '677', grams: '146' });
      expect(result.capUsage).toEqual({
        cap: 'perDay',
        period: '2026-11-01',
        from: '2026-10-31T16:00:00.000Z',
        to: '2026-11-01T16:00:00.000Z',
        limitGrams: '1500',
        creditedGrams: '1354',
        actionIds: [first.id, second.id],
      });
      const [trace] = await env.query<{ usage: CapUsageRecord }>(
        `SELECT step -> 'usage' AS usage FROM actions, jsonb_array_elements(trace) step
         WHERE id = $1 AND step ->> 'step' = 'cap.perDay'`,
        [third.id],
      );
      expect(trace.usage).toEqual(result.capUsage);
    },
  );

  it.each(['00:00', '07:59', '08:00', '15:59'])(
    'holds the 108,000 g monthly clothes cap when the first drop-off is at %s CST on the 1st',
    async (time) => {
      const { token } = await api.login(`recycler-${time.replace(':', '')}`);
      const dropOff = (weightG: number, at: string, receipt: string) => ({
        methodology: 'clothes-recycling',
        data: { weightG, droppedAt: cst(at), receiptId: `R-${time.replace(':', '')}-${receipt}` },
      });
      // 20 kg × 3.6 = 72,000 g, reviewed, approved and settled on its own.
      const first = await submitted(token, dropOff(20_000, `2026-11-01T${time}:00`, '1'), ['review']);
      expect(first).toMatchObject({ grams: '72000', capApplied: null });
      expect(await approvedAndSettled(token, first.id)).toMatchObject({ grams: '72000' });

      // 15 kg × 3.6 = 54,000 g asked; 108,000 − 72,000 = 36,000 g left in November.
      const second = await submitted(token, dropOff(15_000, '2026-11-20T10:00:00', '2'), ['review']);
      expect(second).toMatchObject({ requestedGrams: '54000', grams: '36000', capApplied: 'perMonth' });
      expect((await audit(second.id)).capUsage).toEqual({
        cap: 'perMonth',
        period: '2026-11',
        from: '2026-10-31T16:00:00.000Z',
        to: '2026-11-30T16:00:00.000Z',
        limitGrams: '108000',
        creditedGrams: '72000',
        actionIds: [first.id],
      });
      expect(await approvedAndSettled(token, second.id)).toMatchObject({ grams: '36000', points: '36000' });
      expect(await account(token)).toMatchObject({ grams: '108000', points: '108000' });
    },
  );

  it('shows a rejected review item with nothing credited, to the citizen and in the export', async () => {
    const { token } = await api.login('refused-recycler');
    const action = await submitted(
      token,
      {
        methodology: 'clothes-recycling',
        data: { weightG: 5_000, droppedAt: cst('2026-11-05T09:00:00'), receiptId: 'R-REFUSED-1' },
      },
      ['review'],
    );
    expect(action).toMatchObject({ grams: '18000', points: '18000' });
    const rejection = await api.request('POST', `/admin/v1/reviews/${action.id}/reject`, {
      token: admin,
      body: { reason: 'EVIDENCE_INSUFFICIENT' },
    });
    expect(rejection.status).toBe(200);

    expect(await view(token, action.id)).toMatchObject({
      status: 'rejected',
      requestedGrams: '18000',
      grams: null,
      points: null,
    });
    const exported = await api.request<{
      actions: { id: string; grams: string | null; points: string | null }[];
    }>('GET', '/v1/me/export', { token });
    expect(exported.body.actions.find((a) => a.id === action.id)).toMatchObject({
      grams: null,
      points: null,
    });
    expect(await account(token)).toMatchObject({ grams: '0', points: '0' });
    // A rejected item no longer counts toward the month's cap either.
    const next = await submitted(
      token,
      {
        methodology: 'clothes-recycling',
        data: { weightG: 30_000, droppedAt: cst('2026-11-06T09:00:00'), receiptId: 'R-REFUSED-2' },
      },
      ['review'],
    );
    expect(next).toMatchObject({ grams: '108000', capApplied: null });
  });

  it('reads a campaign given as dates or local times as China time, not the server or database zone', async () => {
    const create = (startsAt: string, endsAt: string) =>
      api.request<{ startsAt: string; endsAt: string }>('POST', '/admin/v1/campaigns', {
        token: admin,
        body: { name: '全国低碳日', methodologies: ['cycling'], startsAt, endsAt, multiplier: '2' },
      });
    for (const [startsAt, endsAt] of [
      ['2026-06-15', '2026-06-16'],
      ['2026-06-15T00:00:00', '2026-06-16T00:00'],
      ['2026-06-15T00:00:00+08:00', '2026-06-15T16:00:00Z'],
    ]) {
      expect(await create(startsAt, endsAt)).toMatchObject({
        status: 201,
        body: { startsAt: '2026-06-14T16:00:00.000Z', endsAt: '2026-06-15T16:00:00.000Z' },
      });
    }
    expect(await create('2026-06-15', '2026-06-15')).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED' },
    });
  });
});
