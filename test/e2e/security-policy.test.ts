import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { assertWebBuilt, collectPageErrors, launchBrowser } from '../helpers/browser.ts';
import { startTestServer } from '../helpers/server.ts';

// The Content-Security-Policy in a real browser (issue 9.10): the checks of every other browser
// test (collectPageErrors reports violations) only mean something if a violation is seen, so
// this proves it is; and the API docs page, which no other test opens, works under it.

describe('content security policy', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;

  beforeAll(async () => {
    assertWebBuilt();
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('blocks inline script and reports it as a page error', async () => {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto('/login');
    await page.getByTestId('login-username').waitFor();
    expect(errors).toEqual([]);
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
      await new Promise((r) => setTimeout(r, 100));
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => errors.map(String).join('\n')).toMatch(/Content Security Policy|CSP violation/);
    await context.close();
  });

  it('the API docs work under it', async () => {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto('/docs');
    await page.locator('.swagger-ui .opblock').first().waitFor();
    expect(errors.map(String)).toEqual([]);
    await context.close();
  });
});
