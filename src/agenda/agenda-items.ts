// Changing a meeting's items: add at the end, edit, remove (renumbering the rest), reorder, and
// the chair's current item. Each is one transaction under the meeting's agenda lock, checking
// the meeting's status again with the lock held.
import { and, asc, eq, max } from 'drizzle-orm';
import { getPeople } from '../auth/index.ts';
import type { AgendaItemInput, AgendaItemPatch } from '../contract/agenda.ts';
import type { Db, Tx } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { liveState } from '../meetings/index.ts';
import { bumpRevision, lockAgenda } from './agenda-lock.ts';
import { agendaItems } from './agenda.table.ts';
import { assertStillEditable } from './meeting-rules.ts';

async function assertPresenter(db: Tx, presenterId: string | null | undefined): Promise<void> {
  if (!presenterId) return;
  if ((await getPeople(db, [presenterId])).length === 0) throw new AppError('agenda.invalid_presenter');
}

async function itemOf(tx: Tx, meetingId: string, itemId: string) {
  const [item] = await tx
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)))
    .limit(1);
  if (!item) throw new AppError('agenda.item_not_found');
  return item;
}

export async function addItem(db: Db, meetingId: string, input: AgendaItemInput): Promise<{ id: string }> {
  await assertPresenter(db, input.presenterId);
  return db.transaction(async (tx) => {
    await lockAgenda(tx, meetingId);
    await assertStillEditable(tx, meetingId, 'items');
    const [last] = await tx.select({ position: max(agendaItems.position) }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId));
    const [row] = await tx
      .insert(agendaItems)
      .values({
        meetingId,
        position: (last?.position ?? 0) + 1,
        title: input.title,
        presenterId: input.presenterId ?? null,
        plannedMinutes: input.minutes ?? null,
      })
      .returning({ id: agendaItems.id });
    if (!row) throw new Error('insert returned no row');
    await bumpRevision(tx, meetingId);
    return row;
  });
}

export async function updateItem(db: Db, meetingId: string, itemId: string, patch: AgendaItemPatch): Promise<void> {
  await assertPresenter(db, patch.presenterId);
  await db.transaction(async (tx) => {
    await lockAgenda(tx, meetingId);
    await assertStillEditable(tx, meetingId, 'items');
    await itemOf(tx, meetingId, itemId);
    await tx
      .update(agendaItems)
      .set({ title: patch.title, presenterId: patch.presenterId, plannedMinutes: patch.minutes })
      .where(eq(agendaItems.id, itemId));
    await bumpRevision(tx, meetingId);
  });
}

/** Removes an item and, with it, its documents from the meeting (the store keeps them). */
export async function removeItem(db: Db, meetingId: string, itemId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await lockAgenda(tx, meetingId);
    await assertStillEditable(tx, meetingId, 'items');
    await itemOf(tx, meetingId, itemId);
    await tx.delete(agendaItems).where(eq(agendaItems.id, itemId));
    const rest = await tx.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position));
    await renumber(tx, rest.map((r) => r.id));
    await bumpRevision(tx, meetingId);
  });
}

/** Puts the items in the order given, which must name every item of the meeting once. */
export async function reorderItems(db: Db, meetingId: string, itemIds: readonly string[]): Promise<void> {
  await db.transaction(async (tx) => {
    await lockAgenda(tx, meetingId);
    await assertStillEditable(tx, meetingId, 'items');
    const existing = await tx.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId));
    const known = new Set(existing.map((r) => r.id));
    const given = new Set(itemIds);
    if (given.size !== itemIds.length || given.size !== known.size || ![...given].every((id) => known.has(id))) {
      throw new AppError('agenda.invalid_order');
    }
    await renumber(tx, itemIds);
    await bumpRevision(tx, meetingId);
  });
}

/** The chair's item under discussion (null: none), while the meeting is live. */
export async function setCurrentItem(db: Db, meetingId: string, itemId: string | null): Promise<void> {
  await db.transaction(async (tx) => {
    await lockAgenda(tx, meetingId);
    if ((await liveState(tx, meetingId)).status !== 'live') throw new AppError('agenda.not_live');
    if (itemId) await itemOf(tx, meetingId, itemId);
    await bumpRevision(tx, meetingId, { currentItemId: itemId });
  });
}

async function renumber(tx: Tx, itemIds: readonly string[]): Promise<void> {
  for (const [i, id] of itemIds.entries()) await tx.update(agendaItems).set({ position: i + 1 }).where(eq(agendaItems.id, id));
}
