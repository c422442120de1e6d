// Three demo users of different units meet through the room page in real Chromium (fake camera
// and microphone) over the real server and mediasoup: video and audio flow both ways, the chair
// mutes one of them and the server stops his audio whatever his page does, the stage follows
// the floor with the simulcast layer switching at run time, a page whose network drops is back
// within 5 s as the same participant, and a user of a unit that was not invited is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertWebBuilt, launchBrowser, saveScreenshot } from '../helpers/browser.ts';
import { createCityMeeting } from '../helpers/meetings.ts';
import { NetworkNamespace } from '../helpers/netns.ts';
import { openRoomPage } from '../helpers/room-page.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { growth, waitForFlowing, waitForInbound, type InboundByUser } from '../helpers/webrtc-stats.ts';

const MEDIA_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--allow-loopback-in-peer-connection',
];
const CHAIR = 'city.leader';
const A = 'd01.member';
const B = 'd02.member'; // in the network namespace when this machine can make one

const canCutNetwork = NetworkNamespace.available();

describe('meeting room in the browser', () => {
  let t: TestServer;
  let ns: NetworkNamespace | undefined;
  let browser: Browser;
  let nsBrowser: Browser | undefined;
  let baseURL: string;
  let meetingId: string;
  const pages: Record<string, Page> = {};
  const contexts: BrowserContext[] = [];
  const errors: Record<string, Error[]> = {};

  async function openRoom(b: Browser, username: string): Promise<Page> {
    const { context, page, errors: pageErrors } = await openRoomPage(b, { baseURL, meetingId, username });
    contexts.push(context);
    errors[username] = pageErrors;
    return page;
  }

  async function join(username: string, b: Browser): Promise<Page> {
    const page = await openRoom(b, username);
    await page.getByTestId('room-join').click();
    pages[username] = page;
    return page;
  }

  /** The chair's participant-list action on one participant. */
  async function chairAction(username: string, action: 'participant-mute' | 'participant-stage'): Promise<void> {
    const chair = pages[CHAIR] as Page;
    const row = chair.locator(`[data-testid="participant"][data-username="${username}"]`);
    if (!(await row.isVisible())) await chair.getByTestId('room-participants').click();
    await row.getByTestId(action).click();
  }

  beforeAll(async () => {
    assertWebBuilt();
    ns = canCutNetwork ? NetworkNamespace.create() : undefined;
    const mediaIp = ns?.hostAddress ?? '127.0.0.1';
    t = await startTestServer({ HOST: '0.0.0.0', MEDIA_LISTEN_IP: mediaIp, MEDIA_RECONNECT_GRACE_SECONDS: '20' });
    baseURL = `http://${mediaIp}:${new URL(t.url).port}`;
    meetingId = await createCityMeeting(t.url, { invite: ['d01', 'd02'], title: 'Họp trực tuyến kiểm thử' });
    // Cameras need a secure context; plain http is one only on loopback, so vouch for the test origin.
    const args = [...MEDIA_ARGS, `--unsafely-treat-insecure-origin-as-secure=${baseURL}`];
    browser = await launchBrowser({ extraArgs: args });
    nsBrowser = ns ? await launchBrowser({ extraArgs: args, executablePath: ns.chromium() }) : undefined;
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await nsBrowser?.close();
    await browser?.close();
    await t?.close();
    ns?.destroy();
  });

  it('three users of different units see and hear each other', async () => {
    await join(CHAIR, browser);
    await join(A, browser);
    await join(B, nsBrowser ?? browser);
    for (const [me, page] of Object.entries(pages)) {
      const others = [CHAIR, A, B].filter((u) => u !== me);
      await waitForInbound(page, 'video', (s) => others.every((u) => (s[u]?.framesDecoded ?? 0) > 10), 30_000, `${me} decoding video of ${others.join(', ')}`);
      for (const u of others) {
        // Thumbnails come at the base temporal layer, a quarter of the fake camera's 20 fps.
        expect((await growth(page, 'video', u, 2500)).frames, `${me} ← ${u} video`).toBeGreaterThan(5);
        expect((await growth(page, 'audio', u)).packets, `${me} ← ${u} audio`).toBeGreaterThan(20);
      }
      await saveScreenshot(page, `room-${me}`);
    }
    for (const [u, e] of Object.entries(errors)) expect(e, `page errors of ${u}`).toEqual([]);
  });

  it('the chair mutes a participant and the server stops forwarding his audio even when his page resumes it', async () => {
    await chairAction(A, 'participant-mute');
    const muted = pages[A] as Page;
    await muted.getByTestId('room-mic').and(muted.locator('[data-state="muted-by-chair"], [disabled]')).first().waitFor({ timeout: 10_000 });
    // The page does its worst: clicks unmute and re-enables every local audio track itself.
    await muted.getByTestId('room-mic').click({ force: true }).catch(() => {});
    await muted.evaluate(() => {
      for (const pc of (window as unknown as { __ecabinetPcs: RTCPeerConnection[] }).__ecabinetPcs) {
        for (const sender of pc.getSenders()) if (sender.track?.kind === 'audio') sender.track.enabled = true;
      }
    });
    await new Promise((r) => setTimeout(r, 1000));
    for (const listener of [CHAIR, B]) {
      expect((await growth(pages[listener] as Page, 'audio', A, 2000)).packets, `${listener} still hears ${A}`).toBe(0);
      // Everyone else is still heard.
      expect((await growth(pages[listener] as Page, 'audio', listener === CHAIR ? B : CHAIR)).packets).toBeGreaterThan(20);
    }
    await chairAction(A, 'participant-mute'); // let him speak again
  });

  it('moves a participant between the stage and the thumbnails, the received resolution following', async () => {
    const viewer = pages[A] as Page;
    // The chair is on stage at the top layer; the other participant is a thumbnail at the lowest.
    // On stage: the top layer the sender manages (1280, or 640 when its encoder is short of CPU).
    const staged = (s: InboundByUser, on: string, off: string) => (s[on]?.frameWidth ?? 0) >= 640 && (s[off]?.frameWidth ?? 1e9) <= 320;
    const before = await waitForInbound(viewer, 'video', (s) => staged(s, CHAIR, B), 30_000, 'chair on stage, B thumbnail');
    expect(before[CHAIR]?.role).toBe('stage');
    // The thumbnail also comes at the base temporal layer: a fraction of the stage's frame rate.
    // 8 fps on stage is enough to tell a base layer (≤ 2/3 of it) from the full rate; a sender
    // short of CPU on a loaded 2-core CI machine was seen at 10 fps, under the 12 asked before.
    const rates = await waitForInbound(viewer, 'video', (s) => (s[CHAIR]?.framesPerSecond ?? 0) >= 8 && (s[B]?.framesPerSecond ?? 0) > 0, 30_000, 'frame rates known');
    console.log(`frames per second: stage ${rates[CHAIR]?.framesPerSecond}, thumbnail ${rates[B]?.framesPerSecond}`);
    expect(rates[B]?.framesPerSecond).toBeLessThanOrEqual(((rates[CHAIR]?.framesPerSecond ?? 0) * 2) / 3);
    await saveScreenshot(viewer, 'room-stage-chair');
    await chairAction(B, 'participant-stage');
    const given = Date.now();
    const after = await waitForInbound(viewer, 'video', (s) => staged(s, B, CHAIR), 30_000, 'B on stage, chair thumbnail');
    console.log(`floor given → stage ≥ 640 wide and the chair a thumbnail after ${Date.now() - given} ms`);
    expect(after[B]?.role).toBe('stage');
    await saveScreenshot(viewer, 'room-stage-floor');
    await chairAction(B, 'participant-stage'); // the floor back to the chair
    const back = Date.now();
    await waitForInbound(viewer, 'video', (s) => staged(s, CHAIR, B), 30_000, 'back to the chair');
    console.log(`floor back → the chair on stage again after ${Date.now() - back} ms`);
  });

  it.skipIf(!canCutNetwork)('a page that loses its network is back within 5 s as the same participant', async () => {
    const dropped = pages[B] as Page;
    const cut = Date.now();
    (ns as NetworkNamespace).cut();
    await dropped.getByTestId('room-reconnecting').waitFor({ state: 'visible', timeout: 15_000 });
    await new Promise((r) => setTimeout(r, Math.max(0, 3000 - (Date.now() - cut))));
    (ns as NetworkNamespace).restore();
    const back = Date.now();
    // Media flows again both ways: the others decode B, and B decodes them.
    const aSeesB = waitForFlowing(pages[A] as Page, 'video', [B], 10_000, 'A decoding B');
    const bSeesAll = waitForFlowing(dropped, 'video', [CHAIR, A], 10_000, 'B decoding the others');
    const chairHearsB = waitForFlowing(pages[CHAIR] as Page, 'audio', [B], 10_000, 'the chair hearing B');
    const recovered = Math.max(await aSeesB, await bSeesAll, await chairHearsB) - back;
    console.log(`network restored → media both ways after ${recovered} ms`);
    expect(recovered).toBeLessThanOrEqual(5_000);
    await dropped.getByTestId('room-reconnecting').waitFor({ state: 'hidden', timeout: 5_000 });
    // The others see one B, not two. The chair was only waited for to hear B: his video of B may
    // follow the audio by a moment, within the same 5 s.
    for (const viewer of [pages[CHAIR] as Page, pages[A] as Page]) {
      await expect.poll(() => viewer.locator(`video[data-user="${B}"]`).count(), { timeout: Math.max(500, back + 5_000 - Date.now()), interval: 100 }).toBe(1);
      expect(await viewer.locator(`[data-testid="participant"][data-username="${B}"]`).count()).toBeLessThanOrEqual(1);
    }
    const chair = pages[CHAIR] as Page;
    if (!(await chair.locator('[data-testid="participant"]').first().isVisible())) await chair.getByTestId('room-participants').click();
    expect(await chair.locator('[data-testid="participant"]').count()).toBe(3);
    await saveScreenshot(dropped, 'room-after-reconnect');
  });

  it('refuses a user of a unit that was not invited', async () => {
    const page = await openRoom(browser, 'c0101.member');
    await page.getByText(/not invited|không có trong danh sách được mời/i).first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('room-join').count()).toBe(0);
    await saveScreenshot(page, 'room-not-invited');
  });
});
