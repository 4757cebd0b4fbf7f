import type { INestApplicationContext } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, adminBootstrapEnv, adminToken } from '../support/admin.js';
import { TestEnvironment } from '../support/environment.js';
import { ApiUnderTest, eventually, startWorker } from '../support/services.js';
import { chartState, launchChromium, openRoute, openTab, signIn } from './support/browser.js';
import {
  cstDate,
  outcome,
  seedMonthOfTrips,
  seedReviewClaims,
  type SeededAction,
} from './support/month-seed.js';
import { VIEWPORTS, checkPage, passing, verdict } from './support/page-checks.js';

const TAIAN = '370900';
const ISSUER = '泰安市生态环境局';

interface Pool {
  region: string;
  availableGrams: string;
  retiredGrams: string;
}

const sum = (values: (string | null)[]) => values.reduce((total, v) => total + BigInt(v ?? '0'), 0n);

/**
 * An ecology-bureau officer's tasks in a real Chromium against the real API and worker, on a month of
 * trips from eight citizens in six districts plus two claims waiting for review: find this month's
 * reductions by district and methodology, batch-approve reviews, find an action by citizen and audit
 * it, retire one tonne and print the certificate. Assertions are on what the page shows, checked
 * against the API and the database.
 */
describe('an officer does a day of work in the console', () => {
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let worker: INestApplicationContext;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let admin: string;
  let trips: SeededAction[];
  let claims: Awaited<ReturnType<typeof seedReviewClaims>>;
  const pageErrors: string[] = [];

  const pool = async (region: string) =>
    (await api.request<Pool[]>('GET', '/admin/v1/pools', { token: admin })).body.find(
      (p) => p.region === region,
    )!;

  /** axe, no English, one h1, no sideways scroll: at 1440 and at 390 px, then back to the desktop size. */
  const checkBothWidths = async (name: string) => {
    // The page at rest: no control left hovered by the last click.
    await page.mouse.move(0, 0);
    for (const viewport of VIEWPORTS) {
      const check = await checkPage(page, name, viewport);
      expect(verdict(check)).toEqual(passing(check));
    }
    await page.setViewportSize({ width: 1440, height: 1000 });
  };

  beforeAll(async () => {
    env = await TestEnvironment.create();
    const config = env.config({
      ...adminBootstrapEnv,
      // CONSOLE_UNDER_TEST: another build, e.g. an older console to see a test fail before its fix.
      CONSOLE_DIR: process.env.CONSOLE_UNDER_TEST ?? resolve('dist/console'),
      REPORT_COMPACT_INTERVAL_MS: '200',
      CERTIFICATE_ISSUER: ISSUER,
    });
    api = await ApiUnderTest.start(config);
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    worker = await startWorker(config);
    admin = await adminToken(api, ADMIN);
    trips = await seedMonthOfTrips(api);
    expect(trips.every((t) => t.status === 'settled')).toBe(true);
    claims = await seedReviewClaims(api);
    expect([claims.ac.status, claims.clothes.status]).toEqual(['review', 'review']);
    browser = await launchChromium();
    page = await openTab(browser, pageErrors);
    await signIn(page, baseUrl, ADMIN);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
    await env?.dispose();
  });

  it("finds this month's reductions by district and methodology, and last month's late changes", async () => {
    const today = cstDate(Date.now());
    const monthStart = `${today.slice(0, 7)}-01`;
    const thisMonth = trips.filter((t) => cstDate(Date.parse(t.occurredAt)) >= monthStart);
    const lastMonth = trips.filter((t) => cstDate(Date.parse(t.occurredAt)) < monthStart);
    // Every day's rollup is folded in before the page reads it.
    await eventually(async () => {
      const { body } = await api.request<{ totals: { grams: string } }>(
        'GET',
        `/admin/v1/reports/district-methodology?from=${monthStart}&to=${today}`,
        { token: admin },
      );
      return body.totals.grams === sum(thisMonth.map((t) => t.grams)).toString() ? body : undefined;
    });

    await openRoute(page, baseUrl, '/dashboard');
    await page.click('[data-testid=dashboard-range]');
    await page.click('.ant-picker-presets li:has-text("本月")');
    await page.locator('[data-testid=date-basis]', { hasText: '减排量按行为发生日期' }).waitFor();
    const table = page.locator('[data-testid=district-methodology-table]');
    await table.locator('[data-testid="matrix-total-合计"]').waitFor();
    expect(await table.locator('[data-testid="matrix-total-合计"]').getAttribute('data-grams')).toBe(
      sum(thisMonth.map((t) => t.grams)).toString(),
    );
    for (const district of new Set(thisMonth.map((t) => t.district))) {
      const expected = sum(thisMonth.filter((t) => t.district === district).map((t) => t.grams)).toString();
      expect(await table.locator(`[data-testid="matrix-total-${district}"]`).getAttribute('data-grams')).toBe(
        expected,
      );
    }
    const headers = await table.locator('thead th').allTextContents();
    for (const name of new Set(
      thisMonth.map((t) => ({ cycling: '骑行', bus: '公交出行', metro: '地铁出行' })[t.methodology]!),
    ))
      expect(headers.some((h) => h.startsWith(name))).toBe(true);
    await checkBothWidths('task-reports-this-month');

    // Last month: every trip in it was entered after it ended, so the month is flagged with what changed.
    await page.click('[data-testid=dashboard-range]');
    await page.click('.ant-picker-presets li:has-text("上月")');
    const lastMonthKey = cstDate(Date.parse(`${monthStart}T00:00:00+08:00`) - 1).slice(0, 7);
    const flag = page.locator(`[data-testid=closed-month-${lastMonthKey}]`);
    await flag.waitFor();
    expect(await flag.textContent()).toContain(`补记 ${lastMonth.length} 条行为`);
    // The charts follow the granularity: by month, one period holds all of last month's grams.
    await page.click('[data-testid=dashboard-granularity]');
    await page.click('.ant-select-item-option:has-text("按月")');
    await page.locator('.ant-card-head-title', { hasText: '每月减排量' }).waitFor();
    const chart = await chartState(page, 'chart-reductions-by-day');
    expect(chart.total).toBe(Number(sum(lastMonth.map((t) => t.grams))));
  });

  it('batch-approves reviews: the 2.2-tonne AC claim (efficient-ac@2) stands out from a 22 kg clothes drop-off, both settle once', async () => {
    await openRoute(page, baseUrl, '/reviews');
    const acRow = page.locator(`tr[data-row-key="${claims.ac.id}"]`);
    const clothesRow = page.locator(`tr[data-row-key="${claims.clothes.id}"]`);
    await acRow.waitFor();
    await clothesRow.waitFor();
    expect(await page.locator('th', { hasText: '核定减排量（吨）' }).count()).toBe(1);
    expect(await acRow.locator(`[data-testid=review-grams-${claims.ac.id}]`).textContent()).toMatch(
      /^2\.188\d*大额$/,
    );
    expect(await clothesRow.locator(`[data-testid=review-grams-${claims.clothes.id}]`).textContent()).toBe(
      '0.022',
    );
    expect(await acRow.locator('[data-testid=outlier-flag]').textContent()).toBe('异常值 86%');
    expect(await clothesRow.locator('[data-testid=outlier-flag]').count()).toBe(0);
    expect(await acRow.locator('[data-testid=key-inputs]').textContent()).toContain('制冷量 12000 瓦');
    expect(await clothesRow.locator('[data-testid=key-inputs]').textContent()).toContain('重量 6.1 千克');
    await checkBothWidths('task-reviews');

    await acRow.locator('.ant-checkbox-input').check();
    await clothesRow.locator('.ant-checkbox-input').check();
    await page.click('[data-testid=batch-approve]');
    expect(await page.textContent('[data-testid=decision-summary]')).toContain('共 2 条');
    await page.click('.ant-modal-footer .ant-btn-primary');
    await page.locator('.ant-message', { hasText: '已通过 2 条' }).waitFor();
    await acRow.waitFor({ state: 'detached' });
    await clothesRow.waitFor({ state: 'detached' });
    expect(await page.textContent('[data-testid=review-count]')).toBe('0 条待审核');

    for (const claim of [claims.ac, claims.clothes]) await outcome(api, claim.token, claim.id, ['settled']);
    const rows = await env.query<{ review_decision: string; postings: number }>(
      `SELECT a.review_decision, (SELECT count(*)::int FROM ledger_postings p
                                   WHERE p.action_id = a.id) AS postings
         FROM actions a WHERE a.id = ANY($1::uuid[])`,
      [[claims.ac.id, claims.clothes.id]],
    );
    expect(rows).toEqual([
      { review_decision: 'approved', postings: 1 },
      { review_decision: 'approved', postings: 1 },
    ]);
  });

  it('finds an action by citizen and audits it, and comes back to the same search', async () => {
    const lin = trips.filter((t) => t.citizen === '林小骑');
    await openRoute(page, baseUrl, '/actions');
    await page.fill('[data-testid=search-citizen] input, input[data-testid=search-citizen]', '小骑');
    await page.click('[data-testid=search-submit]');
    const rows = page.locator('[data-testid=action-search-table] tbody tr.ant-table-row');
    await eventually(async () => ((await rows.count()) === lin.length ? true : undefined), 10_000);
    for (const text of await rows.allTextContents()) expect(text).toContain('林小骑');
    await checkBothWidths('task-action-search');

    const newest = lin[lin.length - 1];
    await page.click(`[data-testid=audit-link-${newest.id}]`);
    await page.locator('[data-testid=action-status]', { hasText: '已结算' }).waitFor();
    expect(await page.textContent('[data-testid=audit-grams]')).toContain(`${newest.grams} 克`);
    await checkBothWidths('task-audit');

    // Back to the search: the citizen filter is still there.
    await page.click('a:has-text("返回行为查询")');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(lin.length);
  });

  it('keeps one search box on the audit page however often it searches, and says plainly when an id names no action', async () => {
    const [first, other] = [trips[0], trips.find((t) => t.citizen === '王大力')!];
    await openRoute(page, baseUrl, `/actions/${first.id}`);
    await page.locator('[data-testid=action-status]', { hasText: '已结算' }).waitFor();
    const box = page.locator('[data-testid=audit-search] input');
    await box.fill(other.id);
    await box.press('Enter');
    await page.waitForURL(`**/#/actions/${other.id}`);
    // The other action's audit is on screen (not the first one's, which is settled too).
    await page.locator('[data-testid=action-audit]', { hasText: other.id }).waitFor();
    await box.fill('00000000-0000-4000-8000-000000000000');
    await box.press('Enter');
    await page.locator('[data-testid=audit-not-found]', { hasText: '未找到该行为' }).waitFor();
    expect(await page.locator('[data-testid=audit-search]').count()).toBe(1);
    await box.fill('不是编号');
    await box.press('Enter');
    await page.locator('[data-testid=audit-search-problem]').waitFor();
    expect(await page.locator('[data-testid=audit-search]').count()).toBe(1);
  });

  it('retires one tonne from a pool and prints a certificate that lists what was retired', async () => {
    const before = await eventually(async () => {
      const taian = await pool(TAIAN);
      return taian && BigInt(taian.availableGrams) >= 1_000_000n ? taian : undefined;
    });
    await openRoute(page, baseUrl, '/pools');
    await page.click(`tr[data-row-key="${TAIAN}"] button`);
    await page.fill('[data-testid=retire-amount]', '1');
    await page.click('[data-testid=retire-unit]');
    await page.click('.ant-select-item-option[title="吨"], .ant-select-item-option:has-text("吨")');
    await page.fill('[data-testid=retire-purpose]', '泰山国际登山节碳中和');
    await page.fill('[data-testid=retire-beneficiary]', '泰安市体育局');
    expect(await page.textContent('[data-testid=retire-grams-preview]')).toBe('= 1,000,000 克');
    await page.click('[data-testid=retire-submit]');
    await page.waitForSelector('[data-testid=retire-confirm]');
    expect(await page.textContent('[data-testid=retire-confirm]')).toContain('1 吨（1,000,000 克）');
    await page.click('.ant-modal-confirm-btns button:last-child');
    await page.waitForSelector('[data-testid=retire-success]');

    const after = await pool(TAIAN);
    expect(BigInt(before.availableGrams) - BigInt(after.availableGrams)).toBe(1_000_000n);
    const records = await api.request<{ serial: string; grams: string }[]>(
      'GET',
      `/admin/v1/retirements?region=${TAIAN}`,
      { token: admin },
    );
    expect(records.body).toEqual([expect.objectContaining({ grams: '1000000' })]);
    const { serial } = records.body[0];

    await page.click(`[data-testid="retirement-${serial}"]`);
    await page.waitForSelector('[data-testid=certificate]');
    expect(await page.textContent('[data-testid=certificate-serial]')).toBe(serial);
    expect(await page.textContent('[data-testid=certificate-amount]')).toBe(
      '1 吨（1,000,000 克） 二氧化碳当量',
    );
    expect(await page.textContent('[data-testid=certificate-pool]')).toBe('泰安市（370900）');
    expect(await page.textContent('[data-testid=certificate-purpose]')).toBe('泰山国际登山节碳中和');
    expect(await page.textContent('[data-testid=certificate-issuer]')).toBe(ISSUER);
    const text = await page.textContent('[data-testid=certificate]');
    expect(text).not.toMatch(/分录|账本|posting/i);
    await checkBothWidths('task-certificate');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[data-testid=certificate-print]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid=certificate]').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('raised no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
