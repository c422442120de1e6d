import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { assertWebBuilt, collectPageErrors, expectNoHorizontalScroll, launchBrowser, saveScreenshot } from '../helpers/browser.ts';
import { startTestServer } from '../helpers/server.ts';

// Sign-in and the home page in real Chromium, at a portrait tablet and a laptop size, against
// the real server on a fresh embedded database with the demo seed.

const USERNAME = 'city.member';
const PASSWORD = 'demo1234';
const VIEWPORTS = [
  { width: 768, height: 1024 },
  { width: 1366, height: 768 },
] as const;

interface MeBody {
  fullName: string;
  title: string | null;
  unit: { name: string };
}

describe('login and home page', () => {
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

  for (const viewport of VIEWPORTS) {
    const size = `${viewport.width}x${viewport.height}`;

    it(`signs in and shows the home page at ${size}`, async () => {
      const context = await browser.newContext({ viewport, baseURL: server.url });
      const page = await context.newPage();
      const pageErrors = collectPageErrors(page);
      try {
        // A visitor without a session is sent to the login page, in Vietnamese by default.
        await page.goto('/');
        await page.waitForURL((url) => url.pathname === '/login');
        expect(await page.getAttribute('html', 'lang')).toBe('vi');
        await page.getByTestId('login-username').waitFor();
        await saveScreenshot(page, `login-${size}`);

        // A wrong password shows the server's message and stays on the login page.
        await page.getByTestId('login-username').fill(USERNAME);
        await page.getByTestId('login-password').fill('not-the-password');
        await page.getByTestId('login-submit').click();
        const error = page.getByTestId('login-error');
        await error.waitFor({ state: 'visible' });
        expect((await error.textContent())?.trim()).not.toBe('');
        expect(new URL(page.url()).pathname).toBe('/login');

        // The right password leads home.
        await page.getByTestId('login-username').fill(USERNAME);
        await page.getByTestId('login-password').fill(PASSWORD);
        await page.getByTestId('login-submit').click();
        await page.waitForURL((url) => url.pathname === '/');

        // The page shares the browser context's cookie, so this is the signed-in user.
        const meResponse = await page.request.get('/api/me');
        expect(meResponse.status()).toBe(200);
        const me = (await meResponse.json()) as MeBody;

        const greeting = page.getByTestId('home-greeting');
        await greeting.waitFor();
        const greetingText = (await greeting.textContent()) ?? '';
        expect(greetingText).toContain(me.fullName);
        expect(greetingText).toContain(me.unit.name);
        if (me.title) expect(greetingText).toContain(me.title);

        const meetings = page.getByTestId('home-meetings');
        const documents = page.getByTestId('home-documents');
        expect(await meetings.isVisible()).toBe(true);
        expect(await documents.isVisible()).toBe(true);
        expect(await meetings.textContent()).toContain('Cuộc họp sắp tới');
        expect(await meetings.textContent()).toContain('Hiện không có cuộc họp nào sắp diễn ra.');
        expect(await documents.textContent()).toContain('Văn bản chờ xử lý');
        expect(await documents.textContent()).toContain('Không có văn bản nào đang chờ bạn xử lý.');
        await expectNoHorizontalScroll(page);
        await saveScreenshot(page, `home-${size}`);

        // English, and the choice survives a reload.
        await page.getByTestId('lang-switch').click();
        await page.getByRole('heading', { name: 'Upcoming meetings' }).waitFor();
        expect(await page.getAttribute('html', 'lang')).toBe('en');
        expect(await documents.textContent()).toContain('Documents awaiting you');
        expect(await greeting.textContent()).toContain(`Hello, ${me.fullName}`);
        await expectNoHorizontalScroll(page);
        await saveScreenshot(page, `home-${size}-en`);
        await page.reload();
        await page.getByRole('heading', { name: 'Upcoming meetings' }).waitFor();
        expect(await page.getAttribute('html', 'lang')).toBe('en');

        // Signing out ends the session: home sends us back to the login page.
        await page.getByTestId('logout').click();
        await page.waitForURL((url) => url.pathname === '/login');
        await page.goto('/');
        await page.waitForURL((url) => url.pathname === '/login');

        expect(pageErrors.map(String)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});

/** Tablet-first: nothing may overflow sideways at either size. */
