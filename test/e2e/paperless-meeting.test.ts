// The paperless meeting from end to end in real Chromium against the real server (issue 10.10),
// one story in the order it happens: the district clerk of Ba Đình schedules a meeting for the
// district and its communes in the web app, with two agenda items and a PDF uploaded on the
// agenda page; a commune member, on her home page, is told at once and sees it; her tablet keeps
// the document and opens it with the network cut; the chair opens the room and presents page 3,
// and the followers are there within a second; three participants raise hands and get the floor
// in order, the same queue on every page; three voters give the right counts on the item the
// chair made current; the chair ends the meeting and the secretary is told; the draft minutes PDF
// (pdftotext) names who came and what was voted, at the time it really happened. The presentation
// comes before the members join the room: four rooms' video on a two-core test machine would
// time the CPU, not the page-sync.
//
// Four browser contexts carry the whole story (the machine is small): the clerk (also secretary
// and the third participant), the chair, and two members.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertWebBuilt, collectPageErrors, launchBrowser, REPO_ROOT, saveScreenshot, signInPage } from '../helpers/browser.ts';
import { demoDirectory } from '../helpers/meetings.ts';
import {
  addAgendaItemInUi,
  attachPdfInUi,
  documentEntry,
  documentState,
  endMeetingInUi,
  floorQueueOn,
  joinRoomInUi,
  scheduleMeetingInUi,
  viewerDrawn,
} from '../helpers/meeting-ui.ts';
import { pdfText } from '../helpers/pdf-render.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const MEDIA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'];
const PORTRAIT = { width: 768, height: 1024 };
const LANDSCAPE = { width: 1024, height: 768 };
const TITLE = 'Họp UBND Quận Ba Đình: chuyển đổi số cấp phường';
const ITEMS = ['Báo cáo tiến độ chuyển đổi số quý IV', 'Kế hoạch năm 2027'] as const;
const QUESTION = 'Thông qua kế hoạch chuyển đổi số năm 2027?';
const CLERK = 'd01.clerk';
const CHAIR = 'd01.leader';
const COMMUNE = 'c0101.member';
const DISTRICT = 'd01.member';
/** Who raises a hand, in this order; they are also the three voters. */
const SPEAKERS = [COMMUNE, DISTRICT, CLERK] as const;
const FULL_NAMES: Record<string, string> = {
  [CLERK]: 'Phạm Thị Lan',
  [CHAIR]: 'Hoàng Văn Nam',
  [COMMUNE]: 'Ngô Thị Hương',
  [DISTRICT]: 'Vũ Thị Hồng',
};

/** `yyyyMMddHHmm` in Vietnam time (UTC+7, no daylight saving), as the minutes state times. */
const vietnamMinute = (d: Date): string => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace(/\D/g, '');

