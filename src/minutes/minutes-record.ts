// The minutes' own row per meeting: the secretary's conclusions and, once closed, the stored
// final document. A meeting without a row has empty conclusions and no document.
import { eq } from 'drizzle-orm';
import type { Tx } from '../db/index.ts';
import { meetingMinutes, type MeetingMinutesRow } from './minutes.table.ts';

export async function minutesRow(db: Tx, meetingId: string, forUpdate = false): Promise<MeetingMinutesRow | undefined> {
  const query = db.select().from(meetingMinutes).where(eq(meetingMinutes.meetingId, meetingId)).limit(1);
  const [row] = await (forUpdate ? query.for('update') : query);
  return row;
}

/** The conclusions; the items' too when given (empty texts dropped), else those saved stay. */
export async function saveConclusions(
  db: Tx,
  meetingId: string,
  input: { conclusions: string; itemConclusions?: Record<string, string> | undefined },
  userId: string,
): Promise<MeetingMinutesRow> {
  const now = new Date();
  const items = input.itemConclusions && Object.fromEntries(Object.entries(input.itemConclusions).filter(([, text]) => text.trim() !== ''));
  const change = { conclusions: input.conclusions, updatedAt: now, updatedBy: userId, ...(items ? { itemConclusions: items } : {}) };
  const [row] = await db
    .insert(meetingMinutes)
    .values({ meetingId, ...change })
    .onConflictDoUpdate({ target: meetingMinutes.meetingId, set: change })
    .returning();
  if (!row) throw new Error('minutes: upsert returned no row');
  return row;
}

export async function recordFinal(db: Tx, meetingId: string, stored: { documentId: string; version: number }, userId: string): Promise<void> {
  const now = new Date();
  await db
    .insert(meetingMinutes)
    .values({ meetingId, updatedAt: now, updatedBy: userId, documentId: stored.documentId, version: stored.version, finalisedAt: now })
    .onConflictDoUpdate({ target: meetingMinutes.meetingId, set: { documentId: stored.documentId, version: stored.version, finalisedAt: now, updatedAt: now } });
}
