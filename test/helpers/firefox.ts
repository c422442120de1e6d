import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DEMO_PASSWORD } from './server.ts';
import { RECORD_PEER_CONNECTIONS } from './webrtc-stats.ts';

// Firefox ESR for end-to-end tests: Debian's `firefox-esr`, driven by puppeteer-core over
// WebDriver BiDi (playwright cannot drive a stock Firefox; nothing is downloaded).
// FIREFOX_PATH overrides the binary.

export const FIREFOX_EXECUTABLE = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export function firefoxAvailable(): boolean {
  return existsSync(FIREFOX_EXECUTABLE);
}

/**
 * The address a Firefox page can send media to: Firefox's ICE agent never pairs its LAN host
 * candidate with a loopback one, so a server announcing 127.0.0.1 is unreachable for it. This
 * is the server's own default for MEDIA_LISTEN_IP=0.0.0.0 (config.ts): the first LAN IPv4.
 */
export function lanAddress(): string | null {
  for (const addresses of Object.values(networkInterfaces())) {
    const found = addresses?.find((a) => a.family === 'IPv4' && !a.internal);
    if (found) return found.address;
  }
  return null;
}

/** Headless Firefox with a fake camera and microphone, no permission prompts, autoplay allowed. */
export async function launchFirefox(): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_EXECUTABLE,
    headless: true,
    extraPrefsFirefox: {
      'media.navigator.streams.fake': true,
      'media.navigator.permission.disabled': true,
      'media.autoplay.default': 0,
      'media.autoplay.blocking_policy': 0,
    },
  });
}

export interface FirefoxRoomPage {
  page: Page;
  errors: Error[];
}

/** Opens `/meetings/:id/room` as `username` (the device check), recording its peer connections. */
export async function openFirefoxRoomPage(browser: Browser, o: { baseURL: string; meetingId: string; username: string }): Promise<FirefoxRoomPage> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1366, height: 768 });
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error instanceof Error ? error : new Error(String(error))));
  await page.evaluateOnNewDocument(RECORD_PEER_CONNECTIONS);
  await page.goto(`${o.baseURL}/login`);
  const status = await page.evaluate(
    async (username, password) => (await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })).status,
    o.username,
    DEMO_PASSWORD,
  );
  if (status !== 200) throw new Error(`${o.username} signs in in Firefox → ${status}`);
  await page.goto(`${o.baseURL}/meetings/${o.meetingId}/room`);
  return { page, errors };
}

/** What a page receives from each user, read from the RTCRtpReceiver playing that user's element. */
export type ReceivedByUser = Record<string, { packetsReceived: number; framesDecoded: number }>;

/**
 * Inbound figures per `<video|audio data-user>`. Matched through the receiver whose track the
 * element plays: Firefox's inbound-rtp stats do not name their track, and it leaves
 * getVideoPlaybackQuality() at zero for WebRTC video; `framesDecoded` does advance.
 */
export async function receivedByUser(page: Page, kind: 'video' | 'audio'): Promise<ReceivedByUser> {
  return page.evaluate(async (kind) => {
    const pcs = (window as unknown as { __ecabinetPcs?: RTCPeerConnection[] }).__ecabinetPcs ?? [];
    const receivers = pcs.filter((pc) => pc.connectionState !== 'closed').flatMap((pc) => pc.getReceivers());
    const out: Record<string, { packetsReceived: number; framesDecoded: number }> = {};
    for (const el of Array.from(document.querySelectorAll<HTMLMediaElement>(`${kind}[data-user]`))) {
      const track = el.srcObject instanceof MediaStream ? el.srcObject.getTracks()[0] : undefined;
      const receiver = receivers.find((r) => r.track === track);
      const user = el.dataset.user;
      if (!receiver || !user) continue;
      (await receiver.getStats()).forEach((s: Record<string, number | string>) => {
        if (s.type === 'inbound-rtp') out[user] = { packetsReceived: Number(s.packetsReceived ?? 0), framesDecoded: Number(s.framesDecoded ?? 0) };
      });
    }
    return out;
  }, kind);
}

/** Waits until what `page` receives from every one of `users` grows (frames for video, packets for audio). */
export async function waitForReceiving(page: Page, kind: 'video' | 'audio', users: readonly string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const count = (x: ReceivedByUser[string] | undefined): number => (kind === 'video' ? x?.framesDecoded : x?.packetsReceived) ?? 0;
  let previous = await receivedByUser(page, kind);
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await receivedByUser(page, kind);
    if (users.every((u) => count(now[u]) > count(previous[u]) && count(now[u]) > 10)) return;
    previous = now;
  }
  throw new Error(`Firefox page: ${kind} of ${users.join(', ')} not flowing within ${timeoutMs} ms; last: ${JSON.stringify(previous)}`);
}
