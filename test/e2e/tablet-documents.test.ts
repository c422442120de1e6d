// Meeting documents on tablets, in real Chromium against the real server (issue 10.4, 10.5):
// a commune member's portrait tablet keeps the meeting's documents (each shown "on this tablet"),
// reads a LibreOffice report in Vietnamese with the viewer (text, thumbnails, zoom), follows the
// chair to page 3 within a second, browses away and returns to the presenter — and, with the
// network cut, still opens the app, the meeting's page and every document.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DocumentStored } from '../../src/contract/documents.ts';
import { assertWebBuilt, collectPageErrors, expectNoHorizontalScroll, launchBrowser, REPO_ROOT, saveScreenshot } from '../helpers/browser.ts';
import { ApiClient } from '../helpers/client.ts';
import { uploadPdf } from '../helpers/documents.ts';
import { documentEntry, documentState, viewerDrawn } from '../helpers/meeting-ui.ts';
import { pageText, renderPage } from '../helpers/pdf-render.ts';
import { createCityMeeting, demoDirectory } from '../helpers/meetings.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';
import { SignallingClient } from '../helpers/signalling-client.ts';

const PORTRAIT = { width: 768, height: 1024 };
const LANDSCAPE = { width: 1024, height: 768 };

describe('meeting documents on tablets', () => {
  let t: TestServer;
  let browser: Browser;
  let meetingId: string;
  let report: DocumentStored;
  let notice: DocumentStored;
  let chairSocket: SignallingClient;
  let lo: Uint8Array;
  let noticeBytes: Uint8Array;
  let clerk: ApiClient;
  const contexts: BrowserContext[] = [];
  /** Every page's errors (collectPageErrors fills its array as they come: keep the arrays). */
  const errors: Error[][] = [];

  /** Like signInPage (helpers/browser.ts), on a touch screen: pinch and swipe are tested. */
  async function signIn(username: string, viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, baseURL: t.url, hasTouch: true });
    contexts.push(context);
    const page = await context.newPage();
    errors.push(collectPageErrors(page));
    await page.goto('/login');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => url.pathname === '/');
    return page;
  }
  const viewer = (page: Page) => page.getByTestId('viewer');
  const drawn = viewerDrawn;

  beforeAll(async () => {
    assertWebBuilt();
    t = await startTestServer();
    browser = await launchBrowser();
    clerk = new ApiClient(t.url, 'en');
    expect((await clerk.login('city.clerk', DEMO_PASSWORD)).status).toBe(200);
    const dir = await demoDirectory(t.url);
    meetingId = await createCityMeeting(t.url, { invite: ['d01'], includeSubunits: true, title: 'Giao ban kinh tế - xã hội quý III' });
    const item = await clerk.post(`/api/meetings/${meetingId}/agenda`, { title: 'Báo cáo kinh tế - xã hội', presenterId: await dir.user('d01.leader') });
    const itemId = ((await item.json()) as { id: string }).id;
    lo = new Uint8Array(await readFile(join(REPO_ROOT, 'test/fixtures/documents/bao-cao-libreoffice.pdf')));
    report = (await (await uploadPdf(clerk, `/api/meetings/${meetingId}/documents`, lo, { filename: 'Báo cáo quý III.pdf', fields: { agendaItemId: itemId } })).json()) as DocumentStored;
    // A notice in two of the standard 14 fonts, not embedded (ISO 32000-1 §9.6.2.2): Helvetica,
    // which the tablet's own sans-serif stands in for, and ZapfDingbats, which only pdf.js's
    // bundled standard fonts have.
    const pdf = await PDFDocument.create();
    const helvetica = await pdf.embedFont(StandardFonts.Helvetica);
    const dingbats = await pdf.embedFont(StandardFonts.ZapfDingbats);
    const first = pdf.addPage([595, 842]);
    first.drawText('Invitation - Giay moi hop', { x: 60, y: 760, size: 28, font: helvetica });
    first.drawText('\u2714 \u2714 \u2714', { x: 60, y: 700, size: 40, font: dingbats });
    noticeBytes = await pdf.save();
    notice = (await (await uploadPdf(clerk, `/api/meetings/${meetingId}/documents`, noticeBytes, { filename: 'Giấy mời.pdf' })).json()) as DocumentStored;
    expect(report.pages).toBe(5);
    // The chair opens the room (without a browser): the meeting is live, so it can be presented.
    chairSocket = await SignallingClient.connect(t.url, 'city.leader', DEMO_PASSWORD);
    await chairSocket.joinMeeting(meetingId, 'test');
  });

  afterAll(async () => {
    chairSocket?.close();
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  it('keeps the meeting’s documents on a portrait tablet, each checked and shown as on this tablet', async () => {
    const member = await signIn('c0101.member', PORTRAIT);
    const requests: string[] = [];
    member.on('request', (r) => requests.push(r.url()));
    await member.goto(`/meetings/${meetingId}`);
    const summary = member.getByTestId('meeting-documents').getByTestId('documents-summary');
    await expect.poll(() => summary.getAttribute('data-stored'), { timeout: 15_000 }).toBe('2');
    expect(await summary.textContent()).toBe('Đã có 2/2 tài liệu trên máy này');

    await member.getByTestId('meeting-documents-link').click();
    await member.waitForURL((url) => url.pathname === `/meetings/${meetingId}/documents`);
    for (const doc of [report, notice]) {
      const status = documentEntry(member, doc.id).getByTestId('document-status');
      expect(await status.getAttribute('data-state')).toBe('stored');
      expect(await status.textContent()).toBe('Đã có trên máy');
    }
    // Every byte came from this server: the viewer's worker, fonts and CMaps included.
    expect(requests.filter((u) => !u.startsWith(t.url))).toEqual([]);

    // The agenda's "Read" opens a document in the viewer.
    await member.goto(`/meetings/${meetingId}/agenda`);
    await member.locator(`[data-testid="agenda-document"][data-document-id="${report.id}"]`).getByTestId('agenda-document-read').click();
    await member.waitForURL((url) => url.pathname === `/meetings/${meetingId}/documents`);
    await drawn(member, report.id, 1);
  });

  it('reads a Vietnamese LibreOffice report: text, thumbnails, page navigation and zoom', async () => {
    const member = await signIn('d01.member', LANDSCAPE);
    await member.goto(`/meetings/${meetingId}/documents?doc=${report.id}`);
    await drawn(member, report.id, 1);
    const text = (n: number) => member.locator(`[data-testid="viewer-page"][data-page="${n}"] .textLayer`).textContent();
    /** A page's letters, whatever their order: LibreOffice draws the letters its first font lacks
     * (Ộ, Ủ, Ệ…) from a fallback font in runs of their own, so the order of the text runs is not
     * the order of reading, but every letter must be there, diacritics and all. */
    const letters = (t: string | null) => [...(t ?? '').replace(/\s+/g, '')].sort().join('');
    await expect.poll(async () => letters(await text(1))).toBe(letters(await pageText(lo, 1)));
    for (const letter of 'ỘỦỆĨĐựạậ') expect(await text(1)).toContain(letter);
    // What is drawn is what poppler draws of the same page, at the same size.
    expect(await likePoppler(member, lo, 1)).toBeGreaterThan(0.97);

    await member.getByTestId('viewer-next').click();
    await drawn(member, report.id, 2);
    await member.getByTestId('viewer-page-input').fill('3');
    await member.getByTestId('viewer-page-input').press('Enter');
    await drawn(member, report.id, 3);
    expect(letters(await text(3))).toBe(letters(await pageText(lo, 3)));
    expect(await likePoppler(member, lo, 3)).toBeGreaterThan(0.97);

    // Thumbnails beside the page on a wide screen: one per page, drawn, and they navigate.
    await member.getByTestId('viewer-thumbs').click();
    await expect.poll(() => member.getByTestId('viewer-thumbnail').count()).toBe(5);
    await member.locator('[data-testid="viewer-thumbnail"][data-page="5"]').click();
    await drawn(member, report.id, 5);
    expect(await member.locator('[data-testid="viewer-thumbnail"][data-page="5"]').getAttribute('aria-current')).toBe('page');

    // Zoom: fit page, then one step in; the page is drawn bigger.
    const width = async () => (await member.getByTestId('viewer-page').boundingBox())?.width ?? 0;
    const byWidth = await width();
    await member.getByTestId('viewer-fitPage').click();
    expect(await member.getByTestId('viewer-fitPage').getAttribute('aria-pressed')).toBe('true');
    // A portrait page on a landscape screen: the whole page is narrower than the full width.
    await expect.poll(width).toBeLessThan(byWidth * 0.9);
    const fitted = await width();
    await member.getByTestId('viewer-zoomIn').click();
    await expect.poll(width).toBeGreaterThan(fitted * 1.05);
    expect(await member.getByTestId('viewer-zoom-level').textContent()).toMatch(/^\d+ %$/);
    await saveScreenshot(member, 'documents-viewer-1024x768');

    // The notice without embedded fonts: its dingbats come from the bundled standard fonts, from this server.
    const fontRequests: string[] = [];
    member.on('request', (r) => {
      if (r.url().includes('/pdfjs/standard_fonts/')) fontRequests.push(r.url());
    });
    await documentEntry(member, notice.id).click();
    await drawn(member, notice.id, 1);
    expect(await text(1)).toContain('Invitation - Giay moi hop');
    expect(fontRequests.map((u) => new URL(u).pathname)).toContain('/pdfjs/standard_fonts/FoxitDingbats.pfb');
    expect(await likePoppler(member, noticeBytes, 1)).toBeGreaterThan(0.97);
  });

  it('pinches to zoom and swipes to the next page on a portrait tablet; ctrl+wheel zooms on a desktop', async () => {
    const member = await signIn('city.member', PORTRAIT);
    await member.goto(`/meetings/${meetingId}/documents?doc=${report.id}`);
    await drawn(member, report.id, 1);
    const stage = await member.getByTestId('viewer-stage').boundingBox();
    if (!stage) throw new Error('no stage');
    const [cx, cy] = [stage.x + stage.width / 2, stage.y + stage.height / 3];
    const touch = await member.context().newCDPSession(member);
    const zoom = async () => Number.parseInt((await member.getByTestId('viewer-zoom-level').textContent()) ?? '0', 10);

    // One finger, quickly to the left, across a page that fits: the next page.
    await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: cx + 120, y: cy, id: 1 }] });
    for (const dx of [60, 0, -60, -120]) await touch.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: cx + dx, y: cy, id: 1 }] });
    await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await drawn(member, report.id, 2);

    // Two fingers moving apart: the page grows, live, and is drawn again at the new scale.
    const before = await zoom();
    await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: cx - 40, y: cy, id: 1 }, { x: cx + 40, y: cy, id: 2 }] });
    for (let i = 1; i <= 6; i++) {
      await touch.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: cx - 40 - i * 12, y: cy, id: 1 }, { x: cx + 40 + i * 12, y: cy, id: 2 }] });
    }
    await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(zoom).toBeGreaterThan(before * 1.5);
    expect(await member.getByTestId('viewer-fitWidth').getAttribute('aria-pressed')).toBe('false');
    await drawn(member, report.id, 2);
    // The zoomed page scrolls inside the viewer; the page around it keeps the tablet's width.
    await expectNoHorizontalScroll(member);
    await saveScreenshot(member, 'documents-pinched-768x1024');

    // A desktop's trackpad pinch (ctrl+wheel) zooms out again.
    const pinched = await zoom();
    await member.mouse.move(cx, cy);
    await member.keyboard.down('Control');
    await member.mouse.wheel(0, 150);
    await member.keyboard.up('Control');
    await expect.poll(zoom).toBeLessThan(pinched * 0.7);
  });

  it('follows the chair to page 3 within a second; browsing away and returning to the presenter', async () => {
    const chair = await signIn('city.leader', LANDSCAPE);
    const member = await signIn('c0101.member', PORTRAIT);
    await member.goto(`/meetings/${meetingId}/documents`);
    await chair.goto(`/meetings/${meetingId}/documents?doc=${report.id}`);
    await drawn(chair, report.id, 1);
    expect(await member.getByTestId('presenter-lead').isHidden()).toBe(true);
    await chair.getByTestId('presenter-lead').click();
    await expect.poll(() => chair.getByTestId('presenter-bar').getAttribute('data-mode')).toBe('leading');
    await drawn(member, report.id, 1);

    await chair.getByTestId('viewer-page-input').fill('3');
    const started = Date.now();
    await chair.getByTestId('viewer-page-input').press('Enter');
    await drawn(member, report.id, 3, 5_000);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(1000);
    expect(await member.getByTestId('presenter-status').textContent()).toContain('trang 3');
    await saveScreenshot(member, 'documents-follower-768x1024');

    // The member browses away: following stops, the chair's next page does not move him.
    await member.getByTestId('viewer-next').click();
    await drawn(member, report.id, 4);
    await expect.poll(() => member.getByTestId('presenter-bar').getAttribute('data-mode')).toBe('browsing');
    await chair.getByTestId('viewer-next').click();
    await drawn(chair, report.id, 4);
    await chair.getByTestId('viewer-next').click();
    await drawn(chair, report.id, 5);
    await expect.poll(() => member.getByTestId('presenter-status').textContent()).toContain('trang 5');
    expect(await viewer(member).getAttribute('data-rendered-page')).toBe('4');
    // "Return to presenter" takes him there and following goes on.
    await member.getByTestId('presenter-return').click();
    await drawn(member, report.id, 5);
    expect(await member.getByTestId('presenter-bar').getAttribute('data-mode')).toBe('following');
    await chair.getByTestId('viewer-previous').click();
    await drawn(member, report.id, 4);
    await chair.getByTestId('presenter-stop').click();
    await expect.poll(() => member.getByTestId('presenter-status').textContent()).toBe('Chưa có ai trình bày tài liệu.');
  });

  it('fetches a new version the moment it is announced, and drops the version it replaces', async () => {
    const member = await signIn('d01.leader', PORTRAIT);
    await member.goto(`/meetings/${meetingId}/documents`);
    const entry = documentEntry(member, report.id);
    await expect.poll(() => documentState(member, report.id), { timeout: 15_000 }).toBe('stored');
    const kept = () =>
      member.evaluate(async () => (await (await caches.open('ecabinet-documents-v1')).keys()).map((r) => new URL(r.url).pathname));
    const file = (version: number) => `/api/meetings/${meetingId}/documents/${report.id}/versions/${version}/file`;
    expect(await kept()).toContain(file(1));

    // The clerk replaces the report while the meeting is live.
    const pdf = await PDFDocument.load(lo);
    pdf.addPage([595, 842]);
    const replaced = await uploadPdf(clerk, `/api/meetings/${meetingId}/documents/${report.id}/versions`, await pdf.save(), { filename: 'Báo cáo quý III (sửa).pdf' });
    expect(replaced.status).toBe(201);
    await expect.poll(() => entry.getAttribute('data-version'), { timeout: 5_000 }).toBe('2');
    await expect.poll(() => documentState(member, report.id), { timeout: 10_000 }).toBe('stored');
    await expect.poll(kept, { timeout: 10_000 }).not.toContain(file(1));
    expect(await kept()).toContain(file(2));
    expect(await entry.textContent()).toContain('6 trang');
  });

  it('opens the app, the meeting and every document with the network cut', async () => {
    const member = await signIn('d01.clerk', PORTRAIT);
    await member.goto(`/meetings/${meetingId}/documents`);
    for (const doc of [report, notice]) {
      await expect.poll(() => documentState(member, doc.id), { timeout: 15_000 }).toBe('stored');
    }
    // The service worker controls the page (it claims it once installed).
    await member.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });

    // The network cut, and the server gone too: nothing below can come from it.
    await member.context().setOffline(true);
    await t.server.close();
    await member.goto(`/meetings/${meetingId}`);
    await member.getByTestId('meeting-title').waitFor();
    expect(await member.getByTestId('meeting-title').textContent()).toBe('Giao ban kinh tế - xã hội quý III');
    await member.getByTestId('meeting-documents-link').click();
    await member.getByTestId('documents-offline').waitFor();
    for (const doc of [report, notice]) {
      expect(await documentState(member, doc.id)).toBe('stored');
      await documentEntry(member, doc.id).click();
      await drawn(member, doc.id, 1);
    }
    await member.locator(`[data-testid="viewer-thumbnail"]`).first().waitFor({ state: 'attached' });
    await saveScreenshot(member, 'documents-offline-768x1024');
    expect(errors.flat().map(String)).toEqual([]);
  });
});

