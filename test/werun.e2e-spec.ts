import { randomBytes } from 'node:crypto';
import { loadConfig } from '@app/config';
import { openSecret } from '@app/persistence';
import { TestEnvironment } from './support/environment.js';
import { ApiUnderTest, eventually } from './support/services.js';
import { TestStack } from './support/stack.js';

const JWT_SECRET = 'werun-test-jwt-secret-of-at-least-32-chars';
const DAY_MS = 86_400_000;
/** The China-time calendar day `offset` days from today. */
const chinaDay = (offset: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offset * DAY_MS).toISOString().slice(0, 10);

type DayResult = {
  date: string;
  steps: number;
  status: string;
  actionId: string | null;
  reason: string | null;
};

/**
 * 微信运动 steps through the real decryption path: the development adapter gives every login a real
 * session key, the sample route encrypts with it as WeChat's client would, and POST /v1/me/werun
 * decrypts, records walking actions from the trusted WeRun source, and replaces re-sent days.
 */
describe('WeRun steps', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;

  beforeAll(async () => {
    stack = await TestStack.start({ apiEnv: { JWT_SECRET } });
    ({ env, api } = stack);
  });

  afterAll(() => stack?.stop());

  async function werunData(token: string, days: { date: string; steps: number }[], appId?: string) {
    const sample = await api.request<{ encryptedData: string; iv: string }>('POST', '/v1/dev/werun-sample', {
      token,
      body: { days, ...(appId ? { appId } : {}) },
    });
    expect(sample.status).toBe(200);
    return sample.body;
  }

  async function sync(token: string, days: { date: string; steps: number }[]) {
    const response = await api.request<{ days: DayResult[] }>('POST', '/v1/me/werun', {
      token,
      body: await werunData(token, days),
    });
    expect(response.status).toBe(200);
    return response.body.days;
  }

  const settled = (id: string) =>
    eventually(async () => {
      const [row] = await env.query<{
        status: string;
        grams: string | null;
        source: string;
        reason_code: string | null;
      }>(`SELECT status, grams, source, reason_code FROM actions WHERE id = $1`, [id]);
      return ['settled', 'rejected'].includes(row.status) ? row : undefined;
    });
  const actionCount = async (citizenId: string) =>
    Number(
      (
        await env.query<{ n: string }>(`SELECT count(*) AS n FROM actions WHERE citizen_id = $1`, [citizenId])
      )[0].n,
    );

  it('decrypts the steps and records each day as a walking action that settles to the right grams', async () => {
    const { token, citizenId } = await api.login('walker');
    const days = await sync(token, [
      { date: chinaDay(-2), steps: 8_000 },
      { date: chinaDay(-1), steps: 12_345 },
      { date: chinaDay(-3), steps: 0 },
      { date: chinaDay(1), steps: 500 },
      { date: '2023-12-01', steps: 9_000 },
      { date: chinaDay(-4), steps: 40_000 },
    ]);
    expect(days.map(({ date, status, reason }) => ({ date, status, reason }))).toEqual([
      { date: '2023-12-01', status: 'skipped', reason: 'METHODOLOGY_NOT_IN_FORCE' },
      { date: chinaDay(-4), status: 'recorded', reason: null },
      { date: chinaDay(-3), status: 'skipped', reason: 'NO_STEPS' },
      { date: chinaDay(-2), status: 'recorded', reason: null },
      { date: chinaDay(-1), status: 'recorded', reason: null },
      { date: chinaDay(1), status: 'skipped', reason: 'ACTION_IN_FUTURE' },
    ]);
    const recorded = days.filter((d) => d.status === 'recorded');
    // 0.02 g a step: 30,000 counted steps = 600 g, capped at 296 g a day; 8,000 = 160 g; 12,345 = 246 g.
    const outcomes = await Promise.all(recorded.map((d) => settled(d.actionId!)));
    expect(outcomes).toEqual([
      { status: 'settled', grams: '296', source: 'wechat-werun', reason_code: null },
      { status: 'settled', grams: '160', source: 'wechat-werun', reason_code: null },
      { status: 'settled', grams: '246', source: 'wechat-werun', reason_code: null },
    ]);
    expect(await env.balances(citizenId)).toMatchObject({ citizen_carbon: '702', citizen_points: '702' });
    const [walking] = await env.query<{ payload: unknown }>(`SELECT payload FROM actions WHERE id = $1`, [
      recorded[1].actionId,
    ]);
    expect(walking.payload).toEqual({ date: chinaDay(-2), steps: 8_000 });
  });

  it('a re-sent day replaces the settled count: the balance moves by the difference, once', async () => {
    const { token, citizenId } = await api.login('re-sender');
    const [first] = await sync(token, [{ date: chinaDay(-1), steps: 5_000 }]);
    expect(await settled(first.actionId!)).toMatchObject({ status: 'settled', grams: '100' });
    const entriesBefore = await env.query(`SELECT id, amount FROM ledger_entries ORDER BY id`);

    const [same] = await sync(token, [{ date: chinaDay(-1), steps: 5_000 }]);
    expect(same).toMatchObject({ status: 'unchanged', actionId: first.actionId });

    const [more] = await sync(token, [{ date: chinaDay(-1), steps: 9_000 }]);
    expect(more).toMatchObject({ status: 'replaced', steps: 9_000 });
    expect(await settled(more.actionId!)).toMatchObject({ status: 'settled', grams: '180' });
    expect(await env.balances(citizenId)).toMatchObject({ citizen_carbon: '180', citizen_points: '180' });
    const [posting] = await env.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM ledger_postings WHERE cause_id = $1`,
      [more.actionId],
    );
    expect(posting.details).toMatchObject({ supersedes: [first.actionId], netGrams: '80', netPoints: '80' });

    const [fewer] = await sync(token, [{ date: chinaDay(-1), steps: 6_000 }]);
    expect(fewer.status).toBe('replaced');
    expect(await settled(fewer.actionId!)).toMatchObject({ status: 'settled', grams: '120' });
    expect(await env.balances(citizenId)).toMatchObject({ citizen_carbon: '120', citizen_points: '120' });
    const superseded = await env.query<{ id: string; superseded_by: string | null }>(
      `SELECT id, superseded_by FROM actions WHERE citizen_id = $1 ORDER BY received_at`,
      [citizenId],
    );
    expect(superseded).toEqual([
      { id: first.actionId, superseded_by: more.actionId },
      { id: more.actionId, superseded_by: fewer.actionId },
      { id: fewer.actionId, superseded_by: null },
    ]);
    // Corrections are new postings: every earlier entry is still there, unchanged.
    const entriesAfter = await env.query(`SELECT id, amount FROM ledger_entries ORDER BY id`);
    expect(entriesAfter.slice(0, entriesBefore.length)).toEqual(entriesBefore);
    const [{ grams, points }] = await env.query<{ grams: string; points: string }>(
      `SELECT sum(balance) FILTER (WHERE asset = 'CO2E_G') AS grams, sum(balance) FILTER (WHERE asset = 'POINTS') AS points FROM accounts`,
    );
    expect({ grams, points }).toEqual({ grams: '0', points: '0' });
  });

  it('a day re-sent before the first report settles is still credited once, at the new count', async () => {
    const { token, citizenId } = await api.login('quick-resender');
    const [first] = await sync(token, [{ date: chinaDay(-2), steps: 3_000 }]);
    const [second] = await sync(token, [{ date: chinaDay(-2), steps: 4_000 }]);
    expect(second.status).toBe('replaced');
    expect(await settled(second.actionId!)).toMatchObject({ status: 'settled', grams: '80' });
    await settled(first.actionId!);
    expect(await env.balances(citizenId)).toMatchObject({ citizen_carbon: '80', citizen_points: '80' });
  });

  it('replaces a self-reported walk of the same day: WeRun is the trusted source', async () => {
    const { token, citizenId } = await api.login('self-then-werun');
    const self = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: { methodology: 'walking', data: { date: chinaDay(-1), steps: 14_000 } },
      headers: { 'idempotency-key': `self-walk-${citizenId}` },
    });
    expect(await settled(self.body.id)).toMatchObject({ status: 'settled', grams: '280' });
    const [day] = await sync(token, [{ date: chinaDay(-1), steps: 10_000 }]);
    expect(day.status).toBe('recorded');
    expect(await settled(day.actionId!)).toMatchObject({ status: 'settled', grams: '200' });
    expect(await env.balances(citizenId)).toMatchObject({ citizen_carbon: '200' });
  });

  it('refuses tampered data, data for another app and data from an earlier session with 422, writing nothing', async () => {
    const { token, citizenId } = await api.login('tamperer');
    const genuine = await werunData(token, [{ date: chinaDay(-1), steps: 7_000 }]);
    const bytes = Buffer.from(genuine.encryptedData, 'base64');
    bytes[bytes.length - 5] ^= 0x01;
    const tampered = { ...genuine, encryptedData: bytes.toString('base64') };
    const foreign = await werunData(token, [{ date: chinaDay(-1), steps: 7_000 }], 'wx-someone-else');
    await api.login('tamperer'); // a new login: a new session key, the old data no longer opens
    for (const body of [tampered, foreign, genuine]) {
      const response = await api.request('POST', '/v1/me/werun', { token, body });
      expect(response).toMatchObject({ status: 422, body: { code: 'WERUN_DATA_INVALID' } });
    }
    const malformed = await api.request('POST', '/v1/me/werun', {
      token,
      body: { encryptedData: 'x', iv: 'y' },
    });
    expect(malformed).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await actionCount(citizenId)).toBe(0);
  });

  it('answers 401 WERUN_SESSION_EXPIRED once the session key has expired, and keeps the key sealed', async () => {
    const { token, citizenId } = await api.login('expired');
    const data = await werunData(token, [{ date: chinaDay(-1), steps: 7_000 }]);
    if (env.redis.status === 'wait') await env.redis.connect();
    const key = `${env.queuePrefix}:wechat-session:${citizenId}`;
    const sealed = await env.redis.get(key);
    const ttl = await env.redis.ttl(key);
    expect(ttl).toBeGreaterThan(86_000);
    expect(ttl).toBeLessThanOrEqual(86_400);
    // Sealed with AES-256-GCM under the configured key; what it hides is a 16-byte session key.
    expect(sealed).toMatch(/^v1\./);
    const sessionKey = openSecret(loadConfig({}).wechat.sessionKeySecret, sealed!);
    expect(Buffer.from(sessionKey, 'base64')).toHaveLength(16);
    expect(JSON.stringify(data)).not.toContain(sessionKey);

    await env.redis.del(key); // what the TTL does
    const response = await api.request('POST', '/v1/me/werun', { token, body: data });
    expect(response).toMatchObject({ status: 401, body: { code: 'WERUN_SESSION_EXPIRED' } });
    expect(await actionCount(citizenId)).toBe(0);
    await api.login('expired');
    const days = await sync(token, [{ date: chinaDay(-1), steps: 7_000 }]);
    expect(days[0].status).toBe('recorded');
  });

  it('forgets the session key when the citizen deletes the account', async () => {
    const { token, citizenId } = await api.login('leaver');
    if (env.redis.status === 'wait') await env.redis.connect();
    const key = `${env.queuePrefix}:wechat-session:${citizenId}`;
    expect(await env.redis.exists(key)).toBe(1);
    expect(await api.request('POST', '/v1/me/delete', { token })).toMatchObject({ status: 200 });
    expect(await env.redis.exists(key)).toBe(0);
  });

  it.each([
    [
      'the real WeChat adapter',
      { WECHAT_ADAPTER: 'wechat', WECHAT_APP_ID: 'wx-test', WECHAT_APP_SECRET: 's' },
    ],
    [
      'production',
      {
        NODE_ENV: 'production',
        WECHAT_APP_ID: 'wx-test',
        WECHAT_APP_SECRET: 's',
        // Strong and distinct, as production requires (`openssl rand -hex 32`).
        OPENID_PEPPER: randomBytes(32).toString('hex'),
        PARTNER_SECRET_KEY: randomBytes(32).toString('hex'),
        WECHAT_SESSION_KEY_SECRET: randomBytes(32).toString('hex'),
        METRICS_TOKEN: randomBytes(24).toString('hex'),
      },
    ],
  ])('has no development sample with %s', async (_name, overrides) => {
    const { token } = await api.login('prod-visitor');
    const other = await ApiUnderTest.start(env.config({ JWT_SECRET, ...overrides }));
    try {
      const response = await other.request('POST', '/v1/dev/werun-sample', {
        token,
        body: { days: [{ date: chinaDay(-1), steps: 1000 }] },
      });
      expect(response).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    } finally {
      await other.close();
    }
  });
});
