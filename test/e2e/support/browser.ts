import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

// Debian's Chromium, never a downloaded browser.
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless=new',
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

type ContextOptions = {
  /**
   * axe-core is injected as an inline script, which the server's CSP (rightly) refuses;
   * contexts that run accessibility checks bypass the CSP, the others keep it.
   */
  accessibilityChecks?: boolean;
};

export function newContext(
  browser: Browser,
  baseUrl: string,
  options: ContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl,
    locale: 'en-GB',
    viewport: { width: 1280, height: 860 },
    bypassCSP: options.accessibilityChecks ?? false,
  });
}

/** A phone's screen, as the tests that work from a phone use it. */
export const phoneScreen = { width: 390, height: 844 } as const;

/** A page of a context of its own (see newContext), its screen set to `viewport` when one is given. */
export async function newPage(
  browser: Browser,
  baseUrl: string,
  options: ContextOptions & { viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const page = await (await newContext(browser, baseUrl, options)).newPage();
  if (options.viewport) await page.setViewportSize(options.viewport);
  return page;
}

const screenshotDirectory = path.resolve('test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDirectory, { recursive: true });
  // Notifications fade in and out; the picture waits for the page to settle.
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(screenshotDirectory, `${name}.png`), fullPage: true });
}

/** The page is usable at phone width when nothing sticks out sideways. */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
};
declare const axe: { run(): Promise<{ violations: AxeViolation[] }> };

/** Runs axe-core on the page as it is and fails on any serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const { violations } = await page.evaluate(() => axe.run());
  const serious = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
      why: violation.nodes[0]?.failureSummary,
    }));
  expect(serious, `axe on ${page.url()}`).toEqual([]);
}
