// Issue 9.12: Firefox is a supported browser. A Firefox ESR page (Debian's firefox-esr over
// WebDriver BiDi, fake camera and microphone) and two Chromium pages meet in the room over the
// real server and mediasoup, and see and hear each other. The server announces its LAN address:
// Firefox cannot reach a loopback one (see test/helpers/firefox.ts). Firefox ignores the L1T3
// temporal layers, so its thumbnail must be held to Chromium's cost by a frame-rate cap.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser as ChromiumBrowser, BrowserContext, Page } from 'playwright-core';
import type { Browser as FirefoxBrowser, Page as FirefoxPage } from 'puppeteer-core';
import { assertWebBuilt, E2E_RESULTS_DIR, launchBrowser, saveScreenshot } from '../helpers/browser.ts';
import { firefoxAvailable, lanAddress, launchFirefox, openFirefoxRoomPage, receivedByUser, waitForReceiving } from '../helpers/firefox.ts';
import { createCityMeeting } from '../helpers/meetings.ts';
import { openRoomPage } from '../helpers/room-page.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { growth, waitForInbound } from '../helpers/webrtc-stats.ts';

const MEDIA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'];
const CHAIR = 'city.leader'; // Chromium, on stage
const FIREFOX = 'd01.member';
const OTHER = 'd02.member'; // Chromium
/**
 * Chromium's thumbnails are its base temporal layer, a quarter of the camera's frame rate
 * (5 fps from its 20 fps fake camera); Firefox's capped layer measured 5 as well. Without the
 * cap it came at 15 fps.
 */
const THUMBNAIL_MAX_FPS = 9;

const lan = lanAddress();

describe.skipIf(!firefoxAvailable() || lan === null)('Firefox ESR and Chromium in one meeting', () => {
  let t: TestServer;
  let chromium: ChromiumBrowser;
  let firefox: FirefoxBrowser;
  let firefoxPage: FirefoxPage;
  let firefoxErrors: Error[];
  const contexts: BrowserContext[] = [];
  const pages: Record<string, Page> = {};
  const errors: Record<string, Error[]> = {};

  beforeAll(async () => {
    assertWebBuilt();
    // Media on every address, announced as the LAN one; the pages themselves stay on loopback
    // (a secure context for the camera in both browsers).
    t = await startTestServer({ MEDIA_LISTEN_IP: '0.0.0.0' });
    expect(t.config.media.announcedAddress).toBe(lan);
    const meetingId = await createCityMeeting(t.url, { invite: ['d01', 'd02'], title: 'Họp với Firefox' });
    chromium = await launchBrowser({ extraArgs: MEDIA_ARGS });
    firefox = await launchFirefox();
    for (const username of [CHAIR, OTHER]) {
      const { context, page, errors: pageErrors } = await openRoomPage(chromium, { baseURL: t.url, meetingId, username });
      contexts.push(context);
      pages[username] = page;
      errors[username] = pageErrors;
    }
    ({ page: firefoxPage, errors: firefoxErrors } = await openFirefoxRoomPage(firefox, { baseURL: t.url, meetingId, username: FIREFOX }));
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await firefox?.close().catch(() => {});
    await chromium?.close();
    await t?.close();
  });

  it('a Firefox page and Chromium pages see and hear each other', async () => {
    await (pages[CHAIR] as Page).getByTestId('room-join').click();
    await firefoxPage.locator('[data-testid="room-join"]').click();
    await (pages[OTHER] as Page).getByTestId('room-join').click();
    await firefoxPage.waitForSelector('[data-testid="room"][data-status="connected"]', { timeout: 30_000 });

    // Firefox decodes both Chromium cameras and hears both.
    await waitForReceiving(firefoxPage, 'video', [CHAIR, OTHER], 30_000);
    await waitForReceiving(firefoxPage, 'audio', [CHAIR, OTHER], 15_000);
    const video = await receivedByUser(firefoxPage, 'video');
    console.log(`Firefox receives: ${JSON.stringify(video)}`);

    // Each Chromium page decodes and hears the Firefox page (and the other Chromium page).
    for (const [me, page] of Object.entries(pages)) {
      const others = [CHAIR, FIREFOX, OTHER].filter((u) => u !== me);
      await waitForInbound(page, 'video', (s) => others.every((u) => (s[u]?.framesDecoded ?? 0) > 10), 30_000, `${me} decoding ${others.join(', ')}`);
      for (const u of others) {
        expect((await growth(page, 'video', u, 2500)).frames, `${me} ← ${u} video`).toBeGreaterThan(5);
        expect((await growth(page, 'audio', u)).packets, `${me} ← ${u} audio`).toBeGreaterThan(20);
      }
    }
    await saveScreenshot(pages[CHAIR] as Page, 'room-firefox-seen-by-chromium');
    await firefoxPage.screenshot({ path: join(E2E_RESULTS_DIR, 'room-firefox.png') });
    expect(firefoxErrors).toEqual([]);
    for (const [u, e] of Object.entries(errors)) expect(e, `page errors of ${u}`).toEqual([]);
  });

  it("Firefox's thumbnail costs what Chromium's does: a capped frame rate", async () => {
    const viewer = pages[CHAIR] as Page;
    const rates = await waitForInbound(
      viewer,
      'video',
      (s) => s[FIREFOX]?.role === 'thumbnail' && s[OTHER]?.role === 'thumbnail' && (s[FIREFOX]?.framesPerSecond ?? 0) > 0 && (s[OTHER]?.framesPerSecond ?? 0) > 0,
      15_000,
      'both thumbnails measured',
    );
    // framesPerSecond is over the last second: average a few readings.
    const samples: { firefox: number; chromium: number }[] = [];
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      const s = await waitForInbound(viewer, 'video', () => true, 1000);
      samples.push({ firefox: s[FIREFOX]?.framesPerSecond ?? 0, chromium: s[OTHER]?.framesPerSecond ?? 0 });
    }
    const mean = (k: 'firefox' | 'chromium') => samples.reduce((sum, x) => sum + x[k], 0) / samples.length;
    console.log(`thumbnail frames per second at a Chromium viewer: from Firefox ${mean('firefox')}, from Chromium ${mean('chromium')} (first reading ${JSON.stringify(rates)})`);
    expect(mean('firefox')).toBeGreaterThan(0);
    expect(mean('firefox')).toBeLessThanOrEqual(THUMBNAIL_MAX_FPS);
  });
});

