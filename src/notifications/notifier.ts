import { sql } from 'drizzle-orm';
import type { NotificationContent, NotificationItem } from '../contract/notifications.ts';
import type { Pusher } from '../contract/realtime.ts';
import { builtOnce, type Db, type Tx } from '../db/index.ts';
import { notifications } from './notifications.table.ts';

/** Sends what a transaction recorded; call it once that transaction has committed. */
export type PendingPush = () => void;

/**
 * How other capabilities notify users. Facts first: `record` writes in the caller's transaction,
 * so a notification exists exactly when the change it reports does; the live push follows the
 * commit. `notify` is both at once, for changes that are not in a transaction.
 */
export interface Notifier {
  record(tx: Tx, userIds: Iterable<string>, content: NotificationContent): Promise<PendingPush>;
  notify(userIds: Iterable<string>, content: NotificationContent): Promise<void>;
}

const NOTHING: PendingPush = () => {};

export function createNotifier(db: Db, pusher: Pusher): Notifier {
  const record = async (tx: Tx, userIds: Iterable<string>, content: NotificationContent): Promise<PendingPush> => {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return NOTHING;
    const rows = await insertForUsers(tx, ids, content);
    return () => {
      for (const row of rows) {
        const item = { ...content, id: row.id, createdAt: row.createdAt.toISOString(), readAt: null } satisfies NotificationItem;
        pusher.toUser(row.userId, { method: 'notification', data: item });
      }
    };
  };
  return {
    record,
    notify: async (userIds, content) => (await record(db, userIds, content))(),
  };
}

/**
 * One row per user in a single statement whatever their number (a city-wide meeting reaches
 * thousands): the user ids travel as one array parameter and the payload once, not per row.
 */
async function insertForUsers(tx: Tx, userIds: readonly string[], content: NotificationContent) {
  // Ids are uuids (validated upstream), so the array literal needs no quoting.
  return insertNotifications(tx, {
    userIds: `{${userIds.join(',')}}`,
    kind: content.kind,
    meetingId: content.meetingId,
    documentId: 'documentId' in content ? content.documentId : null,
    payload: JSON.stringify(content.payload),
  });
}

// A signature of a batch runs it once per document: built once (src/db/built-once.ts).
const insertNotifications = builtOnce<
  { userIds: string; kind: string; meetingId: string | null; documentId: string | null; payload: string },
  { id: string; userId: string; createdAt: Date }[]
>('insert_notifications', (db) =>
  db
    .insert(notifications)
    .select((qb) =>
      qb
        .select({
          id: sql<string>`gen_random_uuid()`.as('id'),
          userId: sql<string>`u.user_id`.as('user_id'),
          kind: sql<string>`${sql.placeholder('kind')}`.as('kind'),
          meetingId: sql<string | null>`${sql.placeholder('meetingId')}::uuid`.as('meeting_id'),
          documentId: sql<string | null>`${sql.placeholder('documentId')}::uuid`.as('document_id'),
          payload: sql<unknown>`${sql.placeholder('payload')}::jsonb`.as('payload'),
          createdAt: sql<Date>`now()`.as('created_at'),
          readAt: sql<Date | null>`null::timestamptz`.as('read_at'),
        })
        .from(sql`unnest(${sql.placeholder('userIds')}::uuid[]) as u(user_id)`),
    )
    .returning({ id: notifications.id, userId: notifications.userId, createdAt: notifications.createdAt }),
);
