import type { INestApplicationContext } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { ADMIN, adminBootstrapEnv } from '../support/admin.js';
import { TestEnvironment } from '../support/environment.js';
import { ApiUnderTest, startWorker } from '../support/services.js';
import { launchChromium } from './support/browser.js';
import {
  CONSOLE_PAGES,
  VIEWPORTS,
  checkPage,
  openFresh,
  passing,
  settled,
  verdict,
  type PageCheck,
} from './support/page-checks.js';
import { cyclingAction, publishCyclingWithReview } from './support/seed.js';

const LOGIN_SCRIPT_BUDGET = 200 * 1024;

/**
 * Every console page at a desktop and a phone width, each in a fresh context: axe-core finds no
 * serious or critical violation, no English word is visible, there is one h1, nothing scrolls
 * sideways; the login page's JavaScript stays within its budget and carries no chart library.
 */
describe('every console page, at 1440 and 390 px', () => {
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseUrl: string;
  let signedIn: { accessToken: string; role: 'admin'; username: string };
  const checks: PageCheck[] = [];

  beforeAll(async () => {
    env = await TestEnvironment.create();
    const config = env.config({ ...adminBootstrapEnv, CONSOLE_DIR: resolve('dist/console') });
    api = await ApiUnderTest.start(config);
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    worker = await startWorker(config);
    const login = await api.request<{ accessToken: string }>('POST', '/admin/v1/auth/login', { body: ADMIN });
    signedIn = { accessToken: login.body.accessToken, role: 'admin', username: ADMIN.username };
    // Something on every page: a settled action, and one waiting for review.
    await cyclingAction(api, 'pages-rider', '370102', 5000, 20);
    await publishCyclingWithReview(api, signedIn.accessToken);
    await cyclingAction(api, 'pages-reviewed', '370200', 6000, 25);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
    await env?.dispose();
  });

  it.each(CONSOLE_PAGES)('$name passes axe, shows no English and wraps at both widths', async (page) => {
    const errors: string[] = [];
    const tab = await openFresh(browser, baseUrl, page.route, signedIn);
    tab.on('pageerror', (error) => errors.push(error.message));
    await settled(tab);
    for (const viewport of VIEWPORTS) {
      const check = await checkPage(tab, page.name, viewport);
      checks.push(check);
      expect(verdict(check)).toEqual(passing(check));
    }
    expect(errors).toEqual([]);
    await tab.context().close();
  });

  it('sends the login page with at most 200 KB of compressed JavaScript and no chart library', async () => {
    const tab = await openFresh(browser, baseUrl, '');
    const scripts: string[] = [];
    tab.on('response', (response) => {
      if (response.url().endsWith('.js')) scripts.push(response.url());
    });
    await tab.reload();
    await settled(tab);
    const login = checks.find((c) => c.name === 'login' && c.viewport === 'desktop')!;
    expect(login.transferred.scripts).toBeGreaterThan(0);
    expect(login.transferred.scripts).toBeLessThanOrEqual(LOGIN_SCRIPT_BUDGET);
    expect(scripts.filter((url) => /echarts|chart/i.test(url))).toEqual([]);
    await tab.context().close();
  });
});
