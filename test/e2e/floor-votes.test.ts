// The floor queue, a vote and the quorum through the room page in real Chromium, over the real
// server: three members raise their hands and get the floor in the order they asked (the holder
// on everyone's stage, the timer counting), a vote with three voters gives the right counts on
// every page, the chair sees the quorum, and the attendance sheet lists who came.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertWebBuilt, launchBrowser, saveScreenshot } from '../helpers/browser.ts';
import { floorQueueOn } from '../helpers/meeting-ui.ts';
import { createCityMeeting, demoDirectory } from '../helpers/meetings.ts';
import { openRoomPage } from '../helpers/room-page.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const MEDIA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'];
const CHAIR = 'city.leader';
const MEMBERS = ['d01.member', 'd02.member', 'd01.leader'] as const;
/** A tablet in portrait for one member, the others on meeting-room PCs. */
const TABLET = { width: 768, height: 1024 };

describe('the floor and a vote in the browser', () => {
  let t: TestServer;
  let browser: Browser;
  let meetingId: string;
  const ids: Record<string, string> = {};
  const pages: Record<string, Page> = {};
  const contexts: BrowserContext[] = [];
  const errors: Record<string, Error[]> = {};
  const page = (u: string) => pages[u] as Page;

  beforeAll(async () => {
    assertWebBuilt();
    t = await startTestServer();
    meetingId = await createCityMeeting(t.url, { invite: ['d01', 'd02'], title: 'Họp thường kỳ: phát biểu và biểu quyết' });
    const dir = await demoDirectory(t.url);
    for (const u of [CHAIR, ...MEMBERS]) ids[u] = await dir.user(u);
    browser = await launchBrowser({ extraArgs: MEDIA_ARGS });
    for (const u of [CHAIR, ...MEMBERS]) {
      const opened = await openRoomPage(browser, { baseURL: t.url, meetingId, username: u, viewport: u === 'd02.member' ? TABLET : undefined });
      contexts.push(opened.context);
      errors[u] = opened.errors;
      pages[u] = opened.page;
      await opened.page.getByTestId('room-join').click();
      await opened.page.getByTestId('floor-panel').waitFor({ timeout: 30_000 });
    }
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await t?.close();
  });

  const holderOn = (p: Page, username: string | null) =>
    p.locator(username ? `[data-testid="floor-holder"][data-user-id="${ids[username]}"]` : '[data-testid="floor-holder"]:not([data-user-id])').waitFor({ timeout: 10_000 });

  it('gives the floor to three members in the order they raised their hands', async () => {
    const chair = page(CHAIR);
    for (const [i, u] of MEMBERS.entries()) {
      await page(u).getByTestId('floor-raise').click();
      await page(u).getByTestId('floor-my-place').waitFor();
      // Each hand reaches the chair before the next is raised: the order is the order asked.
      await expect.poll(() => chair.getByTestId('floor-queue-item').count(), { timeout: 10_000 }).toBe(i + 1);
    }
    expect(await floorQueueOn(chair)).toEqual(MEMBERS.map((u) => ids[u]));
    // A member sees the queue but has no grant buttons.
    expect(await page('d02.member').getByTestId('floor-grant').count()).toBe(0);
    expect(await page('d02.member').getByTestId('floor-queue-item').count()).toBe(3);
    await saveScreenshot(page('d02.member'), 'floor-queue-tablet');

    for (const u of MEMBERS) {
      await chair.getByTestId('floor-next').click();
      // Every page shows the holder; the holder is on everyone's stage.
      for (const viewer of [CHAIR, ...MEMBERS]) await holderOn(page(viewer), u);
      await page(CHAIR).locator(`[data-testid="room-stage"] video[data-user="${u}"]`).waitFor({ timeout: 15_000 });
      await expect.poll(() => page(u).getByTestId('floor-holder').innerText()).toMatch(/Bạn đang phát biểu|You have the floor/);
      // The timer counts on the pages from the pushed grant time.
      const timer = page(MEMBERS[0] === u ? 'd02.member' : MEMBERS[0]).getByTestId('floor-timer');
      await expect.poll(() => timer.innerText(), { timeout: 5000 }).toMatch(/^00:0[1-9]$/);
    }
    await saveScreenshot(chair, 'floor-chair');
    await chair.getByTestId('floor-revoke').click();
    for (const viewer of [CHAIR, ...MEMBERS]) await holderOn(page(viewer), null);
    expect(await chair.getByTestId('floor-queue-item').count()).toBe(0);
  });

  it('counts a vote of three voters right on every page', async () => {
    const chair = page(CHAIR);
    await chair.getByTestId('vote-question').fill('Thông qua dự thảo kế hoạch năm 2026?');
    await chair.getByTestId('vote-mode').selectOption('open');
    await chair.getByTestId('vote-eligibility').selectOption('person');
    await chair.getByTestId('vote-open').click();
    const choices = { 'd01.member': 'yes', 'd02.member': 'no', 'd01.leader': 'yes' } as const;
    for (const u of MEMBERS) {
      const p = page(u);
      await p.getByTestId('vote-current').waitFor({ timeout: 10_000 });
      // One changes his mind before the close.
      if (u === 'd02.member') {
        await p.getByTestId('vote-yes').click();
        await p.locator('[data-testid="vote-my-choice"][data-choice="yes"]').waitFor();
      }
      await p.getByTestId(`vote-${choices[u]}`).click();
      await p.locator(`[data-testid="vote-my-choice"][data-choice="${choices[u]}"]`).waitFor();
    }
    await chair.locator('[data-testid="vote-live"][data-cast="3"]').waitFor({ timeout: 10_000 });
    await saveScreenshot(page('d02.member'), 'vote-open-tablet');
    await saveScreenshot(chair, 'vote-live-chair');
    await chair.getByTestId('vote-close').click();
    for (const viewer of [CHAIR, ...MEMBERS]) {
      const p = page(viewer);
      await p.getByTestId('vote-result').waitFor({ timeout: 10_000 });
      const count = async (c: string) => Number(await p.getByTestId(`vote-result-${c}`).getAttribute('data-count'));
      expect([await count('yes'), await count('no'), await count('abstain')], `counts on ${viewer}'s page`).toEqual([2, 1, 0]);
    }
    await saveScreenshot(page('d02.member'), 'vote-result-tablet');
  });

  it('shows the chair the quorum and the attendance sheet', async () => {
    const chair = page(CHAIR);
    await chair.locator('[data-testid="quorum"][data-present-units="2"][data-invited-units="2"]').waitFor({ timeout: 10_000 });
    expect(await page('d01.member').getByTestId('quorum-panel').isVisible()).toBe(false);
    const sheet = await contexts[0]?.newPage();
    if (!sheet) throw new Error('no context for the sheet');
    await sheet.goto(`/meetings/${meetingId}/attendance`);
    await sheet.getByTestId('attendance-table').waitFor({ timeout: 10_000 });
    expect(await sheet.getByTestId('attendance-row').count()).toBe(4);
    expect(await sheet.getByTestId('attendance-quorum').getAttribute('data-present-units')).toBe('2');
    expect(await sheet.getByTestId('attendance-csv').getAttribute('href')).toBe(`/api/meetings/${meetingId}/attendance.csv`);
    await saveScreenshot(sheet, 'attendance-sheet');
    for (const [u, e] of Object.entries(errors)) expect(e, `page errors of ${u}`).toEqual([]);
  });
});
