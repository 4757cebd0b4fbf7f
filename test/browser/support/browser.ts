import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import playwright, { type Browser, type Page } from 'playwright-core';

export const SCREENSHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  // The suite's global setup empties the folder once per run (support/global-setup.js).
  mkdirSync(SCREENSHOTS, { recursive: true });
  return headlessChromium();
}

/** Debian's Chromium, headless, quiet (no background networking, updates or sync). */
export function headlessChromium(): Promise<Browser> {
  return playwright.chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh tab (its own sessionStorage) on a desktop-sized window; page errors and CSP refusals are collected. */
export async function openTab(browser: Browser, errors: string[]): Promise<Page> {
  // The bureau's staff work in China Standard Time; date pickers use the browser's zone.
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => errors.push(error.message));
  // A script, style or frame the Content-Security-Policy blocked is only reported on the console.
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text()))
      errors.push(message.text());
  });
  return page;
}

export async function signIn(page: Page, baseUrl: string, who: { username: string; password: string }) {
  await page.goto(`${baseUrl}/console/`);
  await page.fill('#username', who.username);
  await page.fill('#password', who.password);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=signed-in-user]');
}

/** Opens a console route and reloads, so the page fetches afresh even if the hash did not change. */
export async function openRoute(page: Page, baseUrl: string, route: string) {
  await page.goto(`${baseUrl}/console/#${route}`);
  await page.reload();
}

export const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

export interface ChartState {
  total: number;
  series: Record<string, number>;
  /** Painted pixels on the chart's canvas: zero means ECharts drew nothing. */
  paintedPixels: number;
}

/** What a chart container says it drew (data-total, data-series-totals) and whether its canvas has ink. */
export async function chartState(page: Page, testId: string): Promise<ChartState> {
  await page.waitForSelector(`[data-testid="${testId}"][data-rendered="true"] canvas`);
  // A string, not a function: the test sources are typed without the DOM library.
  return page.evaluate<ChartState>(`(() => {
    const element = document.querySelector('[data-testid=${JSON.stringify(testId)}]');
    const canvas = element.querySelector('canvas');
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) painted += 1;
    return {
      total: Number(element.dataset.total),
      series: JSON.parse(element.dataset.seriesTotals || '{}'),
      paintedPixels: painted,
    };
  })()`);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Loads axe-core into the page. Evaluated, not added as a <script>: the API's Content-Security-Policy
 * (script-src 'self') refuses inline scripts, and the tests keep that policy on.
 */
export async function injectAxe(page: Page): Promise<void> {
  await page.evaluate(AXE_SOURCE);
}
