import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFStream } from 'pdf-lib';
import type { DocumentDetail } from '../../src/contract/documents.ts';
import type { DocumentRouteExtension, RouteDefinition } from '../../src/contract/workflow.ts';
import { assertWebBuilt, collectPageErrors, E2E_RESULTS_DIR, expectNoHorizontalScroll, launchBrowser, saveScreenshot, signInPage } from '../helpers/browser.ts';
import { ApiClient } from '../helpers/client.ts';
import { outsideVerifiers, totpCode } from '../helpers/credentials.ts';
import { firefoxAvailable, launchFirefox } from '../helpers/firefox.ts';
import { startTestServer, DEMO_PASSWORD, type TestServer } from '../helpers/server.ts';
import { decisionPdf, SIGNATURE_BLOCK } from '../helpers/workflow-fixtures.ts';

// The signing workflow in real Chromium at tablet size (issue 11.9): d01.clerk uploads a
// decision and sends it review (d01.member) → signature (d01.leader) → seal (d01.clerk); each
// signs in his own browser session through the page's box and PIN + code dialog. The final PDF
// has three signatures pdfsig calls valid, the last covering the whole file; the seal sits over
// the left third of the leader's signature image; the verification panel shows three valid rows.

const PIN = '482915';
const VIEWPORT = { width: 768, height: 1024 };
const MEMBER = 'd01.member';
const LEADER = 'd01.leader';
const CLERK = 'd01.clerk';

type Rect = { x: number; y: number; w: number; h: number };

