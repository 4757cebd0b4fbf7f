import type { INestApplicationContext } from '@nestjs/common';
import { BadgeAwarder } from '../apps/worker/src/engagement/badge-awarder.js';
import type { TestEnvironment } from './support/environment.js';
import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { cyclingTrip, idempotencyKey } from './support/trips.js';

interface TimelineItem {
  reason: string;
  grams: string;
  points: string;
  explanation: string[];
  action?: { methodology: string; methodologyVersion: number };
}

describe('citizen engagement: streak badges, timeline, nudges', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let workers: INestApplicationContext[];

  beforeAll(async () => {
    // Two workers settle concurrently, as in production.
    stack = await TestStack.start({ workers: 2 });
    ({ env, api, workers } = stack);
  });

  afterAll(() => stack?.stop());

  it('awards the 7-day streak badge exactly once, however many workers evaluate it at once', async () => {
    const { token, citizenId } = await api.login('streaker');
    const ids: string[] = [];
    // One 5 km ride a day for the last seven days (days 6 … 0 ago), submitted together.
    const submits = await Promise.all(
      [6, 5, 4, 3, 2, 1, 0].map((daysAgo) =>
        api.request<{ id: string }>('POST', '/v1/actions', {
          token,
          body: cyclingTrip(5000, 20, { startsMinutesAgo: daysAgo * 1440 + 60 }),
          headers: { 'idempotency-key': idempotencyKey(`day-${daysAgo}`) },
        }),
      ),
    );
    for (const s of submits) {
      expect(s.status).toBe(202);
      ids.push(s.body.id);
    }
    await eventually(async () => {
      const rows = await env.query(
        `SELECT 1 FROM actions WHERE id = ANY($1::uuid[]) AND status = 'settled'`,
        [ids],
      );
      return rows.length === 7 ? true : undefined;
    });
    await eventually(async () => {
      const rows = await env.query(`SELECT 1 FROM citizen_badges WHERE citizen_id = $1`, [citizenId]);
      return rows.length ? true : undefined;
    });

    // Both workers re-evaluate many times at once: still one award.
    const again = await Promise.all(
      Array.from({ length: 10 }, (_, i) => workers[i % 2].get(BadgeAwarder).awardFor([citizenId])),
    );
    expect(again.flat()).toEqual([]);
    const badges = await env.query<{ badge_id: string; evidence: { days: number } }>(
      `SELECT badge_id, evidence FROM citizen_badges WHERE citizen_id = $1`,
      [citizenId],
    );
    expect(badges).toEqual([
      { badge_id: 'green-trips-7-days', evidence: expect.objectContaining({ days: 7 }) },
    ]);

    const profile = await api.request<{ badges: { id: string }[]; grams: string }>('GET', '/v1/me/profile', {
      token,
    });
    expect(profile.body.badges.map((b) => b.id)).toEqual(['green-trips-7-days']);
    expect(profile.body.grams).toBe(String(7 * 169));

    // The timeline explains every points change: one item per settled trip, with version and factor.
    const timeline = await api.request<{ items: TimelineItem[]; nextCursor: string | null }>(
      'GET',
      '/v1/me/timeline?limit=100',
      { token },
    );
    expect(timeline.status).toBe(200);
    expect(timeline.body.items).toHaveLength(7);
    for (const item of timeline.body.items) {
      expect(item).toMatchObject({
        reason: 'ACTION_SETTLED',
        grams: '169',
        points: '169',
        action: { methodology: 'cycling', methodologyVersion: 2 },
      });
      expect(item.explanation).toEqual(
        expect.arrayContaining([
          expect.stringContaining('quantified with methodology cycling version 2'),
          expect.stringMatching(/^factor 33\.88 /),
          'calculation: floor(5000 m / 1000 × 33.88) = 169 g',
          '+169 g CO2e, +169 points',
        ]),
      );
    }
    // Every points entry in the ledger is covered by a timeline item.
    const ledger = await api.request<{ items: { account: string }[] }>('GET', '/v1/me/ledger?limit=100', {
      token,
    });
    expect(ledger.body.items.filter((e) => e.account === 'points')).toHaveLength(timeline.body.items.length);

    const nudges = await api.request<{
      greenTripStreakDays: number;
      untried: { methodology: string; estimate: { grams: string } | null }[];
    }>('GET', '/v1/me/nudges', { token });
    expect(nudges.status).toBe(200);
    expect(nudges.body.greenTripStreakDays).toBe(7);
    const untried = Object.fromEntries(nudges.body.untried.map((u) => [u.methodology, u.estimate?.grams]));
    expect(untried.cycling).toBeUndefined();
    // Estimated with the version in force now: Shandong's bus@2 and metro@2.
    expect(untried.bus).toBe('75');
    expect(untried.metro).toBe('183');

    const summary = await api.request<{ grams: string; equivalents: { id: string; source: string }[] }>(
      'GET',
      `/v1/me/summary?year=${new Date(Date.now() + 8 * 3_600_000).getUTCFullYear()}`,
      { token },
    );
    expect(summary.status).toBe(200);
    expect(BigInt(summary.body.grams)).toBeGreaterThan(0n);
    expect(summary.body.equivalents.map((e) => e.id)).toEqual(['tree-years', 'car-km', 'grid-kwh']);

    const expiring = await api.request<{ points: string; withinDays: number }>(
      'GET',
      '/v1/me/points/expiring',
      {
        token,
      },
    );
    expect(expiring.body.withinDays).toBe(30);
  });

  it('gives no streak badge for six days', async () => {
    const { token, citizenId } = await api.login('six-days');
    const submits = await Promise.all(
      [5, 4, 3, 2, 1, 0].map((daysAgo) =>
        api.request<{ id: string }>('POST', '/v1/actions', {
          token,
          body: cyclingTrip(5000, 20, { startsMinutesAgo: daysAgo * 1440 + 60 }),
          headers: { 'idempotency-key': idempotencyKey(`six-${daysAgo}`) },
        }),
      ),
    );
    await eventually(async () => {
      const rows = await env.query(
        `SELECT 1 FROM actions WHERE id = ANY($1::uuid[]) AND status = 'settled'`,
        [submits.map((s) => s.body.id)],
      );
      return rows.length === 6 ? true : undefined;
    });
    expect(await workers[0].get(BadgeAwarder).awardFor([citizenId])).toEqual([]);
    expect(await env.query(`SELECT 1 FROM citizen_badges WHERE citizen_id = $1`, [citizenId])).toEqual([]);
  });
});
