import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { assertWebBuilt, collectPageErrors, expectNoHorizontalScroll, launchBrowser, saveScreenshot, signInPage } from '../helpers/browser.ts';
import { startTestServer } from '../helpers/server.ts';

// Scheduling and in-app notifications in real Chromium against the real server: the district
// clerk of Ba Đình (d01.clerk, a landscape tablet) prepares a meeting for the district and all
// its communes as a draft, publishes, reschedules and cancels it; a commune member (c0101.member, a
// portrait tablet, in another browser context) stays on the home page and sees the bell count
// rise and the meeting appear, then leave, without the page ever reloading.

describe('meeting notifications', () => {
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

  it('a district clerk schedules a meeting for the district and its communes; a commune member sees it arrive live', async () => {
    const title = 'Họp triển khai chuyển đổi số cấp phường';
    const clerk = await signIn('d01.clerk', { width: 1024, height: 768 });
    const member = await signIn('c0101.member', { width: 768, height: 1024 });
    const clerkErrors = collectPageErrors(clerk.page);
    const memberErrors = collectPageErrors(member.page);
    try {
      const home = member.page;
      const count = home.getByTestId('notifications-count');
      const homeMeetings = home.getByTestId('home-meetings');
      await homeMeetings.waitFor();
      expect(await count.isHidden()).toBe(true);
      expect(await homeMeetings.textContent()).not.toContain(title);
      // Anything that reloads the page drops this marker.
      await home.evaluate('window.__sameDocument = true');

      // The clerk prepares it as a draft: Ba Đình (his unit) and all its communes, a secretary.
      const page = clerk.page;
      await page.goto('/meetings/new');
      await page.getByTestId('meeting-title').fill(title);
      const startsAt = await page.getByTestId('meeting-starts-at').inputValue();
      await page.locator('input[data-unit-code="d01"]').check();
      await page.getByTestId('meeting-include-subunits').check();
      expect(await page.locator('[data-testid="meeting-chair"] option:checked').getAttribute('data-username')).toBe('d01.leader');
      await page.getByTestId('meeting-secretary').selectOption({ label: 'Phạm Thị Lan — Chuyên viên Văn phòng UBND Quận Ba Đình' });
      await page.getByTestId('meeting-save-draft').click();
      await page.waitForURL((url) => url.pathname === '/meetings' && url.searchParams.has('created'));
      const meetingId = new URL(page.url()).searchParams.get('created') ?? '';
      const row = page.locator(`[data-testid="meeting-row"][data-meeting-id="${meetingId}"]`);
      expect(await row.getAttribute('data-status')).toBe('draft');
      expect(await row.textContent()).toContain('Dự thảo');

      // The month calendar (a landscape tablet is wide enough) shows it on its day.
      await page.goto(`/meetings?view=calendar&month=${startsAt.slice(0, 7)}`);
      const chip = page.locator(`[data-testid="calendar-item"][data-meeting-id="${meetingId}"]`);
      await chip.waitFor();
      expect(await chip.textContent()).toContain(startsAt.slice(11, 16));
      expect(await page.locator(`td[data-day="${startsAt.slice(0, 10)}"]`).textContent()).toContain(title);
      await saveScreenshot(page, 'meetings-calendar-1024x768');

      // A draft tells nobody: the member's bell stays quiet.
      expect(await count.isHidden()).toBe(true);

      // Published from its page: now the commune member is invited.
      await chip.click();
      await page.waitForURL((url) => url.pathname === `/meetings/${meetingId}`);
      expect(await page.getByTestId('meeting-facts').textContent()).toContain('UBND Quận Ba Đình và các đơn vị trực thuộc');
      await page.getByTestId('meeting-publish').click();
      await page.getByTestId('meeting-publish-confirm').click();
      await page.locator('[data-testid="meeting-detail"][data-status="scheduled"]').waitFor();
      await saveScreenshot(page, 'meeting-detail-1024x768');

      await home.locator('[data-testid="notifications-count"]:not([hidden])').waitFor();
      expect(await count.textContent()).toBe('1');
      await homeMeetings.getByText(title).waitFor();
      expect(await home.locator(`[data-testid="home-meeting"][data-meeting-id="${meetingId}"]`).count()).toBe(1);
      await home.getByTestId('notifications-bell').click();
      const item = home.getByTestId('notification-item').first();
      expect(await item.textContent()).toContain(`Mời họp: ${title}`);
      expect(await item.textContent()).toContain('UBND Quận Ba Đình');
      await expectNoHorizontalScroll(home);
      await saveScreenshot(home, 'notifications-panel-768x1024');

      // Rescheduled a day later through the edit form (which shows the meeting as it is).
      await page.getByTestId('meeting-edit').click();
      await page.waitForURL((url) => url.pathname === `/meetings/${meetingId}/edit`);
      // The address changes before the form is drawn (the router renders after pushState).
      await page.locator('input[data-testid="meeting-title"]').waitFor();
      expect(await page.getByTestId('meeting-title').inputValue()).toBe(title);
      expect(await page.locator('input[data-unit-code="d01"]').isChecked()).toBe(true);
      expect(await page.getByTestId('meeting-include-subunits').isChecked()).toBe(true);
      const dayLater = new Date(Date.parse(`${startsAt}:00Z`) + 86_400_000).toISOString().slice(0, 16);
      await page.getByTestId('meeting-starts-at').fill(dayLater);
      await page.getByTestId('meeting-submit').click();
      await page.waitForURL((url) => url.pathname === `/meetings/${meetingId}`);
      await home.locator('[data-testid="notifications-count"]', { hasText: '2' }).waitFor();
      expect(await home.getByTestId('notification-item').first().textContent()).toContain(`Đổi lịch họp: ${title}`);

      // Cancelled with a reason: a third notification, and the meeting leaves the home page.
      await page.getByTestId('meeting-cancel').click();
      await page.getByTestId('meeting-cancel-reason').fill('Trùng lịch tiếp công dân');
      await page.getByTestId('meeting-cancel-confirm').click();
      await page.locator('[data-testid="meeting-detail"][data-status="cancelled"]').waitFor();
      await home.locator('[data-testid="notifications-count"]', { hasText: '3' }).waitFor();
      await home.getByTestId('notification-item').filter({ hasText: 'Hủy họp' }).waitFor();
      await home.locator(`[data-testid="home-meeting"][data-meeting-id="${meetingId}"]`).waitFor({ state: 'detached' });
      expect(await home.evaluate('window.__sameDocument')).toBe(true);

      // Opening a notification leads to the meeting and marks it read.
      await home.getByTestId('notification-item').filter({ hasText: 'Hủy họp' }).click();
      await home.waitForURL((url) => url.pathname === `/meetings/${meetingId}`);
      expect(await home.getByTestId('meeting-facts').textContent()).toContain('Trùng lịch tiếp công dân');
      await home.locator('[data-testid="notifications-count"]', { hasText: '2' }).waitFor();
      expect(await home.getByTestId('meeting-cancel').count()).toBe(0);

      expect(clerkErrors.map(String)).toEqual([]);
      expect(memberErrors.map(String)).toEqual([]);
    } finally {
      await clerk.context.close();
      await member.context.close();
    }
  });
});
