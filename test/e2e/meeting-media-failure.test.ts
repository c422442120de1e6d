// Issue 9.11: when media cannot connect, the room says so. The server announces a media address
// nobody answers on (TEST-NET-3; this machine's own network is 192.0.2.0/24, whose .1 is its
// gateway), so signalling works and joining succeeds, but no ICE check ever gets through. Real
// Chromium, the real server and mediasoup: the page never claims to be connected, tells the
// user within a bound in plain words what the administrator should check, stops retrying, and
// the server logs the client's report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertWebBuilt, launchBrowser, saveScreenshot } from '../helpers/browser.ts';
import { createCityMeeting } from '../helpers/meetings.ts';
import { openRoomPage } from '../helpers/room-page.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const UNREACHABLE = '203.0.113.1';
/** Three failed attempts (first connection, ICE restart, rejoin) take about 20 s; room for a slow machine. */
const VERDICT_WITHIN_MS = 45_000;
const MEDIA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'];

/** Every value the room's data-status takes, from the moment it appears. */
const RECORD_STATUSES = `(() => {
  const seen = [];
  window.__roomStatuses = seen;
  const watch = (room) => {
    seen.push(room.dataset.status);
    new MutationObserver(() => seen.push(room.dataset.status)).observe(room, { attributes: true, attributeFilter: ['data-status'] });
  };
  new MutationObserver((_, observer) => {
    const room = document.querySelector('[data-testid="room"]');
    if (room) { observer.disconnect(); watch(room); }
  }).observe(document, { childList: true, subtree: true });
})();`;

interface LogCall {
  obj: Record<string, unknown>;
  msg: string;
}

describe('meeting room when media cannot connect', () => {
  let t: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: Error[];
  const warnings: LogCall[] = [];

  beforeAll(async () => {
    assertWebBuilt();
    t = await startTestServer({ MEDIA_ANNOUNCED_ADDRESS: UNREACHABLE });
    // What the server logs for each signalling connection (its per-socket child logger).
    const log = t.server.app.log;
    const child = log.child.bind(log);
    log.child = ((...args: Parameters<typeof log.child>) => {
      const logger = child(...args);
      logger.warn = ((obj: Record<string, unknown>, msg: string) => void warnings.push({ obj, msg })) as typeof logger.warn;
      return logger;
    }) as typeof log.child;
    const meetingId = await createCityMeeting(t.url, { invite: ['d01'], title: 'Họp khi cổng media bị chặn' });
    browser = await launchBrowser({ extraArgs: MEDIA_ARGS });
    ({ context, page, errors } = await openRoomPage(browser, { baseURL: t.url, meetingId, username: 'd01.member' }));
    await context.addInitScript(RECORD_STATUSES);
    await page.reload();
  });

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await t?.close();
  });

  it('never claims to be connected, and says what to check within a bound', async () => {
    await page.getByTestId('room-join').click();
    const joined = Date.now();
    const failure = page.getByTestId('room-media-failed');
    await failure.waitFor({ state: 'visible', timeout: VERDICT_WITHIN_MS });
    console.log(`join → "audio and video cannot connect" after ${Date.now() - joined} ms`);

    const statuses = await page.evaluate(() => (window as unknown as { __roomStatuses: string[] }).__roomStatuses);
    expect(statuses[0]).toBe('connecting');
    expect(statuses).not.toContain('connected');
    expect(statuses.at(-1)).toBe('media-failed');
    expect(await page.getByTestId('room').getAttribute('data-status')).toBe('media-failed');
    expect(await page.getByTestId('room-quality').getAttribute('data-quality')).toBe('failed');

    // Plain words for the user, what the administrator should check, and where media was sent.
    const text = (await failure.innerText()).replace(/\s+/g, ' ');
    expect(text).toMatch(/Không kết nối được âm thanh và hình ảnh/);
    expect(text).toMatch(/cổng media \(UDP và TCP\)/);
    expect(text).toContain('MEDIA_ANNOUNCED_ADDRESS');
    expect(text).toContain(UNREACHABLE);
    await saveScreenshot(page, 'room-media-failed');

    // The server heard about it, once, with what the client saw.
    await expect.poll(() => warnings.filter((w) => w.msg.startsWith('reportMediaFailure')).length).toBe(1);
    const report = warnings.find((w) => w.msg.startsWith('reportMediaFailure'));
    expect(report?.obj).toMatchObject({ failures: 3, meetingId: expect.any(String) });
    expect(report?.msg).toContain('MEDIA_ANNOUNCED_ADDRESS');

    // It stopped: no more rejoins while the message is up.
    const before = await page.evaluate(() => (window as unknown as { __ecabinetPcs: RTCPeerConnection[] }).__ecabinetPcs.length);
    await page.waitForTimeout(10_000);
    expect(await page.evaluate(() => (window as unknown as { __ecabinetPcs: RTCPeerConnection[] }).__ecabinetPcs.length)).toBe(before);
    expect(await failure.isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('"Try again" joins again, and fails the same honest way', async () => {
    const failure = page.getByTestId('room-media-failed');
    await page.getByTestId('room-media-retry').click();
    await failure.waitFor({ state: 'hidden', timeout: 5_000 });
    expect(await page.getByTestId('room').getAttribute('data-status')).not.toBe('connected');
    await failure.waitFor({ state: 'visible', timeout: VERDICT_WITHIN_MS });
    const statuses = await page.evaluate(() => (window as unknown as { __roomStatuses: string[] }).__roomStatuses);
    expect(statuses).not.toContain('connected');
    await expect.poll(() => warnings.filter((w) => w.msg.startsWith('reportMediaFailure')).length).toBe(2);
  });
});
