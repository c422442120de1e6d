import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { NotificationItem, NotificationList } from '../contract/notifications.ts';
import type { Tx } from '../db/index.ts';
import { notifications, type NotificationRow } from './notifications.table.ts';

// A user's own notifications: the list the bell opens, its unread count, marking read.
// Every query is keyed by the caller's id, so nobody reads or marks another's.

export async function listMine(db: Tx, userId: string, limit: number): Promise<NotificationList> {
  const [rows, unread] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(limit),
    unreadCount(db, userId),
  ]);
  return { items: rows.map(toItem), unread };
}

export async function unreadCount(db: Tx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks some (ids not the caller's are ignored) or all of the caller's notifications read; returns the unread count after. */
export async function markRead(db: Tx, userId: string, which: { ids: readonly string[] } | { all: true }): Promise<number> {
  const mine = and(eq(notifications.userId, userId), isNull(notifications.readAt));
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where('ids' in which ? and(mine, inArray(notifications.id, [...which.ids])) : mine);
  return unreadCount(db, userId);
}

function toItem(row: NotificationRow): NotificationItem {
  // kind and payload were written together from one NotificationContent (notifier.ts).
  // A meeting's kinds carry meetingId, a document's documentId (notifications.ts).
  return {
    id: row.id,
    kind: row.kind,
    meetingId: row.meetingId,
    ...(row.documentId ? { documentId: row.documentId } : {}),
    ...(row.documentId ? { documentId: row.documentId } : {}),
    payload: row.payload,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  } as NotificationItem;
}
