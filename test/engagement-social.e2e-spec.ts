import { LeaderboardScoresRepository } from '@app/persistence';
import { LeaderboardStore } from '@app/queues';
import type { INestApplicationContext } from '@nestjs/common';
import { LeaderboardRebuildService } from '../apps/worker/src/engagement/leaderboard-rebuild.service.js';
import type { TestEnvironment } from './support/environment.js';
import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { cyclingTrip, idempotencyKey } from './support/trips.js';

interface BoardView {
  items: {
    rank: number;
    displayName: string;
    anonymous: boolean;
    grams: string;
    isYou: boolean;
    citizenId?: string;
  }[];
  you: { rank: number | null; grams: string };
}

describe('citizen engagement: friends and leaderboards', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    stack = await TestStack.start();
    ({ env, api, worker } = stack);
  });

  afterAll(() => stack?.stop());

  /** Submits a trip and waits until it is settled and on the boards. */
  async function ride(token: string, distanceM: number, startsMinutesAgo = 120): Promise<void> {
    const submit = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: cyclingTrip(distanceM, 20, { startsMinutesAgo }),
      headers: { 'idempotency-key': idempotencyKey('ride') },
    });
    expect(submit.status).toBe(202);
    await eventually(async () => {
      const { body } = await api.request<{ status: string }>('GET', `/v1/me/actions/${submit.body.id}`, {
        token,
      });
      return body.status === 'settled' ? true : undefined;
    });
    // Boards are updated just after settlement commits: wait until the rider's own entry shows it.
    const account = await api.request<{ grams: string }>('GET', '/v1/me/account', { token });
    await eventually(async () => {
      const own = (await board(token, 'all', 'district')).body.items.find((item) => item.isYou);
      return own?.grams === account.body.grams ? true : undefined;
    });
  }

  async function befriend(a: { token: string }, b: { token: string }): Promise<void> {
    const invite = await api.request<{ code: string }>('POST', '/v1/me/friends/invites', { token: a.token });
    expect(invite.status).toBe(201);
    const accepted = await api.request('POST', '/v1/me/friends', {
      token: b.token,
      body: { code: invite.body.code },
    });
    expect(accepted.status).toBe(201);
  }

  const board = (token: string, period: string, scope: string) =>
    api.request<BoardView>('GET', `/v1/leaderboards?period=${period}&scope=${scope}`, { token });

  it('shows two friends to each other on the friends board, and nothing of them to a third citizen', async () => {
    const ann = await api.login('ann', '370103');
    const ben = await api.login('ben', '370103');
    const eve = await api.login('eve', '370103');
    const named = await api.request('PATCH', '/v1/me/profile', {
      token: ann.token,
      body: { nickname: '安安' },
    });
    expect(named.status).toBe(200);
    await befriend(ann, ben);
    await ride(ann.token, 5000);
    await ride(ben.token, 3000);
    await ride(eve.token, 8000);

    for (const period of ['week', 'all']) {
      const seenByBen = await board(ben.token, period, 'friends');
      expect(seenByBen.status).toBe(200);
      expect(seenByBen.body.items).toEqual([
        {
          rank: 1,
          displayName: '安安',
          anonymous: false,
          grams: '169',
          isYou: false,
          citizenId: ann.citizenId,
        },
        {
          rank: 2,
          displayName: '匿名用户',
          anonymous: true,
          grams: '101',
          isYou: true,
          citizenId: ben.citizenId,
        },
      ]);
      expect(seenByBen.body.you).toEqual({ rank: 2, grams: '101' });
    }

    // Eve's friends board has only herself; Ann and Ben are not there.
    const seenByEve = await board(eve.token, 'all', 'friends');
    expect(seenByEve.body.items.map((i) => i.citizenId)).toEqual([eve.citizenId]);

    // A friend's card: nickname, totals, badges, and no trips; a non-friend gets 404 whether or not they exist.
    const card = await api.request('GET', `/v1/friends/${ann.citizenId}`, { token: ben.token });
    expect(card.status).toBe(200);
    expect(card.body).toEqual({
      citizenId: ann.citizenId,
      displayName: '安安',
      anonymous: false,
      grams: '169',
      badges: [],
    });
    for (const target of [ann.citizenId, ben.citizenId, '00000000-0000-4000-8000-000000000000']) {
      const seen = await api.request<{ code: string }>('GET', `/v1/friends/${target}`, { token: eve.token });
      expect(seen.status).toBe(404);
      expect(seen.body.code).toBe('FRIEND_NOT_FOUND');
    }
    // On the district board Eve sees ranks, names and grams, never who they are or what they did.
    const district = await board(eve.token, 'all', 'district');
    expect(district.body.items.map((i) => [i.grams, i.isYou, i.citizenId ?? null])).toEqual([
      ['271', true, eve.citizenId],
      ['169', false, null],
      ['101', false, null],
    ]);

    // Removing a friend ends the visibility both ways.
    expect(
      (await api.request('POST', `/v1/me/friends/${ben.citizenId}/remove`, { token: ann.token })).status,
    ).toBe(204);
    expect((await api.request('GET', `/v1/friends/${ann.citizenId}`, { token: ben.token })).status).toBe(404);
    expect((await board(ben.token, 'all', 'friends')).body.items).toHaveLength(1);
    // Removing again (no friendship left) is a 404 with its code, not a silent 204.
    const again = await api.request<{ code: string }>('POST', `/v1/me/friends/${ben.citizenId}/remove`, {
      token: ann.token,
    });
    expect([again.status, again.body.code]).toEqual([404, 'FRIEND_NOT_FOUND']);
  });

  it('orders by grams, ties by citizen id, and is identical after a rebuild from Postgres', async () => {
    const district = '370104';
    const riders = await Promise.all(['tie-a', 'tie-b', 'tie-c', 'top'].map((n) => api.login(n, district)));
    await ride(riders[0].token, 5000);
    await ride(riders[1].token, 5000);
    await ride(riders[2].token, 5000);
    await ride(riders[3].token, 8000);
    const view = await board(riders[0].token, 'all', 'district');
    const tied = riders
      .slice(0, 3)
      .map((r) => r.citizenId)
      .sort();
    expect(view.body.items.map((i) => i.grams)).toEqual(['271', '169', '169', '169']);
    expect(view.body.items.map((i) => i.rank)).toEqual([1, 2, 3, 4]);
    const own = view.body.items.find((i) => i.isYou)!;
    expect(own.rank).toBe(2 + tied.indexOf(riders[0].citizenId));
    expect(view.body.you.rank).toBe(own.rank);

    const store = worker.get(LeaderboardStore);
    const before = await store.dump();
    expect(Object.keys(before).length).toBeGreaterThan(0);
    expect(before[`all:d:${district}`].filter((_, i) => i % 2 === 0).slice(1)).toEqual(tied);

    // Drop every board, as a Redis flush would, and rebuild from the ledger.
    await env.flushQueueKeys();
    expect(await store.dump()).toEqual({});
    expect((await board(riders[0].token, 'all', 'district')).body.items).toEqual([]);
    await worker.get(LeaderboardRebuildService).run();
    expect(await store.dump()).toEqual(before);
    // A second rebuild over live boards changes nothing either.
    await store.rebuild(worker.get(LeaderboardScoresRepository));
    expect(await store.dump()).toEqual(before);
    expect((await board(riders[0].token, 'all', 'district')).body).toEqual(view.body);
  });

  it('refuses an unknown, used or own invite code', async () => {
    const a = await api.login('inviter');
    const b = await api.login('invitee');
    const invite = await api.request<{ code: string }>('POST', '/v1/me/friends/invites', { token: a.token });
    const own = await api.request<{ code: string }>('POST', '/v1/me/friends', {
      token: a.token,
      body: { code: invite.body.code },
    });
    expect([own.status, own.body.code]).toEqual([422, 'FRIEND_OF_SELF']);
    expect(
      (await api.request('POST', '/v1/me/friends', { token: b.token, body: { code: invite.body.code } }))
        .status,
    ).toBe(201);
    const again = await api.request<{ code: string }>('POST', '/v1/me/friends', {
      token: b.token,
      body: { code: invite.body.code },
    });
    expect([again.status, again.body.code]).toEqual([404, 'FRIEND_INVITE_INVALID']);
    const bad = await api.request<{ code: string }>('POST', '/v1/me/friends', {
      token: b.token,
      body: { code: 'x', extra: 1 },
    });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await env.query(`SELECT 1 FROM friendships WHERE citizen_id = $1`, [b.citizenId])).toHaveLength(1);
  });
});
