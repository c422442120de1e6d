import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client.ts';
import { assertWebBuilt, collectPageErrors, expectNoHorizontalScroll, launchBrowser, saveScreenshot, signInPage } from '../helpers/browser.ts';
import { createCityMeeting } from '../helpers/meetings.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';
import { SignallingClient } from '../helpers/signalling-client.ts';

// The minutes page in real Chromium at tablet size: after the chair ends the meeting, the
// secretary opens the minutes from the meeting's page, writes the conclusions, sees them saved
// (and kept after a reload), and the draft PDF it links states them; an invited member is
// offered no minutes before the meeting is closed.

const run = promisify(execFile);
const TABLET = { width: 768, height: 1024 } as const;

describe('minutes page', () => {
  let t: TestServer;
  let browser: Browser;
  let meetingId: string;

  beforeAll(async () => {
    assertWebBuilt();
    t = await startTestServer();
    browser = await launchBrowser();
    meetingId = await createCityMeeting(t.url, { invite: ['d01'], secretary: 'city.member', title: 'Họp rà soát tiến độ dự án' });
    const clerk = new ApiClient(t.url);
    await clerk.login('city.clerk', DEMO_PASSWORD);
    const item = await clerk.post(`/api/meetings/${meetingId}/agenda`, { title: 'Tiến độ cầu vượt nút giao' });
    if (item.status !== 201) throw new Error(`agenda → ${item.status}`);
    const chair = await SignallingClient.connect(t.url, 'city.leader', DEMO_PASSWORD);
    try {
      await chair.joinMeeting(meetingId);
      const api = new ApiClient(t.url);
      await api.login('city.leader', DEMO_PASSWORD);
      const ended = await api.post(`/api/meetings/${meetingId}/end`);
      if (ended.status !== 200) throw new Error(`end → ${ended.status}`);
    } finally {
      chair.close();
    }
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lets the secretary write and save the conclusions, and links the draft that states them', async () => {
    const { page, context } = await signInPage(browser, { baseURL: t.url, username: 'city.member', viewport: TABLET });
    const errors = collectPageErrors(page);
    try {
      await page.goto(`/meetings/${meetingId}`);
      await page.getByTestId('meeting-minutes').click();
      await page.waitForURL((url) => url.pathname === `/meetings/${meetingId}/minutes`);
      expect(await page.getByTestId('minutes-page').getAttribute('data-status')).toBe('draft');
      expect(await page.getByTestId('minutes-status').textContent()).toContain('Bản nháp');

      const conclusions = 'Giao Ban Quản lý dự án hoàn thành hạng mục cầu vượt trước quý II năm 2027.';
      await page.getByTestId('minutes-conclusions').fill(conclusions);
      const itemConclusion = 'Đẩy nhanh giải phóng mặt bằng.';
      await page.getByTestId('minutes-item-conclusion').fill(itemConclusion);
      expect(await page.getByTestId('minutes-save-state').getAttribute('data-state')).toBe('unsaved');
      await page.getByTestId('minutes-save').click();
      await page.waitForFunction(`document.querySelector('[data-testid="minutes-save-state"]')?.dataset.state === 'saved'`);
      expect(await page.getByTestId('minutes-save-state').textContent()).toContain('Đã lưu lúc');
      await expectNoHorizontalScroll(page);
      await saveScreenshot(page, 'minutes-page-768x1024');

      await page.reload();
      expect(await page.getByTestId('minutes-conclusions').inputValue()).toBe(conclusions);
      expect(await page.getByTestId('minutes-item-conclusion').inputValue()).toBe(itemConclusion);
      const href = (await page.getByTestId('minutes-file').getAttribute('href')) ?? '';
      const pdf = await page.request.get(href);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      const child = run('pdftotext', ['-enc', 'UTF-8', '-', '-'], { encoding: 'utf8' });
      child.child.stdin?.end(await pdf.body());
      const text = (await child).stdout.replace(/\s+/g, ' ');
      expect(text).toContain(conclusions);
      expect(text).toContain(`1. Tiến độ cầu vượt nút giao. Kết luận: ${itemConclusion}`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('offers an invited member no minutes before the meeting is closed', async () => {
    const { page, context } = await signInPage(browser, { baseURL: t.url, username: 'd01.member', viewport: TABLET });
    try {
      await page.goto(`/meetings/${meetingId}`);
      await page.getByTestId('meeting-detail').waitFor();
      expect(await page.getByTestId('meeting-minutes').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
