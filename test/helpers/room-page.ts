// A demo user's browser page on a meeting's room page, signed in through the API and recording
// its RTCPeerConnections (webrtc-stats.ts reads them), with the page's errors collected.
import { expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { collectPageErrors } from './browser.ts';
import { DEMO_PASSWORD } from './server.ts';
import { RECORD_PEER_CONNECTIONS } from './webrtc-stats.ts';

export interface RoomPage {
  context: BrowserContext;
  page: Page;
  errors: Error[];
}

/** Opens `/meetings/:id/room` as `username` (the device check, before Join). */
export async function openRoomPage(
  browser: Browser,
  o: { baseURL: string; meetingId: string; username: string; viewport?: { width: number; height: number } },
): Promise<RoomPage> {
  const context = await browser.newContext({ baseURL: o.baseURL, viewport: o.viewport ?? { width: 1366, height: 768 } });
  await context.addInitScript(RECORD_PEER_CONNECTIONS);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const login = await page.request.post('/api/auth/login', { data: { username: o.username, password: DEMO_PASSWORD } });
  expect(login.status(), `${o.username} signs in`).toBe(200);
  await page.goto(`/meetings/${o.meetingId}/room`);
  return { context, page, errors };
}