describe('the paperless meeting, end to end', () => {
  const testStartedAt = new Date();
  let t: TestServer;
  let browser: Browser;
  let meetingId = '';
  let documentId = '';
  const ids: Record<string, string> = {};
  const contexts: Record<string, BrowserContext> = {};
  /** Each user's first page: home, then documents; the room gets a page of its own. */
  const home: Record<string, Page> = {};
  const room: Record<string, Page> = {};
  /** Each page's errors as they come (collectPageErrors fills its array later: keep the array itself). */
  const errors: { username: string; errors: Error[] }[] = [];

  async function signIn(username: string, viewport: { width: number; height: number }): Promise<void> {
    const { context, page } = await signInPage(browser, { baseURL: t.url, username, viewport });
    contexts[username] = context;
    home[username] = page;
    errors.push({ username, errors: collectPageErrors(page) });
  }
  async function newPage(username: string): Promise<Page> {
    const page = await (contexts[username] as BrowserContext).newPage();
    errors.push({ username, errors: collectPageErrors(page) });
    return page;
  }
  const p = (pages: Record<string, Page>, username: string) => pages[username] as Page;

  beforeAll(async () => {
    assertWebBuilt();
    // Many logins within a minute (the directory, five browsers): above the default rate limit.
    t = await startTestServer({ LOGIN_RATE_LIMIT_PER_MINUTE: '100' });
    const dir = await demoDirectory(t.url);
    for (const u of [CLERK, CHAIR, COMMUNE, DISTRICT]) ids[u] = await dir.user(u);
    browser = await launchBrowser({ extraArgs: MEDIA_ARGS });
  });

  afterAll(async () => {
    for (const c of Object.values(contexts)) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  it('the district clerk schedules it with two items and a PDF; a commune member is told at once and sees it', async () => {
    await signIn(COMMUNE, PORTRAIT);
    await signIn(CLERK, LANDSCAPE);
    const member = p(home, COMMUNE);
    const count = member.getByTestId('notifications-count');
    await member.getByTestId('home-meetings').waitFor();
    expect(await count.isHidden()).toBe(true);
    // Anything that reloads the page drops this marker.
    await member.evaluate('window.__sameDocument = true');

    const clerk = p(home, CLERK);
    meetingId = await scheduleMeetingInUi(clerk, {
      title: TITLE,
      unitCodes: ['d01'],
      includeSubunits: true,
      secretaryLabel: `${FULL_NAMES[CLERK]} — Chuyên viên Văn phòng UBND Quận Ba Đình`,
    });
    expect(meetingId).toMatch(/^[0-9a-f-]{36}$/);

    // The member's bell and home page, without a reload.
    await member.locator('[data-testid="notifications-count"]:not([hidden])').waitFor();
    expect(await count.textContent()).toBe('1');
    await member.locator(`[data-testid="home-meeting"][data-meeting-id="${meetingId}"]`).waitFor();
    await member.getByTestId('notifications-bell').click();
    expect(await member.getByTestId('notification-item').first().textContent()).toContain(`Mời họp: ${TITLE}`);
    expect(await member.evaluate('window.__sameDocument')).toBe(true);

    // The agenda: two items, the report attached to the first through the agenda page.
    await clerk.goto(`/meetings/${meetingId}/agenda`);
    const first = await addAgendaItemInUi(clerk, { title: ITEMS[0], minutes: 20, presenterLabel: `${FULL_NAMES[CHAIR]} — Chủ tịch UBND Quận Ba Đình` });
    await addAgendaItemInUi(clerk, { title: ITEMS[1], minutes: 15 });
    const report = new Uint8Array(await readFile(join(REPO_ROOT, 'test/fixtures/documents/bao-cao-libreoffice.pdf')));
    documentId = await attachPdfInUi(first, { name: 'Báo cáo chuyển đổi số.pdf', bytes: report });
    expect(await first.getByTestId('agenda-document').textContent()).toContain('5 trang');
    await saveScreenshot(clerk, 'paperless-agenda-clerk');

    // The member opens it from her home page: the agenda in order, the document kept on her tablet.
    await member.locator(`[data-testid="home-meeting"][data-meeting-id="${meetingId}"]`).click();
    await member.waitForURL((url) => url.pathname === `/meetings/${meetingId}`);
    expect(await member.getByTestId('meeting-title').textContent()).toBe(TITLE);
    const summary = member.getByTestId('meeting-documents').getByTestId('documents-summary');
    await expect.poll(() => summary.getAttribute('data-stored'), { timeout: 15_000 }).toBe('1');
    await member.goto(`/meetings/${meetingId}/agenda`);
    await member.getByTestId('agenda-item').nth(1).waitFor();
    expect(await member.getByTestId('agenda-item').allTextContents()).toEqual([expect.stringContaining(ITEMS[0]), expect.stringContaining(ITEMS[1])]);
    expect(await member.getByTestId('agenda-add-form').count()).toBe(0);
  });

  it('opens the document on the commune tablet with the network cut', async () => {
    const member = p(home, COMMUNE);
    await member.goto(`/meetings/${meetingId}/documents`);
    await expect.poll(() => documentState(member, documentId), { timeout: 15_000 }).toBe('stored');
    await member.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
    const context = contexts[COMMUNE] as BrowserContext;
    // Every state the document's badge shows from the page's start: a document on the tablet
    // must never be called missing, not even until the tablet has looked.
    await context.addInitScript(`window.__docStates = [];
      new MutationObserver((records) => {
        for (const r of records) {
          for (const node of r.type === 'attributes' ? [r.target] : [...r.addedNodes]) {
            if (!(node instanceof Element)) continue;
            for (const el of [node, ...node.querySelectorAll('[data-testid="document-status"]')]) {
              if (el.getAttribute('data-testid') === 'document-status') window.__docStates.push(el.getAttribute('data-state'));
            }
          }
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });`);
    await context.setOffline(true);
    try {
      await member.reload();
      await member.getByTestId('documents-offline').waitFor();
      await expect.poll(() => documentState(member, documentId)).toBe('stored');
      expect(await member.evaluate<string[]>('window.__docStates')).not.toContain('missing');
      await documentEntry(member, documentId).click();
      await viewerDrawn(member, documentId, 1);
      await saveScreenshot(member, 'paperless-offline-document-768x1024');
    } finally {
      await context.setOffline(false);
    }
  });

  it('opens the room; the followers are on page 3 within a second of the chair presenting it', async () => {
    await signIn(CHAIR, LANDSCAPE);
    await signIn(DISTRICT, LANDSCAPE);
    // The chair joining makes the meeting live (a live meeting can be presented).
    room[CHAIR] = await newPage(CHAIR);
    await joinRoomInUi(p(room, CHAIR), meetingId);
    const chair = await newPage(CHAIR);
    await chair.goto(`/meetings/${meetingId}/documents?doc=${documentId}`);
    await viewerDrawn(chair, documentId, 1);
    const followers = [p(home, COMMUNE), p(home, DISTRICT)];
    for (const f of followers) await f.goto(`/meetings/${meetingId}/documents`);
    await chair.getByTestId('presenter-lead').click();
    await expect.poll(() => chair.getByTestId('presenter-bar').getAttribute('data-mode')).toBe('leading');
    for (const f of followers) await viewerDrawn(f, documentId, 1);

    // Timed in the pages (one machine, one clock): from the chair's Enter to page 3 drawn on a
    // follower, without the test driver's round trips.
    for (const f of followers) {
      await f.evaluate(`new MutationObserver(() => {
        const v = document.querySelector('[data-testid="viewer"]');
        if (!window.__page3At && v?.getAttribute('data-rendered-page') === '3') window.__page3At = Date.now();
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-rendered-page'] })`);
    }
    await chair.evaluate(`document.addEventListener('keydown', (e) => { if (e.key === 'Enter') window.__sentAt = Date.now(); }, true)`);
    await chair.getByTestId('viewer-page-input').fill('3');
    await chair.getByTestId('viewer-page-input').press('Enter');
    await Promise.all(followers.map((f) => viewerDrawn(f, documentId, 3, 5_000)));
    const sentAt = await chair.evaluate<number>('window.__sentAt');
    const arrived = await Promise.all(followers.map((f) => f.evaluate<number>('window.__page3At')));
    const delays = arrived.map((at) => at - sentAt);
    console.info(`page-sync: page 3 drawn on ${COMMUNE}'s and ${DISTRICT}'s tablets ${delays.join(' ms, ')} ms after the chair's Enter`);
    for (const d of delays) expect(d).toBeGreaterThan(0);
    for (const d of delays) expect(d).toBeLessThan(1000);
    for (const f of followers) expect(await f.getByTestId('presenter-status').textContent()).toContain('trang 3');
    await chair.getByTestId('presenter-stop').click();
    await chair.close();
  });

  it('gives the floor in the order hands were raised, the same queue on every page', async () => {
    for (const u of SPEAKERS) {
      room[u] = await newPage(u);
      await joinRoomInUi(p(room, u), meetingId);
    }
    const everyone = [CHAIR, ...SPEAKERS];
    for (const [i, u] of SPEAKERS.entries()) {
      await p(room, u).getByTestId('floor-raise').click();
      await p(room, u).getByTestId('floor-my-place').waitFor();
      // Each hand reaches the chair before the next is raised: the order is the order asked.
      await expect.poll(() => p(room, CHAIR).getByTestId('floor-queue-item').count(), { timeout: 10_000 }).toBe(i + 1);
    }
    const order = SPEAKERS.map((u) => ids[u]);
    for (const u of everyone) await expect.poll(() => floorQueueOn(p(room, u)), { timeout: 10_000 }).toEqual(order);
    expect(await p(room, COMMUNE).getByTestId('floor-grant').count()).toBe(0);

    for (const [i, u] of SPEAKERS.entries()) {
      await p(room, CHAIR).getByTestId('floor-next').click();
      for (const viewer of everyone) {
        await p(room, viewer).locator(`[data-testid="floor-holder"][data-user-id="${ids[u]}"]`).waitFor({ timeout: 10_000 });
        await expect.poll(() => floorQueueOn(p(room, viewer)), { timeout: 10_000 }).toEqual(order.slice(i + 1));
      }
    }
    await saveScreenshot(p(room, COMMUNE), 'paperless-floor-768x1024');
    await p(room, CHAIR).getByTestId('floor-revoke').click();
    for (const viewer of everyone) await p(room, viewer).locator('[data-testid="floor-holder"]:not([data-user-id])').waitFor({ timeout: 10_000 });
  });

  it('counts a vote of three voters on the item under discussion right on every page', async () => {
    // The chair makes the second item current on the agenda page: the vote is about it.
    const agenda = await newPage(CHAIR);
    await agenda.goto(`/meetings/${meetingId}/agenda`);
    const second = agenda.getByTestId('agenda-item').nth(1);
    await second.getByTestId('agenda-item-current').click();
    await agenda.locator('[data-testid="agenda-item"].agenda-item--current').getByText(ITEMS[1]).waitFor();
    await agenda.close();

    const chair = p(room, CHAIR);
    await chair.getByTestId('vote-question').fill(QUESTION);
    await chair.getByTestId('vote-mode').selectOption('open');
    await chair.getByTestId('vote-eligibility').selectOption('person');
    await chair.getByTestId('vote-open').click();
    const choices = { [COMMUNE]: 'yes', [DISTRICT]: 'no', [CLERK]: 'yes' } as const;
    for (const u of SPEAKERS) {
      const page = p(room, u);
      await page.getByTestId('vote-current').waitFor({ timeout: 10_000 });
      await page.getByTestId(`vote-${choices[u]}`).click();
      await page.locator(`[data-testid="vote-my-choice"][data-choice="${choices[u]}"]`).waitFor();
    }
    await chair.locator('[data-testid="vote-live"][data-cast="3"]').waitFor({ timeout: 10_000 });
    await chair.getByTestId('vote-close').click();
    for (const u of [CHAIR, ...SPEAKERS]) {
      const page = p(room, u);
      await page.getByTestId('vote-result').waitFor({ timeout: 10_000 });
      const count = async (c: string) => Number(await page.getByTestId(`vote-result-${c}`).getAttribute('data-count'));
      expect([await count('yes'), await count('no'), await count('abstain')], `counts on ${u}'s page`).toEqual([2, 1, 0]);
    }
  });

  it('ends the meeting from the chair’s page; the room closes for everyone and the secretary is told the minutes are drafted', async () => {
    const chair = await newPage(CHAIR);
    await endMeetingInUi(chair, meetingId);
    for (const u of SPEAKERS) await p(room, u).getByTestId('room-ended').waitFor({ timeout: 10_000 });
    await chair.close();
    // The clerk (the secretary) still has the agenda page open: the bell tells him, no reload.
    const secretary = p(home, CLERK);
    await secretary.locator('[data-testid="notifications-count"]:not([hidden])').waitFor({ timeout: 10_000 });
    await secretary.getByTestId('notifications-bell').click();
    const notice = secretary.getByTestId('notification-item').filter({ hasText: `Đã có bản nháp biên bản: ${TITLE}` });
    await notice.click();
    await secretary.waitForURL((url) => url.pathname === `/meetings/${meetingId}/minutes`);
    for (const e of errors) expect(e.errors.map(String), `page errors of ${e.username}`).toEqual([]);
  });

  it('drafts minutes naming the attendees and giving the vote result under its agenda item', async () => {
    // The secretary (the clerk) reads the draft the end of the meeting made.
    const res = await (contexts[CLERK] as BrowserContext).request.get(`/api/meetings/${meetingId}/minutes/file`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    // pdftotext breaks lines where the layout wraps them: compare with single spaces.
    const text = (await pdfText(new Uint8Array(await res.body()))).replace(/\s+/g, ' ');
    // The time stated is the real one: the room opened during this test, before the chair ended
    // it (not the planned start, an hour after the form's default).
    const when = /bắt đầu lúc (\d\d) giờ (\d\d) phút, ngày (\d\d)\/(\d\d)\/(\d{4}); kết thúc lúc (\d\d) giờ (\d\d) phút, ngày (\d\d)\/(\d\d)\/(\d{4})/.exec(text);
    if (!when) throw new Error('no start and end in the minutes');
    const [sh, sm, sd, sM, sy, eh, em, ed, eM, ey] = when.slice(1);
    const [started, ended] = [`${sy}${sM}${sd}${sh}${sm}`, `${ey}${eM}${ed}${eh}${em}`];
    expect(started >= vietnamMinute(testStartedAt), `started ${started}`).toBe(true);
    expect(started <= ended, `started ${started}, ended ${ended}`).toBe(true);
    for (const expected of [
      'BIÊN BẢN',
      TITLE,
      `Chủ tọa: ${FULL_NAMES[CHAIR]} – Chủ tịch UBND Quận Ba Đình`,
      `Thư ký: ${FULL_NAMES[CLERK]} – Chuyên viên Văn phòng UBND Quận Ba Đình`,
      ...[CHAIR, ...SPEAKERS].map((u) => FULL_NAMES[u] as string),
      `1. ${ITEMS[0]}`,
      `2. ${ITEMS[1]}`,
      'Phát biểu tại cuộc họp (3 lượt)',
      `${QUESTION} – nội dung 2: ${ITEMS[1]} (biểu quyết công khai, mỗi người một phiếu).`,
      // Three ballots of the four present (the chair did not vote).
      'Số phiếu: 3/4. Tán thành: 2; Không tán thành: 1; Không biểu quyết: 0.',
      `Không tán thành: ${FULL_NAMES[DISTRICT]} (UBND Quận Ba Đình).`,
    ]) {
      expect(text, expected).toContain(expected);
    }
    // Those who voted yes, named with their units (in whatever order the minutes give them).
    const yes = /Tán thành: ([^.]*)\./.exec(text.slice(text.indexOf('Không biểu quyết: 0.')))?.[1] ?? '';
    expect(yes.split('; ').sort()).toEqual([`${FULL_NAMES[COMMUNE]} (UBND Phường 1, Ba Đình)`, `${FULL_NAMES[CLERK]} (UBND Quận Ba Đình)`].sort());
  });
});
