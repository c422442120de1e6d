import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { MeetingDetail } from '../../src/contract/meetings.ts';
import { assertWebBuilt, collectPageErrors, expectNoHorizontalScroll, launchBrowser, saveScreenshot, signInPage } from '../helpers/browser.ts';
import { startTestServer } from '../helpers/server.ts';

// The meetings list and the scheduling form in real Chromium against the real server: a city
// clerk schedules a meeting for district Ba Đình and its communes, a server validation error is
// shown next to its field, the times are Vietnam time, and an invited district member finds the
// meeting (with its room link) but no scheduling form.

const VIEWPORTS = [
  { width: 768, height: 1024 },
  { width: 1366, height: 768 },
] as const;

describe('meetings pages', () => {
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

  const signIn = (username: string, viewport: { width: number; height: number }) => signInPage(browser, { baseURL: server.url, username, viewport });

  for (const viewport of VIEWPORTS) {
    const size = `${viewport.width}x${viewport.height}`;

    it(`a clerk schedules a meeting and an invited member sees it at ${size}`, async () => {
      const title = `Họp giao ban trực tuyến ${size}`;
      const clerk = await signIn('city.clerk', viewport);
      const errors = collectPageErrors(clerk.page);
      let meetingId: string;
      try {
        const { page } = clerk;
        await page.getByTestId('nav-meetings').click();
        await page.waitForURL((url) => url.pathname === '/meetings');
        await page.getByTestId('meetings-new').click();
        await page.waitForURL((url) => url.pathname === '/meetings/new');

        // Too short a title: the server refuses it and the form says which field is wrong.
        await page.getByTestId('meeting-title').fill('ab');
        await page.getByTestId('meeting-submit').click();
        const alert = page.getByTestId('meeting-form-error');
        await alert.waitFor({ state: 'visible' });
        expect(await alert.textContent()).toContain('Tên cuộc họp cần từ 3 đến 300 ký tự.');
        expect(await page.getByTestId('meeting-title').getAttribute('aria-invalid')).toBe('true');
        expect(new URL(page.url()).pathname).toBe('/meetings/new');
        await expectNoHorizontalScroll(page);
        await saveScreenshot(page, `meeting-form-error-${size}`);

        // A valid meeting: Ba Đình (found by typing without diacritics) and all its communes.
        await page.getByTestId('meeting-title').fill(title);
        await page.getByTestId('meeting-starts-at').fill('2030-12-02T08:30');
        await page.getByTestId('unit-filter').fill('ba dinh');
        await page.locator('input[data-unit-code="d01"]').check();
        await page.getByTestId('meeting-include-subunits').check();
        // A commune of Ba Đình is now covered by its district.
        expect(await page.locator('input[data-unit-code="c0101"]').isChecked()).toBe(true);
        expect(await page.locator('input[data-unit-code="c0101"]').isDisabled()).toBe(true);
        const chairUsername = await page.locator('[data-testid="meeting-chair"] option:checked').getAttribute('data-username');
        expect(chairUsername).toBe('city.leader');
        await page.getByTestId('meeting-submit').click();
        await page.waitForURL((url) => url.pathname === '/meetings' && url.searchParams.has('created'));
        meetingId = new URL(page.url()).searchParams.get('created') ?? '';
        expect(await page.getByTestId('meetings-created').textContent()).toContain(title);

        const row = page.locator(`[data-testid="meeting-row"][data-meeting-id="${meetingId}"]`);
        const rowText = (await row.textContent()) ?? '';
        expect(rowText).toContain(title);
        expect(rowText).toContain('02/12/2030 · 08:30');
        expect(rowText).toContain('Đã lên lịch');
        expect(rowText).toContain('Trần Văn Quang');
        expect(await row.getByTestId('meeting-join').getAttribute('href')).toBe(`/meetings/${meetingId}/room`);
        await expectNoHorizontalScroll(page);
        await saveScreenshot(page, `meetings-list-${size}`);

        const detail = (await (await page.request.get(`/api/meetings/${meetingId}`)).json()) as MeetingDetail;
        expect(new Date(detail.startsAt).toISOString()).toBe('2030-12-02T01:30:00.000Z');
        expect(detail.invitedUnits).toEqual([expect.objectContaining({ code: 'd01', includeSubunits: true })]);
        expect(errors.map(String)).toEqual([]);
      } finally {
        await clerk.context.close();
      }

      // A member of a commune of Ba Đình is invited through its district; members schedule nothing.
      const member = await signIn('c0101.member', viewport);
      const memberErrors = collectPageErrors(member.page);
      try {
        const { page } = member;
        await page.goto('/meetings');
        const row = page.locator(`[data-testid="meeting-row"][data-meeting-id="${meetingId}"]`);
        await row.waitFor();
        expect(await page.getByTestId('meetings-new').count()).toBe(0);
        await page.getByTestId('lang-switch').click();
        await page.getByRole('heading', { name: 'Meetings', exact: true }).waitFor();
        expect(await row.textContent()).toContain('Scheduled');
        expect(await row.getByTestId('meeting-join').textContent()).toBe('Join');
        await page.goto('/meetings/new');
        await page.waitForURL((url) => url.pathname === '/meetings');
        expect(memberErrors.map(String)).toEqual([]);
      } finally {
        await member.context.close();
      }
    });
  }
});
