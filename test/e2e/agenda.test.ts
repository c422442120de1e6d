import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Manifest } from '../../src/contract/agenda.ts';
import { assertWebBuilt, collectPageErrors, launchBrowser, saveScreenshot } from '../helpers/browser.ts';
import { bulkyPdf, sha256 } from '../helpers/documents.ts';
import { createCityMeeting } from '../helpers/meetings.ts';
import { DEMO_PASSWORD, startTestServer } from '../helpers/server.ts';

// The agenda page in real Chromium at tablet size: the city clerk adds an item and attaches a
// PDF, watching the upload progress (the upload is throttled so progress is visible), sees a
// refusal explained in words, and an invited commune member finds the item and its document.

describe('agenda page', () => {
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

  async function signIn(username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, baseURL: server.url });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => url.pathname === '/');
    return page;
  }

  it('a clerk adds an item and uploads a PDF with progress; an invited member opens it', async () => {
    const meetingId = await createCityMeeting(server.url, { invite: ['d01'], includeSubunits: true, title: 'Họp giao ban trực tuyến quý IV' });
    const pdf = await bulkyPdf(9, 3);

    const clerk = await signIn('city.clerk');
    const errors = collectPageErrors(clerk);
    try {
      await clerk.getByTestId('nav-meetings').click();
      const row = clerk.locator(`[data-testid="meeting-row"][data-meeting-id="${meetingId}"]`);
      await row.getByTestId('meeting-agenda').click();
      await clerk.waitForURL((url) => url.pathname === `/meetings/${meetingId}/agenda`);
      expect(await clerk.getByTestId('agenda-meeting').textContent()).toContain('Họp giao ban trực tuyến quý IV');

      // Add an item.
      const form = clerk.getByTestId('agenda-add-form');
      await form.getByTestId('agenda-add-form-title').fill('Báo cáo tình hình kinh tế - xã hội');
      await form.getByTestId('agenda-add-form-minutes').fill('20');
      await form.getByTestId('agenda-add-form-submit').click();
      const item = clerk.getByTestId('agenda-item').first();
      await item.getByText('Báo cáo tình hình kinh tế - xã hội').waitFor();
      expect(await item.textContent()).toContain('20 phút');

      // A file that is not a PDF is refused, in words.
      await item.getByTestId('agenda-item-upload-input').setInputFiles({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải PDF') });
      const refusal = item.getByTestId('agenda-item-upload-error');
      await refusal.waitFor({ state: 'visible' });
      expect(await refusal.textContent()).toContain('“ghi-chu.txt” không phải là tệp PDF');

      // A 3 MB PDF over a throttled link (≈1 MB/s up): the progress bar moves before it is done.
      const cdp = await clerk.context().newCDPSession(clerk);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });
      await clerk.evaluate(`(() => {
        window.__uploadProgress = [];
        new MutationObserver((records) => {
          for (const r of records) window.__uploadProgress.push(Number(r.target.getAttribute('data-percent')));
        }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-percent'] });
      })()`);
      await item.getByTestId('agenda-item-upload-input').setInputFiles({ name: 'Báo cáo quý IV.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
      await item.getByTestId('agenda-item-upload-progress').waitFor({ state: 'visible' });
      await saveScreenshot(clerk, 'agenda-upload-progress-768x1024');
      const doc = clerk.getByTestId('agenda-item').first().getByTestId('agenda-document');
      await doc.waitFor({ timeout: 60_000 });
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      const progress = await clerk.evaluate<number[]>('window.__uploadProgress');
      expect(progress.some((p) => p > 0 && p < 100), `progress seen: ${progress.join(',')}`).toBe(true);
      expect(await doc.textContent()).toContain('Báo cáo quý IV');
      expect(await doc.textContent()).toContain('9 trang');
      expect(await doc.textContent()).toContain('3 MB');
      await saveScreenshot(clerk, 'agenda-clerk-768x1024');
      expect(errors.map(String)).toEqual([]);
    } finally {
      await clerk.context().close();
    }

    // A member of a commune of district d01 sees the agenda and downloads exactly the bytes.
    const member = await signIn('c0101.member');
    const memberErrors = collectPageErrors(member);
    try {
      await member.goto(`/meetings/${meetingId}/agenda`);
      const link = member.getByTestId('agenda-document-link');
      await link.waitFor();
      expect(await member.getByTestId('agenda-add-form').count()).toBe(0);
      expect(await member.getByTestId('agenda-item-upload').count()).toBe(0);
      const href = (await link.getAttribute('href')) ?? '';
      const manifest = (await (await member.request.get(`/api/meetings/${meetingId}/manifest`)).json()) as Manifest;
      expect(manifest.documents.map((d) => d.url)).toEqual([href]);
      const body = await (await member.request.get(href)).body();
      expect(sha256(body)).toBe(sha256(pdf));
      await saveScreenshot(member, 'agenda-member-768x1024');
      expect(memberErrors.map(String)).toEqual([]);
    } finally {
      await member.context().close();
    }
  });
});
