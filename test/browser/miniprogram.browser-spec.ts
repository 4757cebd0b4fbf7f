import { sentenceForCode } from '@app/contracts';
import { PartnerClient } from '@app/partner-client';
import type { Browser, Page, Response } from 'playwright-core';
import type { TestEnvironment } from '../support/environment.js';
import { eventually, type ApiUnderTest } from '../support/services.js';
import { TestStack } from '../support/stack.js';
import {
  launchPhoneBrowser,
  openPhone,
  phoneShot,
  seriousAxeViolations,
  storedToken,
  type AxeFinding,
} from './support/phone.js';

interface Account {
  grams: string;
  points: string;
}
interface LedgerPage {
  items: { account: string; amount: string; reason: { code: string } }[];
}

const LIXIA = '370102';
const FIRST_PAGE_JS_BUDGET = 250 * 1024;

/**
 * The citizens' mini-program (its H5 build, served by the real API at /m/ with a real worker) on a
 * 390×844 phone in Chromium: each step is done by tapping, then checked on the page and in the API.
 */
describe('mini-program (H5) on a phone', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let baseUrl: string;
  let admin: string;
  let bikeshare: PartnerClient;
  let browser: Browser;
  let page: Page;
  let token: string;
  const pageErrors: string[] = [];
  /** Every 4xx/5xx the page met: only the one refusal the test provokes is expected. */
  const refusals: string[] = [];
  const axe: Record<string, AxeFinding[]> = {};
  let step = 0;

  /** Screenshot, then axe: the serious and critical findings of every page are kept by name. */
  async function check(name: string) {
    step += 1;
    await phoneShot(page, `${String(step).padStart(2, '0')}-${name}`);
    axe[name] = await seriousAxeViolations(page);
  }

  const account = async () => (await api.request<Account>('GET', '/v1/me/account', { token })).body;
  const tap = (testId: string) => page.click(`[data-testid="${testId}"]`);
  const tapText = (text: string) => page.getByText(text, { exact: true }).first().click();

  beforeAll(async () => {
    stack = await TestStack.start({ listen: true, admin: true });
    ({ env, api, baseUrl, admin } = stack);

    for (const partner of [
      { id: 'metro-app', displayName: '济南地铁', kinds: ['redemption-channel'], mayRedeem: true },
      { id: 'bikeshare', displayName: '哈啰出行', kinds: ['data-provider'], methodologies: ['cycling'] },
    ]) {
      expect((await api.request('POST', '/admin/v1/partners', { token: admin, body: partner })).status).toBe(
        201,
      );
    }
    const key = await api.request<{ keyId: string; secret: string }>(
      'POST',
      '/admin/v1/partners/bikeshare/keys',
      {
        token: admin,
      },
    );
    bikeshare = new PartnerClient({ baseUrl, ...key.body });
    const reward = await api.request('POST', '/admin/v1/rewards', {
      token: admin,
      body: {
        partnerId: 'metro-app',
        title: '地铁单程票',
        points: '100',
        stock: 5,
        perCitizenLimit: 2,
        validFrom: new Date(Date.now() - 3_600_000).toISOString(),
        validTo: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      },
    });
    expect(reward.status).toBe(201);
    // Scoped to carpooling, which this test never records, so the rides' points stay unmultiplied.
    const campaign = await api.request('POST', '/admin/v1/campaigns', {
      token: admin,
      body: {
        name: '济南拼车周',
        regionScope: ['370100'],
        methodologies: ['carpool'],
        startsAt: new Date(Date.now() - 3_600_000).toISOString(),
        endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        multiplier: '1.5',
      },
    });
    expect(campaign.status).toBe(201);

    browser = await launchPhoneBrowser();
    page = await openPhone(browser, pageErrors);
    page.on('response', (response) => {
      if (response.status() >= 400) refusals.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('loads its first page within the JavaScript budget, compressed', async () => {
    const scripts: Response[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/m/') && response.url().endsWith('.js')) scripts.push(response);
    });
    await page.goto(`${baseUrl}/m/`);
    await page.waitForSelector('[data-testid="login"]');
    const sizes = await Promise.all(
      scripts.map(async (response) => ({
        url: response.url(),
        encoding: (await response.allHeaders())['content-encoding'],
        bytes: (await response.request().sizes()).responseBodySize,
      })),
    );
    const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
    console.log(`first page JavaScript: ${total} bytes over the wire`, sizes);
    expect(sizes.every((s) => s.encoding === 'br' || s.encoding === 'gzip')).toBe(true);
    expect(total).toBeLessThanOrEqual(FIRST_PAGE_JS_BUDGET);
  });

  it('logs in with the development code and chooses a district on first login', async () => {
    await check('login');
    await page.fill('#dev-name', 'mp-rider');
    await tap('login');
    await page.getByText('你在哪个区县？').waitFor();
    await tapText('历下区');
    await check('district');
    await tap('confirm-district');
    await page.waitForSelector('[data-testid="total-grams"]');
    expect(await page.textContent('[data-testid="total-grams"]')).toBe('0 克');
    token = await storedToken(page);
    const [citizen] = await env.query<{ district_code: string }>(
      `SELECT district_code FROM citizens WHERE deleted_at IS NULL ORDER BY created_at DESC LIMIT 1`,
    );
    expect(citizen!.district_code).toBe(LIXIA);
    await check('home-empty');
  });

  it('says a refusal in Chinese, never as a raw code, and writes nothing', async () => {
    await tapText('记录');
    await page.waitForSelector('[data-testid="form-cycling"]');
    const tomorrow = new Date(Date.now() + 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    await page.fill('#cycling-distanceM', '5');
    await page.fill('#cycling-startedAt', `${tomorrow} 08:00`);
    await page.fill('#cycling-endedAt', `${tomorrow} 08:20`);
    await tap('submit-action');
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe('行为发生时间不能晚于现在。');
    await check('record-refused');
    expect(await env.query(`SELECT id FROM actions`)).toEqual([]);

    await page.fill('#cycling-distanceM', '0');
    await tap('submit-action');
    expect(await page.getByRole('alert').textContent()).toBe('距离应大于 0 公里');

    await tapText('屋顶光伏');
    expect(await page.textContent('[data-testid="form-rooftop-pv"]')).toContain('由合作方');
    await check('record-rooftop-pv');
  });

  it('records a 5 km bike ride that settles to 169 g and 169 points', async () => {
    await page.goto(`${baseUrl}/m/pages/record/index`);
    await page.waitForSelector('[data-testid="form-cycling"]');
    await page.fill('#cycling-distanceM', '5');
    await check('record-cycling');
    await tap('submit-action');
    const result = page.locator('[data-testid="action-result"][data-status="settled"]');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.textContent()).toContain('减排 169 克，获得 169 积分');
    await check('record-settled');

    expect(await account()).toMatchObject({ grams: '169', points: '169' });
    const ledger = (await api.request<LedgerPage>('GET', '/v1/me/ledger', { token })).body;
    expect(ledger.items.map((e) => [e.account, e.amount, e.reason.code])).toEqual(
      expect.arrayContaining([
        ['carbon', '169', 'ACTION_SETTLED'],
        ['points', '169', 'ACTION_SETTLED'],
      ]),
    );

    await tapText('首页');
    await page.waitForSelector('[data-testid="total-grams"]');
    expect(await page.textContent('[data-testid="total-grams"]')).toBe('169 克');
    expect(await page.textContent('[data-testid="points"]')).toBe('169 积分');
    expect(await page.textContent('[data-testid="this-week"]')).toContain('169 克');
    expect(await page.locator('[data-testid="campaign"]').allTextContents()).toEqual([
      expect.stringMatching(/^济南拼车周积分 × 1\.5适用：拼车出行；/),
    ]);
    expect(await page.locator('[data-testid="equivalent"]').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('相当于少开燃油车：0.9 公里')]),
    );
    await check('home');

    // The worker ranks a settled action on the boards just after settling it.
    await eventually(async () => {
      const board = await api.request<{ you: { rank: number | null } }>(
        'GET',
        '/v1/leaderboards?scope=district&period=week',
        { token },
      );
      return board.body.you.rank === 1 ? true : undefined;
    });
    await tapText('社区');
    await page.getByText('1. 匿名用户（我）').waitFor();
    expect(await page.textContent('[data-testid="leaderboard"]')).toContain('169 克');
    await check('leaderboard');
    await tapText('我的');
    await page.getByText('隐私与注销').waitFor();
    await check('me');

    // A trip over the same minutes, sent from elsewhere (not this phone): refused by the worker.
    const mine = await api.request<{ items: { id: string }[] }>('GET', '/v1/me/actions', { token });
    const ride = await api.request<{ data: Record<string, unknown> }>(
      'GET',
      `/v1/me/actions/${mine.body.items[0]!.id}`,
      { token },
    );
    const overlapping = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: { methodology: 'cycling', data: { ...ride.body.data, distanceM: 3000 } },
      headers: { 'idempotency-key': `mp-overlap-${Date.now()}` },
    });
    expect(overlapping.status).toBe(202);
    const refused = await eventually(async () => {
      const { body } = await api.request<{ status: string; reasonCode: string | null }>(
        'GET',
        `/v1/me/actions/${overlapping.body.id}`,
        { token },
      );
      return body.status === 'rejected' ? body : undefined;
    });
    expect(refused.reasonCode).toEqual(expect.any(String));

    await page.goto(`${baseUrl}/m/pages/timeline/index`);
    await page.waitForSelector('[data-testid="explanation"]');
    const rejected = page.locator('[data-testid="my-action"][data-status="rejected"]');
    expect(await rejected.count()).toBe(1);
    expect(await rejected.textContent()).toContain('未通过');
    expect(await rejected.locator('[data-testid="action-reason"]').textContent()).toBe(
      sentenceForCode(refused.reasonCode),
    );
    expect(await rejected.textContent()).not.toContain(refused.reasonCode!);
    expect(await page.locator('[data-testid="explanation"]').allTextContents()).toContain(
      '5 公里骑行 × 33.88 克/公里 = 169 克',
    );
    expect(await page.textContent('[data-testid="my-actions"]')).toContain('已入账');
    await check('timeline');
  });

  it('syncs WeRun steps through the real decryption path', async () => {
    await page.goto(`${baseUrl}/m/pages/werun/index`);
    await page.fill('#steps-today', '8000');
    await page.fill('#steps-yesterday', '6000');
    await tap('werun-sync');
    await page.waitForSelector('[data-testid="werun-days"]');
    const days = await page.textContent('[data-testid="werun-days"]');
    expect(days).toContain('8,000 步');
    expect(days).toContain('6,000 步');
    expect(days).toContain('已记录');
    const walking = await eventually(async () => {
      const rows = await env.query<{ steps: string; status: string }>(
        `SELECT payload->>'steps' AS steps, status FROM actions WHERE methodology_id = 'walking' ORDER BY occurred_at`,
      );
      return rows.length === 2 && rows.every((r) => r.status === 'settled') ? rows : undefined;
    });
    expect(walking.map((r) => r.steps)).toEqual(['6000', '8000']);
    // A locator, not waitForFunction: the page's CSP (no 'unsafe-eval') refuses a string predicate.
    await page.locator('[data-testid="werun-days"]', { hasText: '减排' }).waitFor();
    await check('werun');
    expect(BigInt((await account()).grams)).toBeGreaterThan(169n);
  });

  it('redeems a reward once, with an idempotency key', async () => {
    const before = BigInt((await account()).points);
    await page.goto(`${baseUrl}/m/pages/shop/index`);
    await page.waitForSelector('[data-testid="reward"]');
    await check('shop');
    await page.getByRole('button', { name: '兑换：地铁单程票' }).click();
    await tap('confirm-redeem');
    await page.getByText('已兑换「地铁单程票」').waitFor();
    await check('redeemed');
    const orders = (
      await api.request<{ status: string; points: string }[]>('GET', '/v1/me/orders', { token })
    ).body;
    expect(orders.map((o) => [o.status, o.points])).toEqual([['pending', '100']]);
    expect(BigInt((await account()).points)).toBe(before - 100n);
    await tapText('我的订单');
    await page.waitForSelector('[data-testid="order"][data-status="pending"]');
    await check('orders');
  });

  it('gives a partner a one-time code, sees the binding, and revokes it', async () => {
    await page.goto(`${baseUrl}/m/pages/bindings/index`);
    await page.fill('#partner-id', 'bikeshare');
    await tap('create-binding-code');
    const code = (await page.textContent('[data-testid="binding-code"]'))!.trim();
    expect(code).toMatch(/^[A-Z0-9]{10}$/);
    expect((await bikeshare.exchangeBindingCode(code)).status).toBe(200);
    await page.reload();
    await page.waitForSelector('[data-testid="binding"][data-status="active"]');
    expect(await page.textContent('[data-testid="bindings"]')).toContain('哈啰出行');
    await check('bindings');
    await page.getByRole('button', { name: '解除授权：哈啰出行' }).click();
    await tap('confirm-revoke');
    await page.waitForSelector('[data-testid="binding"][data-status="revoked"]');
    const bindings = (await api.request<{ status: string }[]>('GET', '/v1/me/bindings', { token })).body;
    expect(bindings.map((b) => b.status)).toEqual(['revoked']);
    await check('binding-revoked');
  });

  it('adds a friend from a shared invite link', async () => {
    const friend = await api.login('mp-friend', LIXIA);
    await api.request('PATCH', '/v1/me/profile', { token: friend.token, body: { nickname: '骑行的小李' } });
    const invite = await api.request<{ code: string }>('POST', '/v1/me/friends/invites', {
      token: friend.token,
    });
    await page.goto(`${baseUrl}/m/pages/social/index?invite=${invite.body.code}`);
    expect(await page.inputValue('#friend-code')).toBe(invite.body.code);
    await tap('add-friend');
    await page.getByText('已添加好友：骑行的小李').waitFor();
    await check('friend-added');
    const friends = (await api.request<{ citizenId: string }[]>('GET', '/v1/me/friends', { token })).body;
    expect(friends.map((f) => f.citizenId)).toEqual([friend.citizenId]);
  });

  it('shows what is held and deletes the account behind a typed confirmation', async () => {
    await page.goto(`${baseUrl}/m/pages/privacy/index`);
    await tap('export');
    await page.waitForSelector('[data-testid="export-summary"]');
    expect(await page.textContent('[data-testid="export-summary"]')).toContain('低碳行为记录');
    expect(await page.getAttribute('[data-testid="delete-account"]', 'aria-disabled')).toBe('true');
    await page.fill('#confirm-delete', '注销');
    await check('privacy');
    await tap('delete-account');
    await page.waitForSelector('[data-testid="deleted"]');
    await check('deleted');
    const after = await api.request<{ code: string }>('GET', '/v1/me/account', { token });
    expect(after.status).toBe(410);
    expect(after.body.code).toBe('ACCOUNT_DELETED');
  });

  it('has no serious or critical accessibility finding on any page, and no page error', () => {
    expect(pageErrors).toEqual([]);
    expect(refusals).toEqual(['422 /v1/actions']);
    expect(Object.keys(axe).length).toBeGreaterThanOrEqual(20);
    expect(Object.entries(axe).filter(([, findings]) => findings.length > 0)).toEqual([]);
  });
});
