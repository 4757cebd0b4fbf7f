import type { INestApplicationContext } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, AUDITOR, adminBootstrapEnv, adminToken, createAuditor } from '../support/admin.js';
import { TestEnvironment } from '../support/environment.js';
import { ApiUnderTest, eventually, startWorker } from '../support/services.js';
import { chartState, launchChromium, openRoute, openTab, shot, signIn } from './support/browser.js';
import {
  actionOutcome,
  createDraft,
  cyclingAction,
  lastThirtyDays,
  publishCyclingWithReview,
  sumOf,
  type ActionView,
} from './support/seed.js';

interface Pool {
  region: string;
  accruedGrams: string;
  retiredGrams: string;
  availableGrams: string;
}
interface Dashboard {
  totals: { grams: string; pointsIssued: string; actions: number };
}

const TAIAN = '370900';

/** Today's date in China, and a date moved by whole days (YYYY-MM-DD). */
const cstDay = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const shiftDay = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The admin console in a real Chromium against a real API (serving the built console under /console)
 * and worker: every write is made by clicking, and checked through the API and the database.
 */
describe('admin console in a browser', () => {
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let worker: INestApplicationContext;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let admin: string;
  let settled: (ActionView & { token: string })[];
  let approvedInUi: ActionView & { token: string };
  let leftInQueue: ActionView & { token: string };
  let busDraft: number;
  let metroDraft: number;
  const pageErrors: string[] = [];

  const pools = async () => (await api.request<Pool[]>('GET', '/admin/v1/pools', { token: admin })).body;
  const pool = async (region: string) => (await pools()).find((p) => p.region === region)!;

  beforeAll(async () => {
    env = await TestEnvironment.create();
    const config = env.config({
      ...adminBootstrapEnv,
      CONSOLE_DIR: resolve('dist/console'),
      REPORT_COMPACT_INTERVAL_MS: '200',
    });
    api = await ApiUnderTest.start(config);
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    await createAuditor(env);
    worker = await startWorker(config);
    admin = await adminToken(api, ADMIN);

    // Settled under cycling v1, before a version that sends self-reports to review is published.
    settled = [
      await cyclingAction(api, 'rider-lixia', '370102', 5000, 20),
      await cyclingAction(api, 'rider-taian', TAIAN, 5000, 20),
      await cyclingAction(api, 'rider-qingdao', '370200', 8000, 30),
    ];
    expect(settled.map((a) => a.status)).toEqual(['settled', 'settled', 'settled']);
    await publishCyclingWithReview(api, admin);
    approvedInUi = await cyclingAction(api, 'reviewed-taian', TAIAN, 6000, 25);
    leftInQueue = await cyclingAction(api, 'reviewed-jinan', '370100', 5000, 20);
    expect([approvedInUi.status, leftInQueue.status]).toEqual(['review', 'review']);
    busDraft = await createDraft(api, admin, 'bus');
    metroDraft = await createDraft(api, admin, 'metro');

    browser = await launchChromium();
    page = await openTab(browser, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
    await env?.dispose();
  });

  it('signs an admin in, shows a bad parameter in Chinese beside its field, and publishes the draft', async () => {
    await signIn(page, baseUrl, ADMIN);
    await shot(page, '01-signed-in');
    await openRoute(page, baseUrl, '/methodologies');
    await page.click(`[data-testid=version-link-bus-${busDraft}]`);
    // bus@2 (Shandong) is built from components: the traction energy per passenger-km is one of its factors.
    await page.fill('[data-testid="param-components.project.electric.kWhPerPkm.value"]', 'not a number');
    await page.click('[data-testid=draft-save]');
    const fieldError = page
      .locator('.ant-form-item-explain-error', { hasText: '必须是大于 0 的数字' })
      .first();
    await fieldError.waitFor();
    expect(await page.textContent('[data-testid=draft-problems]')).toContain(
      '每人公里耗电量（千瓦时） › 数值',
    );
    await shot(page, '02-draft-params-invalid');
    const stored = await api.request<{
      params: { components: { project: { electric: { kWhPerPkm: { value: string } } } } };
    }>('GET', `/admin/v1/methodologies/bus/versions/${busDraft}`, { token: admin });
    expect(stored.body.params.components.project.electric.kWhPerPkm.value).toBe('0.055');

    await page.reload();
    await page.click('[data-testid=version-publish]');
    await page.click('[data-testid=publish-confirm]');
    await page.locator('[data-testid=version-status]', { hasText: '现行' }).waitFor();
    await shot(page, '03-draft-published');
    const published = await api.request('GET', `/admin/v1/methodologies/bus/versions/${busDraft}`, {
      token: admin,
    });
    expect(published.body).toMatchObject({
      status: 'published',
      standing: 'in-force',
      publishedAt: expect.any(String),
    });
  });

  it('publishes a new bus version with a changed factor from a future date through the form: the dialog restates the change, the version is 待生效', async () => {
    const startsOn = shiftDay(cstDay(), 7);
    await openRoute(page, baseUrl, '/methodologies');
    await page.click('[data-testid=create-draft-bus]');
    await page.click('.ant-modal-footer .ant-btn-primary');
    await page.waitForSelector('[data-testid=draft-editor]');
    const version = Number(/\/methodologies\/bus\/(\d+)/.exec(page.url())![1]);
    expect(version).toBe(busDraft + 1);

    await page.fill('[data-testid="param-components.project.electric.kWhPerPkm.value"]', '0.05');
    await page.fill('[data-testid=draft-source]', '济南公交集团 2026 年运营数据');
    const picker = page.locator('#effectiveFrom');
    await picker.click();
    await picker.fill(`${startsOn} 00:00:00`);
    await picker.press('Enter');
    await page.click('[data-testid=draft-save]');
    await page.locator('.ant-message', { hasText: '草稿已保存' }).waitFor();

    await page.click('[data-testid=version-publish]');
    const statement = await page.locator('[data-testid=publish-statement]').textContent();
    expect(statement).toContain(`自 ${startsOn} 00:00:00（北京时间）起`);
    expect(statement).toContain(`按第 ${version} 版核算，取代现行的第 ${busDraft} 版`);
    expect(statement).toContain(`在此之前仍按第 ${busDraft} 版核算`);
    const rows = await page.locator('[data-testid=publish-diff] tbody tr').allTextContents();
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^生效时间\\d{4}-\\d\\d-\\d\\d [\\d:]+${startsOn} 00:00:00$`)),
        expect.stringMatching(/每人公里耗电量（千瓦时） › 数值0\.0550\.05$/),
      ]),
    );
    await shot(page, '03b-publish-dialog-diff');
    await page.click('[data-testid=publish-confirm]');
    await page.locator('[data-testid=version-status]', { hasText: '待生效' }).waitFor();

    const stored = await api.request<{
      status: string;
      standing: string;
      effectiveFrom: string;
      params: { components: { project: { electric: { kWhPerPkm: { value: string } } } } };
    }>('GET', `/admin/v1/methodologies/bus/versions/${version}`, { token: admin });
    expect(stored.body).toMatchObject({
      status: 'published',
      standing: 'scheduled',
      effectiveFrom: new Date(`${startsOn}T00:00:00+08:00`).toISOString(),
      params: { components: { project: { electric: { kWhPerPkm: { value: '0.05' } } } } },
    });
    await openRoute(page, baseUrl, '/methodologies');
    const standing = (v: number) =>
      page
        .locator('tr', { has: page.locator(`[data-testid=version-link-bus-${v}]`) })
        .locator('[data-testid=version-status]');
    expect(await standing(version).textContent()).toBe('待生效');
    expect(await standing(busDraft).textContent()).toBe('现行');
    expect(await standing(1).textContent()).toBe(`已被取代（由第 ${busDraft} 版）`);
    expect(await standing(2).textContent()).toBe(`已被取代（由第 ${busDraft} 版）`);
    await shot(page, '03c-methodology-standings');
  });

  it('approves an action from the review queue: it settles once, and the audit view shows it', async () => {
    await openRoute(page, baseUrl, '/reviews');
    await page.waitForSelector(`[data-testid=approve-${leftInQueue.id}]`);
    await shot(page, '04-review-queue');
    await page.click(`[data-testid=approve-${approvedInUi.id}]`);
    await page.fill('[data-testid=review-note]', '票据与轨迹一致');
    await page.click('.ant-modal-footer .ant-btn-primary');
    await page.locator(`[data-testid=approve-${approvedInUi.id}]`).waitFor({ state: 'detached' });

    const view = await actionOutcome(api, approvedInUi.token, approvedInUi.id, ['settled']);
    expect(view).toMatchObject({ status: 'settled', grams: approvedInUi.grams });
    const rows = await env.query(
      `SELECT a.status, a.review_decision, a.review_note, count(p.id)::int AS postings
       FROM actions a LEFT JOIN ledger_postings p ON p.action_id = a.id
       WHERE a.id = $1 GROUP BY a.id, a.received_at`, // the whole key: actions are partitioned by month
      [approvedInUi.id],
    );
    expect(rows).toEqual([
      { status: 'settled', review_decision: 'approved', review_note: '票据与轨迹一致', postings: 1 },
    ]);

    await openRoute(page, baseUrl, `/actions/${approvedInUi.id}`);
    await page.locator('[data-testid=action-status]', { hasText: '已结算' }).waitFor();
    expect(await page.textContent('[data-testid=audit-grams]')).toContain(`${approvedInUi.grams} 克`);
    await shot(page, '05-action-audit');
  });

  it('retires exactly the typed amount once, even on a double click, and prints the record', async () => {
    const before = await pool(TAIAN);
    await openRoute(page, baseUrl, '/pools');
    await page.click(`tr[data-row-key="${TAIAN}"] button`);
    await page.fill('[data-testid=retire-amount]', '0.1');
    await page.fill('[data-testid=retire-purpose]', '浏览器测试：泰山国际登山节碳中和');
    await page.fill('[data-testid=retire-beneficiary]', '泰安市生态环境局');
    expect(await page.textContent('[data-testid=retire-grams-preview]')).toBe('= 100 克');
    await shot(page, '06-retire-form');
    // A double click asks once; a double click on the confirmation retires once.
    await page.dblclick('[data-testid=retire-submit]');
    await page.waitForSelector('[data-testid=retire-confirm]');
    expect(await page.locator('.ant-modal-confirm').count()).toBe(1);
    expect(await page.textContent('[data-testid=retire-confirm]')).toContain('100 克');
    await shot(page, '07-retire-confirm');
    await page.dblclick('.ant-modal-confirm-btns button:last-child');
    await page.waitForSelector('[data-testid=retire-success]');

    const after = await pool(TAIAN);
    expect(BigInt(before.availableGrams) - BigInt(after.availableGrams)).toBe(100n);
    expect(BigInt(after.retiredGrams) - BigInt(before.retiredGrams)).toBe(100n);
    const records = await api.request<
      { serial: string; grams: string; purpose: string; beneficiary: string }[]
    >('GET', `/admin/v1/retirements?region=${TAIAN}`, { token: admin });
    expect(records.body).toEqual([
      expect.objectContaining({
        grams: '100',
        purpose: '浏览器测试：泰山国际登山节碳中和',
        beneficiary: '泰安市生态环境局',
      }),
    ]);
    const serial = records.body[0].serial;

    await page.click(`[data-testid="retirement-${serial}"]`);
    await page.waitForSelector('[data-testid=certificate]');
    expect(await page.textContent('[data-testid=certificate-serial]')).toBe(serial);
    expect(await page.textContent('[data-testid=certificate-amount]')).toContain('100 克');
    await shot(page, '08-retirement-certificate');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
    expect(await page.locator('[data-testid=certificate-print]').isVisible()).toBe(false);
    await shot(page, '09-retirement-certificate-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('draws the dashboard charts with the totals the API reports for the seeded actions', async () => {
    const credited = [...settled, approvedInUi];
    const grams = sumOf(credited.map((a) => a.grams));
    const points = sumOf(
      await Promise.all(
        credited.map(async (a) => (await actionOutcome(api, a.token, a.id, ['settled'])).points),
      ),
    );
    const { from, to } = lastThirtyDays();
    const report = await eventually(async () => {
      const { body } = await api.request<Dashboard>(
        'GET',
        `/admin/v1/reports/dashboard?from=${from}&to=${to}`,
        {
          token: admin,
        },
      );
      return body.totals?.grams === grams ? body : undefined;
    });
    expect(report.totals).toMatchObject({ grams, pointsIssued: points, actions: credited.length });

    await openRoute(page, baseUrl, '/dashboard');
    const byDay = await chartState(page, 'chart-reductions-by-day');
    expect(byDay).toMatchObject({ total: Number(grams), series: { 骑行: Number(grams) } });
    const byDistrict = await chartState(page, 'chart-reductions-by-district');
    expect(byDistrict.total).toBe(Number(grams));
    const flows = await chartState(page, 'chart-points-flows');
    expect(flows.series['发放']).toBe(Number(points));
    const poolChart = await chartState(page, 'chart-pools');
    const available = sumOf((await pools()).map((p) => p.availableGrams));
    expect(poolChart.series).toMatchObject({ 可注销: Number(available), 已注销: 100 });
    for (const chart of [byDay, byDistrict, flows, poolChart])
      expect(chart.paintedPixels).toBeGreaterThan(1000);
    expect(await page.textContent('[data-testid=kpi-grams]')).toContain(
      `${Number(grams).toLocaleString('en-US')} 克`,
    );
    await shot(page, '10-dashboard');
  });

  it('shows an auditor everything with no write control, and the API refuses a write made anyway', async () => {
    const auditorPage = await openTab(browser, pageErrors);
    await signIn(auditorPage, baseUrl, AUDITOR);
    await openRoute(auditorPage, baseUrl, '/methodologies');
    await auditorPage.waitForSelector(`[data-testid=version-link-metro-${metroDraft}]`);
    expect(await auditorPage.locator('[data-testid^=create-draft-]').count()).toBe(0);

    await openRoute(auditorPage, baseUrl, `/methodologies/metro/${metroDraft}`);
    await auditorPage.locator('[data-testid=version-status]', { hasText: '草稿' }).waitFor();
    await auditorPage.click('[data-testid=dry-run-submit]');
    await auditorPage.waitForSelector('[data-testid=dry-run-result]');
    expect(
      await auditorPage.locator('[data-testid=draft-editor], [data-testid=version-publish]').count(),
    ).toBe(0);
    await shot(auditorPage, '11-auditor-draft');
    await openRoute(auditorPage, baseUrl, `/methodologies/bus/${busDraft}`);
    await auditorPage.locator('[data-testid=version-status]', { hasText: '现行' }).waitFor();
    expect(await auditorPage.locator('[data-testid=version-retire]').count()).toBe(0);

    await openRoute(auditorPage, baseUrl, '/reviews');
    await auditorPage.waitForSelector(`tr[data-row-key="${leftInQueue.id}"]`);
    expect(await auditorPage.locator('[data-testid^=approve-], [data-testid^=reject-]').count()).toBe(0);

    await openRoute(auditorPage, baseUrl, '/pools');
    await auditorPage.waitForSelector(`tr[data-row-key="${TAIAN}"]`);
    expect(
      await auditorPage.locator('[data-testid=retire-form], [data-testid=pools-table] button').count(),
    ).toBe(0);
    await shot(auditorPage, '12-auditor-pools');

    const before = await pool(TAIAN);
    const attempt = await auditorPage.evaluate<{ status: number; code: string }>(`(async () => {
      const { accessToken } = JSON.parse(sessionStorage.getItem('carbon-console-session'));
      const response = await fetch('/admin/v1/pools/${TAIAN}/retirements', {
        method: 'POST',
        headers: { authorization: 'Bearer ' + accessToken, 'content-type': 'application/json', 'idempotency-key': 'auditor-attempt' },
        body: JSON.stringify({ grams: '1', purpose: 'an auditor may not retire' }),
      });
      return { status: response.status, code: (await response.json()).code };
    })()`);
    expect(attempt).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(await pool(TAIAN)).toEqual(before);
    expect(await env.query(`SELECT serial FROM retirements`)).toHaveLength(1);
  });

  it('raised no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
