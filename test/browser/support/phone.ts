import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOTS, headlessChromium, injectAxe } from './browser.js';

/** The mini-program's screenshots, in their own folder so the console's run does not wipe them. */
export const PHONE_SCREENSHOTS = join(SCREENSHOTS, 'miniprogram');

export function launchPhoneBrowser(): Promise<Browser> {
  rmSync(PHONE_SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(PHONE_SCREENSHOTS, { recursive: true });
  return headlessChromium();
}

/** A 390×844 phone in China Standard Time; page errors are collected. */
export async function openPhone(browser: Browser, errors: string[]): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => errors.push(error.message));
  return page;
}

export const phoneShot = (page: Page, name: string) =>
  page.screenshot({ path: join(PHONE_SCREENSHOTS, `${name}.png`), fullPage: true });

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** axe-core's WCAG 2.1 A/AA scan of what the page shows now: the serious and critical findings. */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  await injectAxe(page);
  // A string, not a function: the test sources are typed without the DOM library.
  const findings = await page.evaluate<AxeFinding[]>(`(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  })()`);
  return findings.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
}

/** The citizen's access token as the H5 build keeps it (Taro wraps storage values as {data}). */
export async function storedToken(page: Page): Promise<string> {
  const raw = await page.evaluate<string | null>(`localStorage.getItem('citizen.token')`);
  if (!raw) throw new Error('no token in the page storage');
  return (JSON.parse(raw) as { data: string }).data;
}
