import { randomUUID } from 'node:crypto';
import type { TestEnvironment } from './support/environment.js';
import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { idempotencyKey } from './support/trips.js';

/**
 * A verified record smaller than the citizen's own report gives back the difference in points, but
 * spent points are not clawed back: the balance stops at zero and the posting records the shortfall
 * (the worker's settlement, end to end; the rule itself is libs/ledger's settlementShortfalls).
 */
describe('settlement shortfall', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;

  beforeAll(async () => {
    // A fast sweeper picks up the partner row written straight into the inbox.
    stack = await TestStack.start({ workerEnv: { SWEEP_INTERVAL_MS: '100', SWEEP_STALE_AFTER_MS: '0' } });
    ({ env, api } = stack);
  });

  afterAll(() => stack?.stop());

  const HOUR = 3_600_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const settled = (id: string) =>
    eventually(async () => {
      const [row] = await env.query<{ status: string; grams: string | null; points: string | null }>(
        `SELECT status, grams, points FROM actions WHERE id = $1`,
        [id],
      );
      return ['settled', 'rejected', 'review'].includes(row.status) ? row : undefined;
    });

  it('gives back only what the citizen still has and records the rest on the posting', async () => {
    const { token, citizenId } = await api.login('spent-it-already');
    const start = Date.now() - 10 * HOUR;
    const self = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: {
        methodology: 'cycling',
        data: { mode: 'bike', distanceM: 9000, startedAt: iso(start), endedAt: iso(start + 40 * 60_000) },
      },
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(await settled(self.body.id)).toMatchObject({ status: 'settled', grams: '304', points: '304' });

    // 250 of the 304 points are spent: 54 are left.
    const donation = await api.request('POST', '/v1/donations', {
      token,
      body: { target: 'charity', points: '250' },
      headers: { 'idempotency-key': idempotencyKey('donation') },
    });
    expect(donation.status).toBe(201);
    expect(await env.balances(citizenId)).toMatchObject({ citizen_points: '54' });

    // The operator's record of the same ride is 6 km (203 g): 101 points to give back, 54 to give.
    const [{ id: partner }] = await env.query<{ id: string }>(
      `INSERT INTO actions (citizen_id, district_code, methodology_id, source, idempotency_scope, idempotency_key, request_hash,
                            payload, occurred_at, interval_start, interval_end)
       VALUES ($1, '370102', 'cycling', 'partner:bikeshare-demo', 'partner:bikeshare-demo', $2, repeat('0', 64), $3, $4, $4, $5)
       RETURNING id`,
      [
        citizenId,
        randomUUID(),
        JSON.stringify({
          mode: 'bike',
          distanceM: 6000,
          startedAt: iso(start),
          endedAt: iso(start + 40 * 60_000),
        }),
        iso(start),
        iso(start + 40 * 60_000),
      ],
    );
    expect(await settled(partner)).toMatchObject({ status: 'settled', grams: '203', points: '203' });

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
    // The lots agree with the balance: nothing is left in them.
    const [lots] = await env.query<{ remaining: string }>(
      `SELECT sum(remaining)::text AS remaining FROM points_lots WHERE citizen_id = $1`,
      [citizenId],
    );
    expect(lots.remaining).toBe('0');
    const [{ points }] = await env.query<{ points: string }>(
      `SELECT sum(balance) FILTER (WHERE asset = 'POINTS') AS points FROM accounts`,
    );
    expect(points).toBe('0');
  });
});