// The case issue 9.11 was found in: Firefox and a loopback media address. It used to show itself
// connected and rejoin every few seconds forever; now it says it cannot connect, and why.
describe.skipIf(!firefoxAvailable())('Firefox ESR with a media address it cannot reach', () => {
  let t: TestServer;
  let firefox: FirefoxBrowser;

  beforeAll(async () => {
    assertWebBuilt();
    t = await startTestServer({ MEDIA_LISTEN_IP: '127.0.0.1' });
    firefox = await launchFirefox();
  });

  afterAll(async () => {
    await firefox?.close().catch(() => {});
    await t?.close();
  });

  it('tells the user instead of claiming to be connected', async () => {
    const meetingId = await createCityMeeting(t.url, { invite: ['d01'], title: 'Firefox và địa chỉ loopback' });
    const { page, errors: pageErrors } = await openFirefoxRoomPage(firefox, { baseURL: t.url, meetingId, username: FIREFOX });
    await page.locator('[data-testid="room-join"]').click();
    await page.waitForSelector('[data-testid="room"]');
    const statuses: string[] = [];
    const started = Date.now();
    while (Date.now() - started < 45_000) {
      const status = await page.$eval('[data-testid="room"]', (el) => (el as HTMLElement).dataset.status ?? '');
      if (statuses.at(-1) !== status) statuses.push(status);
      if (status === 'media-failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    console.log(`Firefox, loopback media address: ${statuses.join(' → ')} after ${Date.now() - started} ms`);
    expect(statuses.at(-1)).toBe('media-failed');
    expect(statuses).not.toContain('connected');
    expect(await page.$eval('[data-testid="room-media-failed"]', (el) => (el as HTMLElement).hidden)).toBe(false);
    // Firefox reports the failure it detected itself ("WebRTC: ICE failed, add a STUN server…")
    // as a page error; that is the condition under test, not the app's.
    expect(pageErrors.filter((e) => !e.message.startsWith('WebRTC: ICE failed'))).toEqual([]);
  });
});
