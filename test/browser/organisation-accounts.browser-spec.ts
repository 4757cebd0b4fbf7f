import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, adminBootstrapEnv, adminToken } from '../support/admin.js';
import { TestEnvironment } from '../support/environment.js';
import { ApiUnderTest } from '../support/services.js';
import { launchChromium, openRoute, openTab, signIn } from './support/browser.js';
import { VIEWPORTS, checkPage, passing, verdict } from './support/page-checks.js';

const INSTITUTION_CODE = '12370800004329876B';
const YEAR = 2025;
// 100 × 2162 + 500 × 677.6 = 216,200 + 338,800 = 555,000 g: 555 千克.
const LINES = [
  {
    scope: 1,
    source: '食堂天然气',
    activity: '100',
    activityUnit: '立方米',
    factor: '2162',
    factorSource: '天然气排放因子',
  },
  {
    scope: 2,
    source: '办公楼外购电力',
    activity: '500',
    activityUnit: 'kWh',
    factor: '677.6',
    factorSource: '电网排放因子',
  },
];

interface Member {
  citizenId: string;
  removedAt: string | null;
}

/**
 * An officer manages an organisation in the console against the real API: removes a member and sees
 * it listed as removed with the event in the history, re-adds them, and corrects a public
 * institution's inventory (the form refuses an empty note first) and sees revision 2. Assertions are
 * on what the page shows, checked against the API; axe is clean on each screen at both widths.
 */
