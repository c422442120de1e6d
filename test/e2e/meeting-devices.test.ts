// Changing camera and microphone inside the room (real Chromium with two fake cameras and
// several fake microphones, the real server and mediasoup): the new device goes out on the same
// producers, so the other side keeps decoding the same streams without re-consuming, and a muted
// microphone stays muted after the change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertWebBuilt, launchBrowser, saveScreenshot } from '../helpers/browser.ts';
import { createCityMeeting } from '../helpers/meetings.ts';
import { openRoomPage } from '../helpers/room-page.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { growth, inboundByUser, waitForInbound } from '../helpers/webrtc-stats.ts';

const MEDIA_ARGS = [
  // Three fake cameras: Chromium makes the second a depth camera (Y16), which no encoder takes,
  // and the third a colour one (MJPEG); its fake audio offers several microphones already.
  '--use-fake-device-for-media-stream=device-count=3',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--allow-loopback-in-peer-connection',
];
const CHAIR = 'city.leader';
const MEMBER = 'd01.member';

/** What the page sends: the label of each local track on its peer connections' senders. */
async function sentTrackLabels(page: Page): Promise<{ video: string[]; audio: string[]; audioEnabled: boolean[] }> {
  return page.evaluate(() => {
    const out = { video: [] as string[], audio: [] as string[], audioEnabled: [] as boolean[] };
    for (const pc of (window as unknown as { __ecabinetPcs: RTCPeerConnection[] }).__ecabinetPcs) {
      if (pc.connectionState === 'closed') continue;
      for (const sender of pc.getSenders()) {
        const track = sender.track;
        if (!track) continue;
        if (track.kind === 'video') out.video.push(track.label);
        else {
          out.audio.push(track.label);
          out.audioEnabled.push(track.enabled);
        }
      }
    }
    return out;
  });
}

describe('changing camera and microphone in the room', () => {
  let t: TestServer;
  let browser: Browser;
  let meetingId: string;
  const contexts: BrowserContext[] = [];
  const pages: Record<string, Page> = {};
  const errors: Record<string, Error[]> = {};

  async function join(username: string): Promise<Page> {
    const { context, page, errors: pageErrors } = await openRoomPage(browser, { baseURL: t.url, meetingId, username, viewport: { width: 1024, height: 768 } });
    contexts.push(context);
    errors[username] = pageErrors;
    await page.getByTestId('room-join').click();
    await page.getByTestId('room').waitFor();
    pages[username] = page;
    return page;
  }

  beforeAll(async () => {
    assertWebBuilt();
    t = await startTestServer({ MEDIA_LISTEN_IP: '127.0.0.1' });
    meetingId = await createCityMeeting(t.url, { invite: ['d01'], title: 'Đổi thiết bị trong phòng họp' });
    browser = await launchBrowser({ extraArgs: MEDIA_ARGS });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await t?.close();
  });

  it('switches to another camera on the same producer: the chair keeps decoding the same stream', async () => {
    const chair = await join(CHAIR);
    const member = await join(MEMBER);
    await waitForInbound(chair, 'video', (s) => (s[MEMBER]?.framesDecoded ?? 0) > 10, 30_000, 'chair decoding the member');
    const before = await sentTrackLabels(member);
    expect(before.video).toHaveLength(1);
    const inboundBefore = await inboundByUser(chair, 'video');

    await member.getByTestId('room-devices').click();
    const dialog = member.getByTestId('room-devices-dialog');
    await dialog.waitFor();
    const cameras = member.getByTestId('room-devices-camera').locator('option');
    await expect.poll(() => cameras.count(), { timeout: 5000 }).toBe(3);
    const labels = await cameras.allTextContents();
    const other = labels[2] as string;
    expect(other, `the third camera, not ${before.video[0]}`).not.toBe(before.video[0]);
    await member.getByTestId('room-devices-camera').selectOption({ label: other });

    await expect.poll(async () => (await sentTrackLabels(member)).video, { timeout: 10_000 }).toEqual([other]);
    // The self view shows the new camera too.
    await expect.poll(() => member.locator('video[data-local="camera"]').evaluate((v: HTMLVideoElement) => (v.srcObject as MediaStream | null)?.getVideoTracks()[0]?.label ?? null)).toBe(other);
    // Same stream on the chair's side (no new consumer), still decoding.
    expect((await growth(chair, 'video', MEMBER, 2500)).frames).toBeGreaterThan(5);
    const inboundAfter = await inboundByUser(chair, 'video');
    expect(inboundAfter[MEMBER]?.framesDecoded ?? 0).toBeGreaterThan(inboundBefore[MEMBER]?.framesDecoded ?? 0);
    expect(inboundAfter[MEMBER]?.track, 'the same consumer track').toBe(inboundBefore[MEMBER]?.track);
    await saveScreenshot(member, 'room-devices-dialog');
    await member.getByTestId('room-devices-close').click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
  });

  it('switches the microphone; the chair keeps hearing it, and a muted microphone stays muted', async () => {
    const chair = pages[CHAIR] as Page;
    const member = pages[MEMBER] as Page;
    const before = await sentTrackLabels(member);
    expect(before.audio).toHaveLength(1);
    expect((await growth(chair, 'audio', MEMBER)).packets).toBeGreaterThan(20);

    await member.getByTestId('room-devices').click();
    const mics = member.getByTestId('room-devices-mic').locator('option');
    await expect.poll(() => mics.count(), { timeout: 5000 }).toBeGreaterThan(1);
    const labels = await mics.allTextContents();
    const other = labels.find((l) => l !== before.audio[0]) as string;
    await member.getByTestId('room-devices-mic').selectOption({ label: other });
    await expect.poll(async () => (await sentTrackLabels(member)).audio, { timeout: 10_000 }).toEqual([other]);
    expect((await growth(chair, 'audio', MEMBER)).packets).toBeGreaterThan(20);
    await member.getByTestId('room-devices-close').click();

    // Muted, then another microphone: nothing goes out until unmuted.
    await member.getByTestId('room-mic').click();
    await expect.poll(async () => (await sentTrackLabels(member)).audioEnabled, { timeout: 5000 }).toEqual([false]);
    await member.getByTestId('room-devices').click();
    await member.getByTestId('room-devices-mic').selectOption({ label: before.audio[0] as string });
    await expect.poll(async () => (await sentTrackLabels(member)).audio, { timeout: 10_000 }).toEqual([before.audio[0]]);
    expect((await sentTrackLabels(member)).audioEnabled).toEqual([false]);
    await member.getByTestId('room-devices-close').click();
    await member.getByTestId('room-mic').click();
    await expect.poll(async () => (await sentTrackLabels(member)).audioEnabled, { timeout: 5000 }).toEqual([true]);
    await expect.poll(async () => (await growth(chair, 'audio', MEMBER)).packets, { timeout: 10_000 }).toBeGreaterThan(20);

    for (const [u, e] of Object.entries(errors)) expect(e, `page errors of ${u}`).toEqual([]);
  });
});