describe('signing workflow in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const secrets: Record<string, string> = {};
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    assertWebBuilt();
    server = await startTestServer({ DEV_PKI: 'true' });
    browser = await launchBrowser();
    // Enrolment (PIN + authenticator) is the signing page's own test; here it is set up by API.
    for (const username of [MEMBER, LEADER, CLERK]) {
      const api = new ApiClient(server.url);
      expect((await api.login(username, DEMO_PASSWORD)).status).toBe(200);
      const enrolled = await api.post('/api/me/signing/enroll', { pin: PIN });
      expect(enrolled.status).toBe(200);
      const { totpSecret } = (await enrolled.json()) as { totpSecret: string };
      expect((await api.post('/api/me/signing/confirm', { code: totpCode(totpSecret, Date.now()) })).status).toBe(200);
      secrets[username] = totpSecret;
    }
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  /**
   * A code of the next time step (one step of drift is accepted): later than the one enrolment
   * spent. A code is good once, so a second act of the same user in the same step waits for the
   * next one.
   */
  const spentSteps: Record<string, number> = {};
  const freshCode = async (username: string): Promise<string> => {
    const stepOf = (): number => Math.floor((Date.now() + 30_000) / 30_000);
    while (stepOf() <= (spentSteps[username] ?? 0)) await new Promise((resolve) => setTimeout(resolve, 500));
    spentSteps[username] = stepOf();
    return totpCode(secrets[username] as string, Date.now() + 30_000);
  };

  async function signIn(username: string): Promise<{ page: Page; errors: Error[] }> {
    const { context, page } = await signInPage(browser, { baseURL: server.url, username, viewport: VIEWPORT });
    contexts.push(context);
    const errors = collectPageErrors(page);
    return { page, errors };
  }

  it('upload → route → review, signature, seal, each in his own session → three valid signatures', { timeout: 300_000 }, async () => {
    // The reviewer's home page is open before anything is sent to him: the request must show there without a reload.
    const member = await signIn(MEMBER);
    await member.page.getByTestId('home-documents').waitFor();
    expect(await member.page.getByTestId('home-documents').getByTestId('inbox-item').count()).toBe(0);

    // ---- the clerk uploads the decision and sends it on its route ----
    const clerk = await signIn(CLERK);
    await clerk.page.getByTestId('nav-inbox').click();
    await clerk.page.waitForURL((url) => url.pathname === '/inbox');
    await clerk.page.getByTestId('new-document').click();
    await clerk.page.waitForURL((url) => url.pathname === '/documents/new');
    await clerk.page.getByTestId('new-document-title').fill('Quyết định ban hành quy chế làm việc không giấy tờ');
    await clerk.page.getByTestId('new-document-upload-input').setInputFiles({ name: 'quyet-dinh.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await decisionPdf()) });
    await clerk.page.getByTestId('route-editor').waitFor();
    // Only a leader is offered for the signature, only a clerk for the seal.
    expect(await clerk.page.getByTestId('route-editor-step-2').locator('input[type=checkbox]').count()).toBe(1);
    await clerk.page.getByTestId(`route-step-1-signer-${MEMBER}`).check();
    await clerk.page.getByTestId(`route-step-2-signer-${LEADER}`).check();
    await clerk.page.getByTestId(`route-step-3-signer-${CLERK}`).check();
    await expectNoHorizontalScroll(clerk.page);
    await saveScreenshot(clerk.page, 'workflow-route-editor-768x1024');
    await clerk.page.getByTestId('route-send').click();
    await clerk.page.waitForURL((url) => /^\/documents\/[0-9a-f-]{36}$/.test(url.pathname));
    const documentId = new URL(clerk.page.url()).pathname.split('/').pop() as string;
    expect(await clerk.page.getByTestId('route-now').textContent()).toContain('Vũ Thị Hồng');
    expect(await clerk.page.getByTestId('sign-panel').count()).toBe(0);

    // ---- the reviewer: from the home page's list (filled in by the push), drags the box with a finger, signs ----
    await member.page.getByTestId('home-documents').getByTestId('inbox-item').first().waitFor({ timeout: 15_000 });
    expect(await member.page.getByTestId('home-documents').getByTestId('inbox-item').count()).toBe(1);
    await member.page.getByTestId('home-documents').getByTestId('inbox-item').first().click();
    await member.page.waitForURL((url) => url.pathname === `/documents/${documentId}`);
    const reviewBox = member.page.getByTestId('signature-box');
    await reviewBox.waitFor();
    const before = await boxRect(member.page);
    await touchDrag(member.page, -60, -40);
    const reviewRect = await boxRect(member.page);
    expect(reviewRect.x).toBeLessThan(before.x - 20);
    expect(reviewRect.y).toBeGreaterThan(before.y + 10);
    await expectNoHorizontalScroll(member.page);
    await saveScreenshot(member.page, 'workflow-review-768x1024');
    await signThroughDialog(member.page, PIN, await freshCode(MEMBER));
    expect(await member.page.getByTestId('route-step-1').getAttribute('data-status')).toBe('done');
    await member.page.getByTestId('verification-row').first().waitFor();
    expect(await member.page.getByTestId('verification-row').getAttribute('data-status')).toBe('valid');

    // ---- the clerk sees where his document is ("Văn bản đã trình ký") and goes back to it ----
    await clerk.page.getByTestId('nav-inbox').click();
    await clerk.page.getByTestId('sent-documents').click();
    await clerk.page.waitForURL((url) => url.pathname === '/documents/sent');
    const sent = clerk.page.locator(`[data-document-id="${documentId}"]`);
    await sent.waitFor();
    expect(await sent.getAttribute('data-status')).toBe('active');
    expect(await sent.getByTestId('draft-now').textContent()).toBe('Đang ở bước 2 (Ký chính thức), chờ: Hoàng Văn Nam');
    expect(await sent.getByTestId('draft-status').textContent()).toBe('Đang trình ký');
    await expectNoHorizontalScroll(clerk.page);
    await saveScreenshot(clerk.page, 'workflow-sent-768x1024');
    await sent.getByTestId('draft-item').click();
    await clerk.page.waitForURL((url) => url.pathname === `/documents/${documentId}`);

    // ---- the leader: the box is proposed under "CHỦ TỊCH"; a wrong PIN first, then his ----
    const leader = await signIn(LEADER);
    await leader.page.getByTestId('nav-inbox').click();
    await leader.page.getByTestId('inbox-item').first().click();
    await leader.page.getByTestId('signature-box').waitFor();
    const proposed = await boxRect(leader.page);
    const blockCentre = SIGNATURE_BLOCK.x + SIGNATURE_BLOCK.width / 2;
    expect(Math.abs(proposed.x + proposed.w / 2 - blockCentre)).toBeLessThan(3);
    expect(proposed.y + proposed.h).toBeLessThanOrEqual(SIGNATURE_BLOCK.lines.title);
    expect(proposed.y).toBeGreaterThan(SIGNATURE_BLOCK.nameY - 40);
    await mouseDrag(leader.page, 12, 8);
    const leaderRect = await boxRect(leader.page);
    expect(leaderRect.x).toBeGreaterThan(proposed.x + 4);
    await leader.page.getByTestId('sign-open').click();
    await leader.page.getByTestId('sign-pin').fill('000001');
    const leaderCode = await freshCode(LEADER);
    await leader.page.getByTestId('sign-code').fill(leaderCode);
    await leader.page.getByTestId('sign-form-submit').click();
    const refusal = leader.page.getByTestId('sign-form-error');
    await refusal.waitFor({ state: 'visible' });
    expect(await refusal.textContent()).toContain('Mã PIN không đúng');
    expect(await refusal.textContent()).toContain('Còn 4 lần thử');
    await saveScreenshot(leader.page, 'workflow-sign-dialog-wrong-pin-768x1024');
    // The wrong PIN did not spend the code: the same one serves.
    await leader.page.getByTestId('sign-pin').fill(PIN);
    await leader.page.getByTestId('sign-code').fill(leaderCode);
    await leader.page.getByTestId('sign-form-submit').click();
    await leader.page.getByTestId('document-notice').waitFor({ state: 'visible' });
    expect(await leader.page.getByTestId('route-step-2').getAttribute('data-status')).toBe('done');

    // ---- the clerk seals: the number is assigned by the register ----
    await clerk.page.reload();
    const panel = clerk.page.getByTestId('sign-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('data-kind')).toBe('seal');
    expect(await clerk.page.getByTestId('seal-number').getAttribute('placeholder')).toBe('tự động');
    expect(await clerk.page.getByTestId('signature-box').count()).toBe(0);
    await signThroughDialog(clerk.page, PIN, await freshCode(CLERK));
    expect(await clerk.page.getByTestId('document-notice').textContent()).toContain('Số:');
    expect(await clerk.page.getByTestId('route').getAttribute('data-status')).toBe('done');
    await clerk.page.getByTestId('verification-row').nth(2).waitFor();
    const rows = clerk.page.getByTestId('verification-row');
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(['valid', 'valid', 'valid']);
    expect(await clerk.page.getByTestId('verification-verdict').getAttribute('data-verdict')).toBe('valid');
    expect(await clerk.page.getByTestId('verification-coverage').nth(2).textContent()).toBe('Bao phủ toàn bộ văn bản');
    expect(await clerk.page.getByTestId('verification-coverage').first().textContent()).toContain('chữ ký tiếp theo');
    await expectNoHorizontalScroll(clerk.page);
    await saveScreenshot(clerk.page, 'workflow-sealed-768x1024');

    // ---- the final PDF, downloaded through the API ----
    const api = new ApiClient(server.url);
    await api.login(CLERK, DEMO_PASSWORD);
    const detail = await api.json<DocumentDetail & DocumentRouteExtension>(`/api/documents/${documentId}`);
    expect(detail.version).toBe(4);
    expect(detail.route?.status).toBe('done');
    const bytes = new Uint8Array(await (await api.get(`/api/documents/${documentId}/versions/${detail.version}/file`)).arrayBuffer());
    const anchors = await (await fetch(`${server.url}/api/pki/trust-anchors`)).text();
    const chain = await (await fetch(`${server.url}/pki/ca-chain.pem`)).text();
    const outside = await outsideVerifiers(bytes, { root: anchors, chain });
    expect(outside.pdfsig).toHaveLength(3);
    for (const entry of outside.pdfsig) expect(entry).toMatchObject({ valid: true, trusted: true });
    expect(outside.pdfsig.map((e) => e.totalDocument)).toEqual([false, false, true]);
    expect(outside.openssl).toEqual([0, 0, 0]);

    // Where the widgets are: the reviewer's and the leader's where they put their boxes; the
    // seal's right edge about one third into the leader's signature image, on its left.
    const widgets = await signatureWidgets(bytes);
    expect(widgets).toHaveLength(3);
    const [review, personal, seal] = widgets as [Widget, Widget, Widget];
    expectRectClose(review.rect, reviewRect);
    expectRectClose(personal.rect, leaderRect);
    const image = personal.imageBox as Rect;
    expect(image).toBeDefined();
    const overlap = Math.min(seal.rect.x + seal.rect.w, image.x + image.w) - Math.max(seal.rect.x, image.x);
    expect(seal.rect.x).toBeLessThan(image.x);
    expect(overlap / image.w).toBeGreaterThan(0.25);
    expect(overlap / image.w).toBeLessThan(0.45);
    console.log(`seal over the leader's image: ${((overlap / image.w) * 100).toFixed(1)} % of its width, from its left`);

    // ---- the verification page, with the same file ----
    await clerk.page.goto('/verify');
    await clerk.page.getByTestId('verify-input').setInputFiles({ name: 'da-ky.pdf', mimeType: 'application/pdf', buffer: Buffer.from(bytes) });
    await clerk.page.getByTestId('verify-result').getByTestId('verification-row').nth(2).waitFor();
    expect(await clerk.page.getByTestId('verification-verdict').getAttribute('data-verdict')).toBe('valid');
    await expectNoHorizontalScroll(clerk.page);
    await saveScreenshot(clerk.page, 'workflow-verify-page-768x1024');
    // A PDF without signatures, and a file that is not a PDF.
    await clerk.page.getByTestId('verify-input').setInputFiles({ name: 'chua-ky.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await decisionPdf()) });
    await clerk.page.locator('[data-testid="verification-verdict"][data-verdict="unsigned"]').waitFor();
    expect(await clerk.page.getByTestId('verification-verdict').textContent()).toContain('Tệp không có chữ ký số');
    await clerk.page.getByTestId('verify-input').setInputFiles({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải PDF') });
    await clerk.page.getByTestId('verify-error').waitFor({ state: 'visible' });
    expect(await clerk.page.getByTestId('verification-verdict').count()).toBe(0);

    // ---- the document in English ----
    await clerk.page.goto(`/documents/${documentId}`);
    await clerk.page.getByTestId('lang-switch').click();
    await clerk.page.getByText('Signed by everyone on the route.').waitFor();
    await clerk.page.getByTestId('verification-row').nth(2).waitFor();
    expect(await clerk.page.getByTestId('verification-verdict').textContent()).toContain('Every signature is valid');
    await expectNoHorizontalScroll(clerk.page);
    await saveScreenshot(clerk.page, 'workflow-sealed-768x1024-en');

    for (const who of [clerk, member, leader]) expect(who.errors.map(String)).toEqual([]);
  });

  it('batch: two documents from the inbox, one PIN and one code, progress from the server', { timeout: 180_000 }, async () => {
    const api = new ApiClient(server.url);
    await api.login(CLERK, DEMO_PASSWORD);
    const ids: string[] = [];
    for (const title of ['Công văn số 1 về lịch tiếp dân', 'Công văn số 2 về lịch trực']) {
      ids.push(await uploadWithRoute(api, title, [{ kind: 'personal', signers: [LEADER] }]));
    }
    const leader = await signIn(LEADER);
    await leader.page.goto('/inbox');
    for (const id of ids) await leader.page.getByTestId(`inbox-select-${id}`).check();
    expect(await leader.page.getByTestId('batch-sign').textContent()).toBe('Ký 2 văn bản đã chọn');
    await leader.page.getByTestId('batch-sign').click();
    await leader.page.getByTestId('sign-pin').fill(PIN);
    await leader.page.getByTestId('sign-code').fill(await freshCode(LEADER));
    await leader.page.getByTestId('sign-form-submit').click();
    await leader.page.getByTestId('batch-result').nth(1).waitFor({ timeout: 60_000 });
    const bar = leader.page.getByTestId('batch-progress');
    expect([await bar.getAttribute('data-done'), await bar.getAttribute('data-total')]).toEqual(['2', '2']);
    // One `signing.progress` push per document reached the page over socket.io.
    await expect.poll(() => bar.getAttribute('data-pushes')).toBe('2');
    expect(await leader.page.getByTestId('batch-result').evaluateAll((els) => els.map((e) => e.getAttribute('data-ok')))).toEqual(['true', 'true']);
    await expectNoHorizontalScroll(leader.page);
    await saveScreenshot(leader.page, 'workflow-batch-768x1024');
    // Both signed where the page proposed: under "CHỦ TỊCH" of each.
    for (const id of ids) {
      const detail = await api.json<DocumentDetail & DocumentRouteExtension>(`/api/documents/${id}`);
      expect(detail.route?.status).toBe('done');
      const bytes = new Uint8Array(await (await api.get(`/api/documents/${id}/versions/${detail.version}/file`)).arrayBuffer());
      const [widget] = await signatureWidgets(bytes);
      expect(Math.abs((widget as Widget).rect.x + (widget as Widget).rect.w / 2 - (SIGNATURE_BLOCK.x + SIGNATURE_BLOCK.width / 2))).toBeLessThan(3);
    }
    expect(leader.errors.map(String)).toEqual([]);
  });

  it('a refusal with its reason stops the route, and the drafter’s open page shows it at once', { timeout: 120_000 }, async () => {
    const api = new ApiClient(server.url);
    await api.login(CLERK, DEMO_PASSWORD);
    const id = await uploadWithRoute(api, 'Tờ trình cần sửa', [
      { kind: 'review', signers: [MEMBER] },
      { kind: 'personal', signers: [LEADER] },
    ]);
    const clerk = await signIn(CLERK);
    await clerk.page.goto(`/documents/${id}`);
    await clerk.page.getByTestId('route-now').waitFor();
    const member = await signIn(MEMBER);
    await member.page.goto(`/documents/${id}`);
    await member.page.getByTestId('reject-open').click();
    await member.page.getByTestId('reject-submit').click();
    expect(await member.page.getByTestId('sign-panel-error').textContent()).toContain('Vui lòng nêu lý do từ chối.');
    await member.page.getByTestId('reject-reason').fill('Sai số liệu ở Điều 2.3');
    await member.page.getByTestId('reject-submit').click();
    await member.page.getByTestId('document-notice').waitFor({ state: 'visible' });
    expect(await member.page.getByTestId('sign-panel').count()).toBe(0);
    // The drafter's page, left open, follows the push: the refusal, who and why, and the editor to send it again.
    await clerk.page.locator('[data-testid="route"][data-status="rejected"]').waitFor({ timeout: 30_000 });
    expect(await clerk.page.getByTestId('route-now').textContent()).toBe('Đã dừng: Vũ Thị Hồng từ chối ký. Lý do: Sai số liệu ở Điều 2.3');
    await clerk.page.getByTestId('route-editor').waitFor();
    // Filled in from the refused route, to be corrected and sent again.
    expect(await clerk.page.getByTestId(`route-step-1-signer-${MEMBER}`).isChecked()).toBe(true);
    expect(await clerk.page.getByTestId(`route-step-2-signer-${LEADER}`).isChecked()).toBe(true);
    expect(await clerk.page.getByTestId('route-editor-step-3').count()).toBe(0);
    await expectNoHorizontalScroll(clerk.page);
    await saveScreenshot(clerk.page, 'workflow-rejected-768x1024');
    for (const who of [clerk, member]) expect(who.errors.map(String)).toEqual([]);
  });

  it('the dialog tells a wrong code, each wrong PIN with the tries left, then the lock', { timeout: 120_000 }, async () => {
    // Another unit's leader, so the lock touches nobody else of this file.
    const leaderApi = new ApiClient(server.url);
    await leaderApi.login('d02.leader', DEMO_PASSWORD);
    const { totpSecret } = (await (await leaderApi.post('/api/me/signing/enroll', { pin: PIN })).json()) as { totpSecret: string };
    expect((await leaderApi.post('/api/me/signing/confirm', { code: totpCode(totpSecret, Date.now()) })).status).toBe(200);
    const clerkApi = new ApiClient(server.url);
    await clerkApi.login('d02.clerk', DEMO_PASSWORD);
    const id = await uploadWithRoute(clerkApi, 'Văn bản thử khoá ký', [{ kind: 'personal', signers: ['d02.leader'] }]);

    const leader = await signIn('d02.leader');
    await leader.page.goto(`/documents/${id}`);
    await leader.page.getByTestId('sign-open').click();
    const refusal = leader.page.getByTestId('sign-form-error');
    const attempt = async (pin: string, code: string): Promise<string> => {
      await leader.page.getByTestId('sign-pin').fill(pin);
      await leader.page.getByTestId('sign-code').fill(code);
      await leader.page.getByTestId('sign-form-submit').click();
      await expect
        .poll(async () => `${await leader.page.getByTestId('sign-form').getAttribute('aria-busy')} ${await refusal.isVisible()}`, { timeout: 30_000 })
        .toBe('false true');
      const text = (await refusal.textContent()) ?? '';
      await leader.page.getByTestId('sign-form').evaluate((form) => form.setAttribute('aria-busy', 'pending'));
      return text;
    };
    expect(await attempt(PIN, '000000')).toContain('Mã xác thực một lần không đúng');
    const code = totpCode(totpSecret, Date.now() + 30_000);
    const answers: string[] = [];
    for (let i = 0; i < 6 && !answers.at(-1)?.includes('bị khoá do xác thực sai'); i++) answers.push(await attempt('000001', code));
    expect(answers[0]).toContain('Còn 3 lần thử');
    expect(answers.at(-1)).toContain('Chức năng ký số đã bị khoá do xác thực sai nhiều lần');
    // Locked: even the right PIN is refused now.
    expect(await attempt(PIN, code)).toContain('bị khoá');
    await saveScreenshot(leader.page, 'workflow-sign-dialog-locked-768x1024');
    expect(leader.errors.map(String)).toEqual([]);
  });

  // The leader's tablet may run Firefox: the document page, its proposed box and the dialog.
  it.skipIf(!firefoxAvailable())('the document page in Firefox ESR: viewer, proposed box, PIN + code dialog', { timeout: 180_000 }, async () => {
    const api = new ApiClient(server.url);
    await api.login(CLERK, DEMO_PASSWORD);
    const id = await uploadWithRoute(api, 'Về việc thử trên Firefox', [{ kind: 'personal', signers: [LEADER] }]);

    const firefox = await launchFirefox();
    try {
      const page = await firefox.newPage();
      await page.setViewport(VIEWPORT);
      const errors: Error[] = [];
      page.on('pageerror', (error) => errors.push(error instanceof Error ? error : new Error(String(error))));
      await page.goto(`${server.url}/login`);
      const status = await page.evaluate(
        async (username, password) => (await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })).status,
        LEADER,
        DEMO_PASSWORD,
      );
      expect(status).toBe(200);
      await page.goto(`${server.url}/documents/${id}`);
      await page.waitForSelector('[data-testid="signature-box"]', { timeout: 60_000 });
      const rect = (await page.$eval('[data-testid="signature-box"]', (el) => el.getAttribute('data-rect'))) ?? '';
      const [x, , w] = rect.split(',').map(Number) as [number, number, number, number];
      expect(Math.abs(x + w / 2 - (SIGNATURE_BLOCK.x + SIGNATURE_BLOCK.width / 2))).toBeLessThan(3);
      await page.click('[data-testid="sign-open"]');
      await page.waitForSelector('[data-testid="sign-dialog"][open]');
      expect(await page.$eval('[data-testid="sign-code"]', (el) => [el.getAttribute('inputmode'), el.getAttribute('autocomplete')])).toEqual(['numeric', 'one-time-code']);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${E2E_RESULTS_DIR}/workflow-firefox-sign-dialog-768x1024.png` });
      expect(errors.map(String)).toEqual([]);
    } finally {
      await firefox.close();
    }
  });
});

/** Uploads a decision as the client's user and sends it on `steps`; its id. */
async function uploadWithRoute(api: ApiClient, title: string, steps: RouteDefinition['steps']): Promise<string> {
  const form = new FormData();
  form.append('title', title);
  form.append('file', new Blob([Buffer.from(await decisionPdf({ title }))], { type: 'application/pdf' }), 'van-ban.pdf');
  const uploaded = await fetch(`${api.baseUrl}/api/documents`, { method: 'POST', body: form, headers: { cookie: api.sessionCookie ?? '' } });
  expect(uploaded.status).toBe(201);
  const { id } = (await uploaded.json()) as { id: string };
  const routed = await api.post(`/api/documents/${id}/route`, { steps });
  expect(routed.status, await routed.clone().text()).toBe(201);
  return id;
}

/** The box's placement in PDF points, as the page will send it. */
async function boxRect(page: Page): Promise<Rect> {
  const value = (await page.getByTestId('signature-box').getAttribute('data-rect')) ?? '';
  const [x, y, w, h] = value.split(',').map(Number) as [number, number, number, number];
  return { x, y, w, h };
}

async function mouseDrag(page: Page, dx: number, dy: number): Promise<void> {
  // On screen first (the page scrolls, and the viewer inside it).
  await page.getByTestId('signature-box').scrollIntoViewIfNeeded();
  const box = await page.getByTestId('signature-box').boundingBox();
  if (!box) throw new Error('no signature box on screen');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 4 });
  await page.mouse.move(x + dx, y + dy, { steps: 4 });
  await page.mouse.up();
}

/** A one-finger drag, as a tablet sends it (CDP touch events become pointer events of type touch). */
async function touchDrag(page: Page, dx: number, dy: number): Promise<void> {
  // On screen first (the page scrolls, and the viewer inside it).
  await page.getByTestId('signature-box').scrollIntoViewIfNeeded();
  const box = await page.getByTestId('signature-box').boundingBox();
  if (!box) throw new Error('no signature box on screen');
  const cdp = await page.context().newCDPSession(page);
  // A tablet: the page gets touch input (the context was made for a mouse).
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  for (let i = 1; i <= 6; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x + (dx * i) / 6, y: y + (dy * i) / 6 }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

async function signThroughDialog(page: Page, pin: string, code: string): Promise<void> {
  await page.getByTestId('sign-open').click();
  const dialog = page.getByTestId('sign-dialog');
  await dialog.waitFor();
  expect(await page.getByTestId('sign-code').getAttribute('autocomplete')).toBe('one-time-code');
  expect(await page.getByTestId('sign-code').getAttribute('inputmode')).toBe('numeric');
  await page.getByTestId('sign-pin').fill(pin);
  await page.getByTestId('sign-code').fill(code);
  await page.getByTestId('sign-form-submit').click();
  const notice = page.getByTestId('document-notice');
  const refusal = page.getByTestId('sign-form-error');
  await expect.poll(async () => (await notice.isVisible()) || (await refusal.isVisible()), { timeout: 60_000, interval: 250 }).toBe(true);
  // A refusal fails here with its words.
  expect(await refusal.isVisible() ? await refusal.textContent() : null).toBeNull();
  await notice.waitFor({ state: 'visible' });
}

interface Widget {
  rect: Rect;
  imageBox: Rect | undefined;
}

/** The signature widgets of the last page, in /Annots order, with the image box a personal appearance records. */
async function signatureWidgets(bytes: Uint8Array): Promise<Widget[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const page = doc.getPages()[doc.getPageCount() - 1];
  const annots = page?.node.Annots();
  const out: Widget[] = [];
  for (const ref of annots?.asArray() ?? []) {
    const annot = doc.context.lookup(ref, PDFDict);
    if (annot.get(PDFName.of('Subtype')) !== PDFName.of('Widget')) continue;
    const numbers = (array: PDFArray | undefined): number[] => array?.asArray().map((n) => (n as PDFNumber).asNumber()) ?? [];
    const [x1, y1, x2, y2] = numbers(annot.lookupMaybe(PDFName.of('Rect'), PDFArray)) as [number, number, number, number];
    const normal = annot.lookupMaybe(PDFName.of('AP'), PDFDict)?.get(PDFName.of('N'));
    const stream = normal instanceof PDFRef ? doc.context.lookup(normal) : normal;
    const box = stream instanceof PDFStream ? numbers(stream.dict.lookupMaybe(PDFName.of('ECabinetImageBox'), PDFArray)) : [];
    out.push({
      rect: { x: Math.min(x1, x2), y: Math.min(y1, y2), w: Math.abs(x2 - x1), h: Math.abs(y2 - y1) },
      imageBox: box.length === 4 ? { x: box[0] as number, y: box[1] as number, w: box[2] as number, h: box[3] as number } : undefined,
    });
  }
  return out;
}

function expectRectClose(actual: Rect, expected: Rect): void {
  for (const key of ['x', 'y', 'w', 'h'] as const) expect(Math.abs(actual[key] - expected[key]), key).toBeLessThan(1);
}
