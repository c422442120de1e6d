import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { X509Certificate } from 'node:crypto';
import type { SigningStatus } from '../../src/contract/credentials.ts';
import type { VerificationReportView } from '../../src/contract/workflow.ts';
import { signPdf } from '../../src/signing/index.ts';
import { assertWebBuilt, collectPageErrors, expectNoHorizontalScroll, launchBrowser, saveScreenshot } from '../helpers/browser.ts';
import { outsideVerifiers, totpCode } from '../helpers/credentials.ts';
import { ApiClient } from '../helpers/client.ts';
import { basePdf } from '../helpers/pdf-fixtures.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { defineRoute, uploadLetter } from '../helpers/workflow.ts';

// The "Chữ ký số / Digital signature" page in real Chromium at tablet size, on the real server
// with the development PKI: a leader sets his PIN, scans (reads) the QR secret, confirms with a
// code, then makes a non-extractable WebCrypto key on the "tablet" and gets its certificate.
// The server then signs a PDF through the engine with DeviceSigner: the push reaches the page,
// the page signs with the key in IndexedDB, and pdfsig and openssl accept the result.

const USERNAME = 'd01.leader';
const PASSWORD = 'demo1234';
const PIN = '482915';
const VIEWPORT = { width: 768, height: 1024 };