describe('an officer manages an organisation in the console', () => {
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let admin: string;
  let organisationId: string;
  let manager: string;
  let member: string;
  const pageErrors: string[] = [];

  const members = async () =>
    (
      await api.request<{ memberList: Member[] }>('GET', `/admin/v1/organisations/${organisationId}`, {
        token: admin,
      })
    ).body.memberList;
  const inventory = async () =>
    (
      await api.request<{ revision: number; totalGrams: string }>(
        'GET',
        `/admin/v1/organisations/${organisationId}/inventories/${YEAR}`,
        { token: admin },
      )
    ).body;
  const checkBothWidths = async (name: string) => {
    await page.mouse.move(0, 0);
    for (const viewport of VIEWPORTS) {
      const check = await checkPage(page, name, viewport);
      expect(verdict(check)).toEqual(passing(check));
    }
    await page.setViewportSize({ width: 1440, height: 1000 });
  };
  const confirmPopover = () =>
    page.click('.ant-popover:not(.ant-popover-hidden) .ant-popconfirm-buttons .ant-btn-primary');
  const newestEvent = () => page.locator('[data-testid=member-events] tbody tr.ant-table-row').first();

  beforeAll(async () => {
    env = await TestEnvironment.create();
    const config = env.config({
      ...adminBootstrapEnv,
      CONSOLE_DIR: process.env.CONSOLE_UNDER_TEST ?? resolve('dist/console'),
    });
    api = await ApiUnderTest.start(config);
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    admin = await adminToken(api, ADMIN);
    const registered = await api.request<{ id: string }>('POST', '/admin/v1/organisations', {
      token: admin,
      body: {
        name: '济宁市机关事务服务中心',
        creditCode: INSTITUTION_CODE,
        districtCode: '370800',
        kind: 'public-institution',
      },
    });
    expect(registered.status).toBe(201);
    organisationId = registered.body.id;
    manager = (await api.login('org-manager', '370800')).citizenId;
    member = (await api.login('org-member', '370800')).citizenId;
    for (const [citizenId, role] of [
      [manager, 'manager'],
      [member, 'member'],
    ])
      expect(
        (
          await api.request('POST', `/admin/v1/organisations/${organisationId}/members`, {
            token: admin,
            body: { citizenId, role },
          })
        ).status,
      ).toBe(200);
    const recorded = await api.request('POST', `/admin/v1/organisations/${organisationId}/inventories`, {
      token: admin,
      body: { year: YEAR, lines: LINES },
    });
    expect(recorded.status).toBe(201);
    browser = await launchChromium();
    page = await openTab(browser, pageErrors);
    await signIn(page, baseUrl, ADMIN);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await env?.dispose();
  });

  it('removes a member, sees them listed as removed and the event in the history, and re-adds them', async () => {
    await openRoute(page, baseUrl, '/organisations');
    await page.locator(`[data-testid=organisation-link-${organisationId}]`).waitFor();
    await checkBothWidths('organisations-listed');
    await page.click(`[data-testid=organisation-link-${organisationId}]`);
    await page.locator('h1', { hasText: '济宁市机关事务服务中心' }).waitFor();
    const status = page.locator(`[data-testid=member-status-${member}]`);
    expect(await status.textContent()).toBe('在册');
    // The history loads on its own request after the members: wait for its rows before counting them.
    await page.locator('[data-testid=member-events] tbody tr.ant-table-row').nth(1).waitFor();
    expect(await page.locator('[data-testid=member-events] tbody tr.ant-table-row').count()).toBe(2);

    await page.click(`[data-testid=member-remove-${member}]`);
    await confirmPopover();
    await status.locator('text=已移除').waitFor();
    await newestEvent().locator('text=移除').waitFor();
    expect(await newestEvent().textContent()).toContain(member);
    expect(await page.locator('[data-testid=member-events] tbody tr.ant-table-row').count()).toBe(3);
    expect(await page.locator(`[data-testid=member-status-${manager}]`).textContent()).toBe('在册');
    const removed = (await members()).find((m) => m.citizenId === member)!;
    expect(removed.removedAt).not.toBeNull();
    await checkBothWidths('organisation-members-removed');

    // Re-added from the keyboard: the button takes focus and Enter opens the confirmation.
    await page.focus(`[data-testid=member-readd-${member}]`);
    await page.keyboard.press('Enter');
    await confirmPopover();
    await status.locator('text=在册').waitFor();
    await newestEvent().locator('text=重新添加').waitFor();
    expect(await page.locator('[data-testid=member-events] tbody tr.ant-table-row').count()).toBe(4);
    expect((await members()).find((m) => m.citizenId === member)!.removedAt).toBeNull();
    const events = await api.request<{ event: string; citizenId: string }[]>(
      'GET',
      `/admin/v1/organisations/${organisationId}/member-events`,
      { token: admin },
    );
    expect(events.body.map((e) => e.event)).toEqual(['added', 'added', 'removed', 're-added']);
  });

  it('says in Chinese why a removal is refused when another officer removed the member first, and shows what is now true', async () => {
    await openRoute(page, baseUrl, `/organisations/${organisationId}`);
    const status = page.locator(`[data-testid=member-status-${manager}]`);
    await status.locator('text=在册').waitFor();
    const elsewhere = await api.request(
      'DELETE',
      `/admin/v1/organisations/${organisationId}/members/${manager}`,
      {
        token: admin,
      },
    );
    expect(elsewhere.status).toBe(200);

    await page.click(`[data-testid=member-remove-${manager}]`);
    await confirmPopover();
    const notice = page.locator('.ant-notification-notice', { hasText: '移除成员失败' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('该用户不是本单位的在册成员。');
    expect(await notice.locator('[data-testid=error-code]').textContent()).toBe(
      '（代码 ORGANISATION_MEMBER_NOT_FOUND）',
    );
    await status.locator('text=已移除').waitFor();
    const events = await api.request<{ event: string }[]>(
      'GET',
      `/admin/v1/organisations/${organisationId}/member-events`,
      { token: admin },
    );
    // One removal: the refused one wrote nothing.
    expect(events.body.map((e) => e.event)).toEqual(['added', 'added', 'removed', 're-added', 'removed']);
    await notice.locator('.ant-notification-notice-close').click();
  });

  it("corrects the year's inventory: an empty note is refused, then revision 2 is shown beside revision 1", async () => {
    await openRoute(page, baseUrl, `/organisations/${organisationId}`);
    await page.fill('#inventory-year', String(YEAR));
    await page.locator('[data-testid=inventory-revision]', { hasText: '第 1 版' }).waitFor();
    expect(await page.textContent('[data-testid=inventory-total]')).toBe('555 千克');

    await page.click('[data-testid=correction-open]');
    await page.click('[data-testid=line-add]');
    await page.fill('[data-testid=line-source-2]', '食堂液化石油气');
    await page.fill('[data-testid=line-activity-2]', '200');
    await page.fill('[data-testid=line-unit-2]', '千克');
    await page.fill('[data-testid=line-factor-2]', '3101');
    await page.fill('[data-testid=line-factor-source-2]', '液化石油气排放因子');
    await page.click('.ant-modal-footer .ant-btn-primary');
    await page.locator('.ant-form-item-explain-error', { hasText: '请输入更正说明' }).waitFor();
    expect((await inventory()).revision).toBe(1);
    await page.fill('[data-testid=correction-note]', '补录食堂液化石油气用量');
    await checkBothWidths('organisation-inventory-correction');

    await page.click('.ant-modal-footer .ant-btn-primary');
    // 555,000 + 200 × 3101 = 1,175,200 g: now in 吨.
    await page.locator('[data-testid=inventory-revision]', { hasText: '第 2 版' }).waitFor();
    expect(await page.textContent('[data-testid=inventory-total]')).toBe('1.175 吨');
    const revisions = await page
      .locator('[data-testid=inventory-revisions] tbody tr.ant-table-row')
      .allTextContents();
    expect(revisions).toHaveLength(2);
    expect(revisions[0]).toContain('第 2 版');
    expect(revisions[0]).toContain('补录食堂液化石油气用量');
    expect(revisions[1]).toContain('第 1 版');
    expect(revisions[1]).toContain('555 千克');
    expect(await inventory()).toMatchObject({ revision: 2, totalGrams: '1175200' });
    await checkBothWidths('organisation-inventory-revised');
  });

  it('raised no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
