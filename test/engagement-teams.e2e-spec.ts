import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { cyclingTrip, idempotencyKey } from './support/trips.js';

interface TeamView {
  id: string;
  inviteCode: string;
  members: number;
  challenge: { month: string; targetGrams: string; grams: string; percent: number; reached: boolean } | null;
}

describe('teams and their monthly challenge', () => {
  let stack: TestStack;
  let api: ApiUnderTest;

  beforeAll(async () => {
    stack = await TestStack.start();
    api = stack.api;
  });

  afterAll(() => stack?.stop());

  async function ride(token: string) {
    const submit = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: cyclingTrip(5000, 20, { startsMinutesAgo: 30 }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    await eventually(async () =>
      (await api.request<{ status: string }>('GET', `/v1/me/actions/${submit.body.id}`, { token })).body
        .status === 'settled'
        ? true
        : undefined,
    );
  }

  it('counts members’ grams toward the target, for members only', async () => {
    const captain = await api.login('team-captain');
    const member = await api.login('team-member');
    const outsider = await api.login('team-outsider');

    const team = await api.request<TeamView>('POST', '/v1/teams', {
      token: captain.token,
      body: { name: '文化东路社区', kind: 'community' },
    });
    expect(team.status).toBe(201);
    expect(
      await api.request('POST', '/v1/teams/join', { token: member.token, body: { code: 'NOSUCHCODE' } }),
    ).toMatchObject({ status: 404, body: { code: 'TEAM_CODE_INVALID' } });
    expect(
      await api.request('POST', '/v1/teams/join', {
        token: member.token,
        body: { code: team.body.inviteCode },
      }),
    ).toMatchObject({ status: 200 });

    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const challenge = await api.request<TeamView>('POST', `/v1/teams/${team.body.id}/challenges`, {
      token: captain.token,
      body: { month, targetGrams: '300' },
    });
    expect(challenge.status).toBe(201);
    expect(challenge.body).toMatchObject({
      members: 2,
      challenge: { month, targetGrams: '300', grams: '0', reached: false },
    });
    expect(
      await api.request('POST', `/v1/teams/${team.body.id}/challenges`, {
        token: captain.token,
        body: { month, targetGrams: '500' },
      }),
    ).toMatchObject({
      status: 409,
      body: { code: 'CHALLENGE_EXISTS' },
    });
    expect(
      await api.request('POST', `/v1/teams/${team.body.id}/challenges`, {
        token: outsider.token,
        body: { month, targetGrams: '1' },
      }),
    ).toMatchObject({
      status: 403,
      body: { code: 'NOT_TEAM_MEMBER' },
    });

    await ride(captain.token);
    const halfway = await api.request<TeamView[]>('GET', '/v1/me/teams', { token: member.token });
    expect(halfway.body[0].challenge).toMatchObject({ grams: '169', percent: 56, reached: false });

    await ride(member.token);
    await ride(outsider.token);
    const done = await api.request<TeamView[]>('GET', '/v1/me/teams', { token: captain.token });
    expect(done.body[0].challenge).toMatchObject({ grams: '338', percent: 100, reached: true });
    expect((await api.request<TeamView[]>('GET', '/v1/me/teams', { token: outsider.token })).body).toEqual(
      [],
    );

    expect(
      (await api.request('POST', `/v1/teams/${team.body.id}/leave`, { token: member.token })).status,
    ).toBeLessThan(300);
    expect((await api.request<TeamView[]>('GET', '/v1/me/teams', { token: member.token })).body).toEqual([]);
    // Leaving a team one is not in is refused with its code, not a silent success.
    const again = await api.request<{ code: string }>('POST', `/v1/teams/${team.body.id}/leave`, {
      token: member.token,
    });
    expect([again.status, again.body.code]).toEqual([403, 'NOT_TEAM_MEMBER']);
    expect(
      (await api.request<TeamView[]>('GET', '/v1/me/teams', { token: captain.token })).body[0],
    ).toMatchObject({ members: 1 });
  });
});