describe('digital signature settings and a tablet-held key', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    assertWebBuilt();
    server = await startTestServer({ DEV_PKI: 'true' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('enrols, makes a tablet key, and signs a PDF with it that pdfsig and openssl accept', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, baseURL: server.url });
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);
    try {
      await page.goto('/login');
      await page.getByTestId('login-username').fill(USERNAME);
      await page.getByTestId('login-password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByTestId('nav-signing').click();
      await page.waitForURL((url) => url.pathname === '/signing');
      await page.getByRole('heading', { name: 'Chữ ký số', level: 1 }).waitFor();

      // Step 1: the PIN. An easy one is refused by the server, in Vietnamese; a mismatch here.
      await setPin(page, '123456', '123456');
      expect(await alertText(page, 'signing-enrol-error')).toContain('Mã PIN phải gồm 6 đến 12 chữ số');
      await setPin(page, PIN, '482916');
      expect(await alertText(page, 'signing-enrol-error')).toContain('Hai lần nhập mã PIN không khớp.');
      await setPin(page, PIN, PIN);

      // Step 2: the QR code and the secret beside it (what the authenticator app would read).
      await page.getByTestId('signing-qr').waitFor();
      // The image decoded.
      const drawn = await page.getByTestId('signing-qr').evaluate((el) => {
        const img = el as unknown as { complete: boolean; naturalWidth: number };
        return img.complete && img.naturalWidth > 0;
      });
      expect(drawn).toBe(true);
      const secret = (await page.getByTestId('signing-totp-secret').getAttribute('data-secret')) as string;
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect((await page.getByTestId('signing-totp-secret').textContent())?.replace(/\s/g, '')).toBe(secret);
      await expectNoHorizontalScroll(page);
      await saveScreenshot(page, 'signing-enrol-768x1024');

      // Step 3: a wrong code, then the right one.
      await page.getByTestId('signing-code').fill('000000');
      await page.getByTestId('signing-confirm-submit').click();
      expect(await alertText(page, 'signing-confirm-error')).toContain('Mã xác thực một lần không đúng');
      await page.getByTestId('signing-code').fill(totpCode(secret, Date.now()));
      await page.getByTestId('signing-confirm-submit').click();
      await page.getByTestId('signing-active').waitFor();
      expect(await page.getByTestId('signing-personal-cert-subject').textContent()).toBe('C=VN, O=UBND Quận Ba Đình, CN=Hoàng Văn Nam');

      // The tablet key: a wrong PIN says how many tries are left; the right one certifies the key.
      await page.getByTestId('signing-device-label').fill('iPad phòng họp');
      await page.getByTestId('signing-device-pin').fill('000001');
      await page.getByTestId('signing-device-submit').click();
      const wrongPin = await alertText(page, 'signing-device-error');
      expect(wrongPin).toContain('Mã PIN không đúng.');
      expect(wrongPin).toContain('Còn 4 lần thử');
      await page.getByTestId('signing-device-pin').fill(PIN);
      await page.getByTestId('signing-device-submit').click();
      await page.getByTestId('signing-device-cert').waitFor();
      expect(await page.getByTestId('signing-device-cert-subject').textContent()).toBe('C=VN, O=UBND Quận Ba Đình, CN=Hoàng Văn Nam');
      await expectNoHorizontalScroll(page);
      await saveScreenshot(page, 'signing-active-768x1024');

      // The private key stays in the browser: stored as a CryptoKey that cannot be exported.
      const exportable = await page.evaluate(`new Promise((resolve) => {
        const open = indexedDB.open('ecabinet-signing');
        open.onsuccess = () => {
          const get = open.result.transaction('device-keys').objectStore('device-keys').getAll();
          get.onsuccess = async () => {
            const [stored] = get.result;
            try { await crypto.subtle.exportKey('pkcs8', stored.privateKey); resolve('exported'); }
            catch { resolve(stored.privateKey.extractable ? 'extractable' : 'not-extractable:' + stored.privateKey.algorithm.namedCurve); }
          };
        };
      })`);
      expect(exportable).toBe('not-extractable:P-256');

      // The workflow's side: an act (PIN + a fresh code), then the engine signs via DeviceSigner.
      const me = (await (await page.request.get('/api/me')).json()) as { id: string };
      const credentials = server.server.app.credentials;
      const actAt = Date.now() + 30_000;
      const act = await credentials.authoriseAct({ userId: me.id, pin: PIN, code: totpCode(secret, actAt), documents: ['e2e-doc'] });
      const signer = await credentials.signerFor(act, { kind: 'device', documentId: 'e2e-doc' });
      expect(signer.keyAlgorithm).toBe('ecdsa');
      const signed = await signPdf(await basePdf(), { signer, reason: 'Ký trên máy tính bảng' });
      await page.getByTestId('signing-agent-signed').waitFor();

      const anchors = await (await fetch(`${server.url}/api/pki/trust-anchors`)).text();
      const chain = await (await fetch(`${server.url}/pki/ca-chain.pem`)).text();
      const outside = await outsideVerifiers(signed, { root: anchors, chain });
      expect(outside.openssl).toEqual([0]);
      expect(outside.pdfsig).toHaveLength(1);
      expect(outside.pdfsig[0]).toMatchObject({ valid: true, trusted: true, commonName: 'Hoàng Văn Nam', totalDocument: true });

      // In the workflow (issue 11.4): a personal step signed from the document page, where the
      // dialog offers this tablet's key; the agent answers the server's request on that page.
      const clerk = new ApiClient(server.url);
      expect((await clerk.login('d01.clerk', PASSWORD)).status).toBe(200);
      const documentId = await uploadLetter(clerk);
      expect((await defineRoute(clerk, documentId, [{ kind: 'personal', signers: [USERNAME] }])).status).toBe(201);
      await page.goto(`/documents/${documentId}`);
      await page.getByTestId('sign-open').click();
      const useTabletKey = page.getByTestId('sign-with-tablet-key');
      await useTabletKey.waitFor();
      expect(await useTabletKey.isChecked()).toBe(true);
      await page.getByTestId('sign-pin').fill(PIN);
      await page.getByTestId('sign-code').fill(await codeAfter(secret, actAt));
      await page.getByTestId('sign-form-submit').click();
      await page.getByTestId('document-notice').waitFor({ state: 'visible' });
      await page.getByTestId('verification-row').first().waitFor();
      expect(await page.getByTestId('verification-row').getAttribute('data-status')).toBe('valid');
      const report = (await (await page.request.get(`/api/documents/${documentId}/verification`)).json()) as VerificationReportView;
      const deviceSerial = await deviceCertificateSerial(page);
      expect(report.ok).toBe(true);
      expect(normalSerial(report.signatures[0]?.signer?.serialNumber ?? '')).toBe(normalSerial(deviceSerial));
      await saveScreenshot(page, 'workflow-signed-with-tablet-key-768x1024');
      await page.goto('/signing');
      await page.getByTestId('signing-device-cert').waitFor();

      // The same page in English.
      await page.getByTestId('lang-switch').click();
      await page.getByRole('heading', { name: 'Digital signature', level: 1 }).waitFor();
      expect(await page.getByTestId('signing-active').textContent()).toContain('Your digital signature is ready.');
      await page.getByTestId('signing-device-cert').waitFor();
      await expectNoHorizontalScroll(page);
      await saveScreenshot(page, 'signing-active-768x1024-en');

      expect(pageErrors.map(String)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

/** A code of a later 30 s step than the one spent at `spentAt` (the server allows one step of drift). */
async function codeAfter(secret: string, spentAt: number): Promise<string> {
  const spent = Math.floor(spentAt / 30_000);
  for (;;) {
    const now = Math.floor(Date.now() / 30_000);
    const step = Math.max(spent + 1, now - 1);
    if (step <= now + 1) return totpCode(secret, step * 30_000 + 1_000);
    await new Promise((r) => setTimeout(r, (now + 1) * 30_000 - Date.now() + 50));
  }
}

/** The serial of the tablet key's certificate, as the signing status reports it. */
async function deviceCertificateSerial(page: Page): Promise<string> {
  const status = (await (await page.request.get('/api/me/signing')).json()) as SigningStatus;
  const pem = status.devices[0]?.certificatePem;
  if (!pem) throw new Error('no tablet key in the signing status');
  return new X509Certificate(pem).serialNumber;
}

const normalSerial = (s: string): string => s.toLowerCase().replace(/^0+/, '');

async function setPin(page: Page, pin: string, repeat: string): Promise<void> {
  await page.getByTestId('signing-pin').fill(pin);
  await page.getByTestId('signing-pin-repeat').fill(repeat);
  await page.getByTestId('signing-enrol-submit').click();
}

/** Waits for a form's alert and returns its text. */
async function alertText(page: Page, testid: string): Promise<string> {
  const alert = page.getByTestId(testid);
  await alert.waitFor({ state: 'visible' });
  // Let the submit finish (the button is re-enabled) so the next action starts clean.
  await page.waitForFunction(`!document.querySelector('[data-testid="${testid}"]')?.closest('form')?.getAttribute('aria-busy')?.includes('true')`);
  return (await alert.textContent()) ?? '';
}

/** Tablet-first: nothing may overflow sideways. */