/**
 * How alike the viewer's drawing of a page is to poppler's (pdftoppm) at the same size: the
 * correlation of ink per 6-pixel block, 1 for the same picture. Different rasterisers differ in
 * anti-aliasing, not in where the letters and their diacritics are; a missing font, a wrong
 * glyph or a missing accent moves whole blocks. Measured: 0.99 for the report's page 1 and for
 * the notice, 0.15 for page 1 against page 2.
 */
async function likePoppler(page: Page, pdf: Uint8Array, n: number): Promise<number> {
  const BLOCK = 6;
  const drawn = await page.evaluate((block) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="viewer-page"] canvas');
    if (!canvas) throw new Error('no page drawn');
    const { data, width, height } = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height) ?? new ImageData(1, 1);
    const cols = Math.floor(width / block);
    const rows = Math.floor(height / block);
    const ink = new Array<number>(cols * rows).fill(0);
    for (let y = 0; y < rows * block; y++) {
      for (let x = 0; x < cols * block; x++) {
        const i = (y * width + x) * 4;
        const k = Math.floor(y / block) * cols + Math.floor(x / block);
        ink[k] = (ink[k] ?? 0) + 255 - ((data[i] ?? 255) + (data[i + 1] ?? 255) + (data[i + 2] ?? 255)) / 3;
      }
    }
    return { width, cols, rows, ink };
  }, BLOCK);
  const { width: pageWidthPt } = (await PDFDocument.load(pdf)).getPage(n - 1).getSize();
  const raster = await renderPage(pdf, n, (drawn.width * 72) / pageWidthPt);
  const ours = drawn.ink;
  const theirs = new Array<number>(drawn.cols * drawn.rows).fill(0);
  for (let y = 0; y < Math.min(raster.height, drawn.rows * BLOCK); y++) {
    for (let x = 0; x < Math.min(raster.width, drawn.cols * BLOCK); x++) {
      const i = (y * raster.width + x) * 3;
      const k = Math.floor(y / BLOCK) * drawn.cols + Math.floor(x / BLOCK);
      theirs[k] = (theirs[k] ?? 0) + 255 - ((raster.rgb[i] ?? 255) + (raster.rgb[i + 1] ?? 255) + (raster.rgb[i + 2] ?? 255)) / 3;
    }
  }
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const [ma, mb] = [mean(ours), mean(theirs)];
  let [sab, saa, sbb] = [0, 0, 0];
  ours.forEach((a, i) => {
    const b = theirs[i] ?? 0;
    sab += (a - ma) * (b - mb);
    saa += (a - ma) ** 2;
    sbb += (b - mb) ** 2;
  });
  return sab / Math.sqrt(saa * sbb);
}
