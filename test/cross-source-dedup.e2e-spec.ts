import { reconcile } from '@app/ledger';
import { rebuildReportRollups } from '@app/persistence';
import { randomUUID } from 'node:crypto';
import type { TestEnvironment } from './support/environment.js';
import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { idempotencyKey } from './support/trips.js';
import { DataSource } from 'typeorm';

/**
 * The same real-world event reported by a citizen and pushed by a partner is credited once, the
 * partner's verified record winning. Partner pushes arrive through the partner API (a later issue);
 * here they are written to the inbox directly, exactly as that API will write them.
 */
describe('cross-source de-duplication', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;

  beforeAll(async () => {
    // A fast sweeper picks up the rows written straight into the inbox.
    stack = await TestStack.start({ workerEnv: { SWEEP_INTERVAL_MS: '100', SWEEP_STALE_AFTER_MS: '0' } });
    ({ env, api } = stack);
  });

  afterAll(() => stack?.stop());

  const HOUR = 3_600_000;
  const iso = (ms: number) => new Date(ms).toISOString();

  async function partnerPush(
    citizenId: string,
    methodology: string,
    data: Record<string, unknown>,
    occurredAt: string,
    interval?: [string, string],
  ) {
    const [{ id }] = await env.query<{ id: string }>(
      `INSERT INTO actions (citizen_id, district_code, methodology_id, source, idempotency_scope, idempotency_key, request_hash,
                            payload, occurred_at, interval_start, interval_end)
       VALUES ($1, '370102', $2, 'partner:bikeshare-demo', 'partner:bikeshare-demo', $3, repeat('0', 64), $4, $5, $6, $7)
       RETURNING id`,
      [
        citizenId,
        methodology,
        randomUUID(),
        JSON.stringify(data),
        occurredAt,
        interval?.[0] ?? null,
        interval?.[1] ?? null,
      ],
    );
    return id;
  }
  const status = (id: string) =>
    eventually(async () => {
      const [row] = await env.query<{
        status: string;
        reason_code: string | null;
        grams: string | null;
        superseded_by: string | null;
      }>(`SELECT status, reason_code, grams, superseded_by FROM actions WHERE id = $1`, [id]);
      return ['settled', 'rejected', 'review'].includes(row.status) ? row : undefined;
    });

  it('a partner trip after a settled self-reported one replaces it: only the difference is posted', async () => {
    const { token, citizenId } = await api.login('dual-source');
    const start = Date.now() - 6 * HOUR;
    const self = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: {
        methodology: 'cycling',
        data: { mode: 'bike', distanceM: 5000, startedAt: iso(start), endedAt: iso(start + 20 * 60_000) },
      },
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(await status(self.body.id)).toMatchObject({ status: 'settled', grams: '169' });

    // The operator's record of the same ride: 5.2 km, a minute later on both ends.
    const partner = await partnerPush(
      citizenId,
      'cycling',
      { mode: 'bike', distanceM: 5200, startedAt: iso(start + 60_000), endedAt: iso(start + 21 * 60_000) },
      iso(start + 60_000),
      [iso(start + 60_000), iso(start + 21 * 60_000)],
    );
    expect(await status(partner)).toMatchObject({ status: 'settled', grams: '176' });
    expect(await status(self.body.id)).toMatchObject({ status: 'settled', superseded_by: partner });
    expect(await env.balances(citizenId)).toMatchObject({ citizen_carbon: '176', citizen_points: '176' });
    const [posting] = await env.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM ledger_postings WHERE cause_id = $1`,
      [partner],
    );
    expect(posting.details).toMatchObject({ supersedes: [self.body.id], netGrams: '7', netPoints: '7' });
  });

  it('a self-reported trip overlapping a partner-verified one is rejected', async () => {
    const { token, citizenId } = await api.login('partner-first');
    const start = Date.now() - 8 * HOUR;
    const partner = await partnerPush(
      citizenId,
      'cycling',
      { mode: 'bike', distanceM: 3000, startedAt: iso(start), endedAt: iso(start + 15 * 60_000) },
      iso(start),
      [iso(start), iso(start + 15 * 60_000)],
    );
    expect(await status(partner)).toMatchObject({ status: 'settled', grams: '101' });
    const self = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: {
        methodology: 'cycling',
        data: {
          mode: 'bike',
          distanceM: 3500,
          startedAt: iso(start + 60_000),
          endedAt: iso(start + 16 * 60_000),
        },
      },
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(await status(self.body.id)).toMatchObject({ status: 'rejected', reason_code: 'TRIP_OVERLAP' });
    expect(await env.balances(citizenId)).toMatchObject({ citizen_carbon: '101', citizen_points: '101' });
  });

  it('a partner record of an event held for review supersedes it before anything is credited', async () => {
    const { token, citizenId } = await api.login('kiosk-user');
    const droppedAt = iso(Date.now() - 30 * HOUR);
    const self = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: {
        methodology: 'clothes-recycling',
        data: { weightG: 2000, droppedAt, receiptId: 'KIOSK-7-000123' },
      },
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(self.status).toBe(202);
    expect(await status(self.body.id)).toMatchObject({ status: 'review', grams: '7200' });

    const partner = await partnerPush(
      citizenId,
      'clothes-recycling',
      { weightG: 1850, droppedAt, receiptId: 'kiosk-7-000123' },
      droppedAt,
    );
    expect(await status(partner)).toMatchObject({ status: 'settled', grams: '6660' });
    expect(await status(self.body.id)).toMatchObject({
      status: 'rejected',
      reason_code: 'SUPERSEDED',
      superseded_by: partner,
      grams: null,
    });
    // Nothing was credited for the replaced report, and the citizen is not told otherwise.
    expect((await api.request('GET', `/v1/me/actions/${self.body.id}`, { token })).body).toMatchObject({
      status: 'rejected',
      requestedGrams: '7200',
      grams: null,
      points: null,
    });
    expect(await env.balances(citizenId)).toMatchObject({ citizen_carbon: '6660', citizen_points: '6660' });

    const again = await partnerPush(
      citizenId,
      'clothes-recycling',
      { weightG: 1850, droppedAt, receiptId: 'KIOSK-7-000123' },
      droppedAt,
    );
    expect(await status(again)).toMatchObject({ status: 'rejected', reason_code: 'DUPLICATE_EVENT' });
  });

  it('gives back the difference when the verified record is smaller, never below what the citizen still has', async () => {
    const { token, citizenId } = await api.login('over-reporter');
    const start = Date.now() - 10 * HOUR;
    const self = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: {
        methodology: 'cycling',
        data: { mode: 'bike', distanceM: 9000, startedAt: iso(start), endedAt: iso(start + 40 * 60_000) },
      },
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(await status(self.body.id)).toMatchObject({ status: 'settled', grams: '304' });
    const partner = await partnerPush(
      citizenId,
      'cycling',
      { mode: 'bike', distanceM: 6000, startedAt: iso(start), endedAt: iso(start + 40 * 60_000) },
      iso(start),
      [iso(start), iso(start + 40 * 60_000)],
    );
    expect(await status(partner)).toMatchObject({ status: 'settled', grams: '203' });
    expect(await env.balances(citizenId)).toMatchObject({ citizen_carbon: '203', citizen_points: '203' });
    const [{ grams, points }] = await env.query<{ grams: string; points: string }>(
      `SELECT sum(balance) FILTER (WHERE asset = 'CO2E_G') AS grams, sum(balance) FILTER (WHERE asset = 'POINTS') AS points FROM accounts`,
    );
    expect({ grams, points }).toEqual({ grams: '0', points: '0' });
  });

  it('records on the posting what the citizen cannot give back, having spent it (the settlement shortfall)', async () => {
    const { token, citizenId } = await api.login('spent-it-already');
    const start = Date.now() - 12 * HOUR;
    const self = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: {
        methodology: 'cycling',
        data: { mode: 'bike', distanceM: 9000, startedAt: iso(start), endedAt: iso(start + 40 * 60_000) },
      },
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(await status(self.body.id)).toMatchObject({ status: 'settled', grams: '304' });
    // 250 of the 304 points are spent: 54 are left.
    const donation = await api.request('POST', '/v1/donations', {
      token,
      body: { target: 'charity', points: '250' },
      headers: { 'idempotency-key': idempotencyKey('donation') },
    });
    expect(donation.status).toBe(201);
    expect(await env.balances(citizenId)).toMatchObject({ citizen_points: '54' });

    // The verified record is 203 g: 101 points to give back, of which the citizen has 54.
    const partner = await partnerPush(
      citizenId,
      'cycling',
      { mode: 'bike', distanceM: 6000, startedAt: iso(start), endedAt: iso(start + 40 * 60_000) },
      iso(start),
      [iso(start), iso(start + 40 * 60_000)],
    );
    expect(await status(partner)).toMatchObject({ status: 'settled', grams: '203' });
    const [posting] = await env.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM ledger_postings WHERE cause_id = $1`,
      [partner],
    );
    expect(posting.details).toMatchObject({
      supersedes: [self.body.id],
      netGrams: '-101',
      netPoints: '-54',
      pointsShortfall: '47',
    });
    expect(await env.balances(citizenId)).toMatchObject({ citizen_carbon: '203', citizen_points: '0' });
    const [lots] = await env.query<{ remaining: string }>(
      `SELECT sum(remaining)::text AS remaining FROM points_lots WHERE citizen_id = $1`,
      [citizenId],
    );
    expect(lots.remaining).toBe('0');
  });

  it('reports count a replaced event once, agreeing with the pools, and a rebuild gives the same', async () => {
    const dataSource = api.app.get(DataSource);
    const reported = () =>
      env.query<{ actions: string; grams: string }>(
        `SELECT sum(actions)::text AS actions, sum(grams)::text AS grams FROM (
           SELECT actions, grams FROM report_action_days UNION ALL SELECT actions, grams FROM report_action_deltas) r`,
      );
    const [pools] = await env.query<{ grams: string }>(
      `SELECT (-sum(balance))::text AS grams FROM accounts WHERE kind = 'reduction_pool'`,
    );
    const [events] = await env.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM actions a WHERE status = 'settled'
         AND NOT EXISTS (SELECT 1 FROM actions r WHERE r.id = a.superseded_by AND r.status = 'settled')`,
    );
    const [incremental] = await reported();
    expect(incremental).toEqual({ actions: events.n, grams: pools.grams });
    expect((await reconcile(dataSource.manager)).violations).toEqual([]);
    await rebuildReportRollups(dataSource);
    expect(await reported()).toEqual([incremental]);
  });
});
