// Steps of a meeting's life done through the web app's pages, as a clerk, a chair or a member
// would: schedule a meeting, build its agenda with documents, wait for the tablet to keep them,
// join the room, end the meeting. Each step waits for the state it leads to (no sleeps), so the
// browser tests that tell a longer story can chain them.
import type { Locator, Page } from 'playwright-core';

/** The viewer shows page `n` of document `id`, drawn (the attribute is set after the canvas is painted). */
export const viewerDrawn = (page: Page, id: string, n: number, timeout = 10_000) =>
  page.waitForSelector(`[data-testid="viewer"][data-document-id="${id}"][data-rendered-page="${n}"]`, { timeout });

/** A document's entry in the documents page's list. */
export const documentEntry = (page: Page, id: string): Locator => page.locator(`[data-testid="document-entry"][data-document-id="${id}"]`);

/** The state of a document on this tablet: `stored`, `downloading`, `missing`… */
export const documentState = (page: Page, id: string) => documentEntry(page, id).getByTestId('document-status').getAttribute('data-state');

export interface MeetingFormInput {
  title: string;
  /** Codes of the invited units, ticked in the unit picker. */
  unitCodes: string[];
  includeSubunits?: boolean;
  /** The secretary's option label, "Name — Title". */
  secretaryLabel?: string;
}

/** Fills the new-meeting form and schedules it (not a draft); returns the new meeting's id. */
export async function scheduleMeetingInUi(page: Page, input: MeetingFormInput): Promise<string> {
  await page.goto('/meetings/new');
  await page.getByTestId('meeting-title').fill(input.title);
  for (const code of input.unitCodes) await page.locator(`input[data-unit-code="${code}"]`).check();
  if (input.includeSubunits) await page.getByTestId('meeting-include-subunits').check();
  if (input.secretaryLabel) await page.getByTestId('meeting-secretary').selectOption({ label: input.secretaryLabel });
  await page.getByTestId('meeting-submit').click();
  await page.waitForURL((url) => url.pathname === '/meetings' && url.searchParams.has('created'));
  return new URL(page.url()).searchParams.get('created') ?? '';
}

/** On the agenda page: adds an item at the end and returns its row once it is listed. */
export async function addAgendaItemInUi(page: Page, item: { title: string; minutes?: number; presenterLabel?: string }): Promise<Locator> {
  const form = page.getByTestId('agenda-add-form');
  const before = await page.getByTestId('agenda-item').count();
  await form.getByTestId('agenda-add-form-title').fill(item.title);
  if (item.presenterLabel) await form.getByTestId('agenda-add-form-presenter').selectOption({ label: item.presenterLabel });
  if (item.minutes !== undefined) await form.getByTestId('agenda-add-form-minutes').fill(String(item.minutes));
  await form.getByTestId('agenda-add-form-submit').click();
  const row = page.getByTestId('agenda-item').nth(before);
  await row.getByText(item.title).waitFor();
  return row;
}

/** On the agenda page: attaches a PDF to an item through its file input; returns the document's id once listed. */
export async function attachPdfInUi(item: Locator, file: { name: string; bytes: Uint8Array }): Promise<string> {
  const before = await item.getByTestId('agenda-document').count();
  await item.getByTestId('agenda-item-upload-input').setInputFiles({ name: file.name, mimeType: 'application/pdf', buffer: Buffer.from(file.bytes) });
  const doc = item.getByTestId('agenda-document').nth(before);
  await doc.waitFor({ timeout: 30_000 });
  const id = await doc.getAttribute('data-document-id');
  if (!id) throw new Error('the listed document has no id');
  return id;
}

/** Opens the room page in `page` and joins (devices faked by the browser's flags); resolves in the room. */
export async function joinRoomInUi(page: Page, meetingId: string): Promise<void> {
  await page.goto(`/meetings/${meetingId}/room`);
  await page.getByTestId('room-join').click();
  await page.getByTestId('floor-panel').waitFor({ timeout: 30_000 });
}

/** Ends the meeting from its page (the chair's button, confirmed in place). */
export async function endMeetingInUi(page: Page, meetingId: string): Promise<void> {
  await page.goto(`/meetings/${meetingId}`);
  await page.getByTestId('meeting-end').click();
  await page.getByTestId('meeting-end-confirm').click();
  await page.locator('[data-testid="meeting-detail"][data-status="ended"]').waitFor();
}

/** The user ids of the floor queue, in the order this page shows them. */
export const floorQueueOn = (page: Page): Promise<(string | undefined)[]> =>
  page.getByTestId('floor-queue-item').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.userId));
