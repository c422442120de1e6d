import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type LaunchOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from './server.ts';

// Real Chromium for end-to-end tests: Debian's package, driven by playwright-core (which
// downloads no browsers). CHROMIUM_PATH overrides the binary, e.g. on a developer's Mac.

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const WEB_DIST_INDEX = join(REPO_ROOT, 'web/dist/index.html');
export const E2E_RESULTS_DIR = join(REPO_ROOT, 'test-results/e2e');

export const CHROMIUM_EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a headless, container-friendly, quiet Chromium (no sandbox, no background calls home). */
export const BASE_CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchBrowserOptions extends Omit<LaunchOptions, 'executablePath' | 'args'> {
  /** Added after the base flags, e.g. `--use-fake-device-for-media-stream` for WebRTC tests. */
  extraArgs?: readonly string[];
  /** Another Chromium launcher, e.g. one that runs it in a network namespace (netns.ts). */
  executablePath?: string;
}

export async function launchBrowser(options: LaunchBrowserOptions = {}): Promise<Browser> {
  const { extraArgs = [], executablePath = CHROMIUM_EXECUTABLE, ...rest } = options;
  if (!existsSync(CHROMIUM_EXECUTABLE)) {
    throw new Error(`Chromium not found at ${CHROMIUM_EXECUTABLE}; install it or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    headless: true,
    ...rest,
    executablePath,
    args: [...BASE_CHROMIUM_ARGS, ...extraArgs],
  });
}

/** E2E tests run against the built web app; fail early and say how to make it. */
export function assertWebBuilt(): void {
  if (!existsSync(WEB_DIST_INDEX)) {
    throw new Error(`web app not built: ${WEB_DIST_INDEX} is missing — run npm run build first`);
  }
}

/** Saves a full-page screenshot under test-results/e2e/ and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const path = join(E2E_RESULTS_DIR, `${name}.png`);
  await mkdir(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Collects uncaught page errors and Content-Security-Policy violations, so a test can assert the
 * app caused none: every page the tests open is also a check that the server's CSP lets the app
 * work. Failed requests the app handles (a 401 from /api/me before sign-in) are not errors here.
 */
export function collectPageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  // Chromium reports a blocked load in the console; the DOM event also catches reports it keeps
  // quiet about (and is how other browsers tell). Init scripts are not subject to the page's CSP.
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|CSP violation/.test(msg.text())) errors.push(new Error(msg.text()));
  });
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return errors;
}

/** A new browser context signed in through the login page as `username` (demo password), on the home page. */
export async function signInPage(
  browser: Browser,
  o: { baseURL: string; username: string; viewport?: { width: number; height: number }; password?: string },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: o.viewport ?? { width: 1366, height: 768 }, baseURL: o.baseURL });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByTestId('login-username').fill(o.username);
  await page.getByTestId('login-password').fill(o.password ?? DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname === '/');
  return { context, page };
}

/** The page fits its viewport's width: nothing to scroll sideways on a tablet. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  // A string expression: the test's tsconfig has no DOM types (it runs in the browser).
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  expect(overflow).toBeLessThanOrEqual(0);
}
