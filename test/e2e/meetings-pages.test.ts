import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { MeetingCreated, MeetingDetail } from '../../src/contract/meetings.ts';
import { assertWebBuilt, collectPageErrors, expectNoHorizontalScroll, launchBrowser, saveScreenshot, signInPage } from '../helpers/browser.ts';
import { ApiClient } from '../helpers/client.ts';
import { demoDirectory } from '../helpers/meetings.ts';
import { DEMO_PASSWORD, startTestServer } from '../helpers/server.ts';

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

  it('keeps an open confirmation, and the reason typed in it, when the page reads the meeting again', async () => {
    // A district meeting: its clerk organises it and, his unit being invited, is told of changes.
    const dir = await demoDirectory(server.url);
    const organiser = new ApiClient(server.url);
    expect((await organiser.login('d01.clerk', DEMO_PASSWORD)).status).toBe(200);
    const created = await organiser.post('/api/meetings', {
      title: 'Họp chuẩn bị tiếp công dân',
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      invitedUnitIds: [dir.unit('d01')],
      chairId: await dir.user('d01.leader'),
    });
    const { id } = (await created.json()) as MeetingCreated;
    const { startsAt } = await organiser.json<MeetingDetail>(`/api/meetings/${id}`);
    const clerk = await signIn('d01.clerk', VIEWPORTS[0]);
    const errors = collectPageErrors(clerk.page);
    try {
      const page = clerk.page;
      await page.goto(`/meetings/${id}`);
      await page.getByTestId('meeting-cancel').click();
      await page.getByTestId('meeting-cancel-reason').fill('Trùng lịch tiếp công dân');
      // Meanwhile the district leader moves it a day: the clerk is told and the page reads it again.
      const leader = new ApiClient(server.url);
      expect((await leader.login('d01.leader', DEMO_PASSWORD)).status).toBe(200);
      const later = new Date(Date.parse(startsAt) + 86_400_000).toISOString();
      expect((await leader.request('PATCH', `/api/meetings/${id}`, { startsAt: later })).status).toBe(200);
      const moved = (await organiser.json<MeetingDetail>(`/api/meetings/${id}`)).startsAt;
      expect(moved).not.toBe(startsAt);
      await page.locator(`[data-testid="meeting-facts"] time[datetime="${moved}"]`).waitFor();
      // The question and the reason are still there, and confirming cancels.
      expect(await page.getByTestId('meeting-cancel-reason').inputValue()).toBe('Trùng lịch tiếp công dân');
      await page.getByTestId('meeting-cancel-confirm').click();
      await page.locator('[data-testid="meeting-detail"][data-status="cancelled"]').waitFor();
      expect(await page.getByTestId('meeting-facts').textContent()).toContain('Trùng lịch tiếp công dân');
      expect(errors.map(String)).toEqual([]);
    } finally {
      await clerk.context.close();
    }
  });
});
