/**
 * What every console page must pass, at a desktop and a phone width: no serious or critical axe-core
 * violation, no English word visible to an officer, one h1, and a screenshot per page and width in
 * test-artifacts/screenshots/. Each check is also written to test-artifacts/page-checks/ (with the
 * bytes the page transferred) for the closing report.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOTS, injectAxe } from './browser.js';

export const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
export type Viewport = (typeof VIEWPORTS)[number];

/** Latin words an officer may see: abbreviations the bureau itself uses, and units. */
export const LATIN_ALLOWED = new Set([
  'CSV',
  'API',
  'ID',
  'JSON',
  'HMAC',
  'URL',
  'CO',
  'COe',
  'kWh',
  'kW',
  'km',
  'kg',
  'Wh',
  'W',
  'g',
  'h',
  'COP',
]);

const REPORTS = join(process.cwd(), 'test-artifacts', 'page-checks');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

export interface PageCheck {
  name: string;
  viewport: Viewport['name'];
  /** Serious and critical axe-core violations (the suite requires none). */
  violations: AxeViolation[];
  /** Moderate and minor ones, reported but not failing. */
  otherViolations: number;
  englishWords: string[];
  h1Count: number;
  /** Wider than the window: something does not wrap (the page scrolls sideways). */
  overflowPx: number;
  /** Bytes on the wire since the page was opened (compressed where the server compressed them). */
  transferred: { scripts: number; styles: number; total: number };
}

/**
 * Latin words in the visible text. Skipped: text inside translate="no" (names, usernames, codes a
 * person types, e.g. a partner id), error codes shown small for support (UPPER_SNAKE), identifiers
 * with digits (UUIDs, serials, region codes) and the allow-list.
 */
export function englishWordsIn(text: string): string[] {
  const words = new Set<string>();
  for (const token of text.match(/[A-Za-z0-9_.@/:-]*[A-Za-z]{2,}[A-Za-z0-9_.@/:-]*/g) ?? []) {
    if (/\d/.test(token) || /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(token)) continue;
    for (const word of token.split(/[^A-Za-z]+/).filter((w) => w.length >= 2))
      if (!LATIN_ALLOWED.has(word)) words.add(word);
  }
  return [...words];
}

/** Checks the page as it is now at one viewport; a screenshot is saved as <name>-<viewport>.png. */
export async function checkPage(page: Page, name: string, viewport: Viewport): Promise<PageCheck> {
  await page.setViewportSize({ width: viewport.width, height: viewport.height });
  await page.waitForTimeout(300); // layout settles (sider collapse, chart resize)
  await injectAxe(page);
  // Strings, not functions: the test sources are typed without the DOM library.
  const axe = await page.evaluate<{ id: string; impact: string | null; help: string; targets: string[] }[]>(
    `(async () => {
      const result = await window.axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      }));
    })()`,
  );
  const visible = await page.evaluate<{ text: string; h1: number; overflow: number }>(`(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('[translate=no], script, style, noscript')) continue;
      if (!parent.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      text += ' ' + node.textContent;
    }
    for (const input of document.querySelectorAll('input[placeholder], textarea[placeholder]'))
      if (!input.closest('[translate=no]') && input.checkVisibility()) text += ' ' + input.placeholder;
    return {
      text,
      h1: [...document.querySelectorAll('h1')].filter((h) => h.checkVisibility()).length,
      overflow: Math.max(0, document.documentElement.scrollWidth - window.innerWidth),
    };
  })()`);
  const transferred = await page.evaluate<PageCheck['transferred']>(`(() => {
    const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
    const sum = (test) => entries.filter(test).reduce((n, e) => n + (e.transferSize || 0), 0);
    return {
      scripts: sum((e) => /\\.m?js(\\?|$)/.test(e.name)),
      styles: sum((e) => /\\.css(\\?|$)/.test(e.name)),
      total: sum(() => true),
    };
  })()`);
  const serious = axe.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const check: PageCheck = {
    name,
    viewport: viewport.name,
    violations: serious,
    otherViolations: axe.length - serious.length,
    englishWords: englishWordsIn(visible.text),
    h1Count: visible.h1,
    overflowPx: visible.overflow,
    transferred,
  };
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${viewport.width}.png`), fullPage: true });
  mkdirSync(REPORTS, { recursive: true });
  writeFileSync(join(REPORTS, `${name}-${viewport.width}.json`), JSON.stringify(check, null, 2));
  return check;
}

/** The part of a check a test asserts on: all empty/1/0 when the page passes. */
export const verdict = (check: PageCheck) => ({
  name: `${check.name}@${check.viewport}`,
  violations: check.violations,
  englishWords: check.englishWords,
  h1Count: check.h1Count,
  overflowPx: check.overflowPx,
});

export const passing = (check: PageCheck) => ({
  name: `${check.name}@${check.viewport}`,
  violations: [],
  englishWords: [],
  h1Count: 1,
  overflowPx: 0,
});

/** Every console page an officer can open, by name (the screenshot's) and route ('' = signed out). */
export const CONSOLE_PAGES: { name: string; route: string }[] = [
  { name: 'login', route: '' },
  { name: 'dashboard', route: '/dashboard' },
  { name: 'methodologies', route: '/methodologies' },
  { name: 'methodology-version', route: '/methodologies/bus/1' },
  { name: 'reviews', route: '/reviews' },
  { name: 'pools', route: '/pools' },
  { name: 'actions', route: '/actions' },
  { name: 'partners', route: '/partners' },
  { name: 'catalog', route: '/catalog' },
  { name: 'campaigns', route: '/campaigns' },
  { name: 'organisations', route: '/organisations' },
];

/**
 * A fresh browser context (empty cache, so the bytes measured are the page's own first load) that
 * is signed in as `token`'s admin before the console starts, opened on `route` ('' = the login page).
 */
export async function openFresh(
  browser: Browser,
  baseUrl: string,
  route: string,
  signedIn?: { accessToken: string; role: 'admin' | 'auditor'; username: string },
): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  if (signedIn && route) {
    const value = JSON.stringify({ ...signedIn, expiresAt: Date.now() + 3_600_000 });
    await context.addInitScript(`sessionStorage.setItem('carbon-console-session', ${JSON.stringify(value)})`);
  }
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${baseUrl}/console/${route ? `#${route}` : ''}`);
  return page;
}

/** Waits until a page has drawn its content: its h1, and no skeleton or spinner left. */
export async function settled(page: Page): Promise<void> {
  await page.waitForSelector('h1');
  // A locator, not waitForFunction: polling a predicate needs eval, which the console's CSP refuses.
  await page
    .locator('.ant-skeleton, .ant-spin-spinning, .ant-table-placeholder .ant-spin')
    .first()
    .waitFor({ state: 'detached' });
  await page.waitForLoadState('networkidle');
}
