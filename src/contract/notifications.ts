import { z } from 'zod';

// In-app notifications: stored per user, listed by `GET /api/notifications`, marked read by
// `POST /api/notifications/read`, and pushed live over socket.io (`notification`). Each kind
// has its own payload, so the web app renders every kind in its own words (vi, en) and the
// compiler knows what each one carries.

const instant = z.iso.datetime({ offset: true });
/** What every meeting notification says about the meeting, as it is after the change. */
const meetingFacts = { title: z.string(), startsAt: instant };
/** What every document notification says about the document. */
const documentFacts = { title: z.string() };
/** A document's kinds name no meeting (null), so every item has `meetingId`. */
const aboutDocument = { meetingId: z.null(), documentId: z.uuid() };

// The kinds and what each carries, as object shapes: stored (content) and listed (item) alike.
const kinds = {
  /** The meeting was published (or created scheduled), or the user's unit was added to it. */
  invited: { kind: z.literal('meeting.invited'), meetingId: z.uuid(), payload: z.object({ ...meetingFacts, organiserUnit: z.string() }) },
  /** Its start time moved. */
  rescheduled: { kind: z.literal('meeting.rescheduled'), meetingId: z.uuid(), payload: z.object({ ...meetingFacts, previousStartsAt: instant }) },
  /** The organiser cancelled it. */
  cancelled: { kind: z.literal('meeting.cancelled'), meetingId: z.uuid(), payload: z.object({ ...meetingFacts, reason: z.string().nullable() }) },
  /** The user's unit was taken off the invitation list. */
  uninvited: { kind: z.literal('meeting.uninvited'), meetingId: z.uuid(), payload: z.object(meetingFacts) },
  /** The meeting ended: its draft minutes are ready for the secretary. */
  minutesDraft: { kind: z.literal('minutes.draft_ready'), meetingId: z.uuid(), payload: z.object(meetingFacts) },
  // The signing workflow's (src/workflow): about a document, not a meeting.
  /** A step of a document's route became active and the user is one of its signers. */
  signingRequested: {
    kind: z.literal('signing.requested'),
    ...aboutDocument,
    payload: z.object({ ...documentFacts, stepKind: z.enum(['review', 'personal', 'seal']), drafter: z.string(), dueAt: instant }),
  },
  /** The user's step is overdue and he has not signed yet (sent once per step). */
  signingOverdue: {
    kind: z.literal('signing.overdue'),
    ...aboutDocument,
    payload: z.object({ ...documentFacts, stepKind: z.enum(['review', 'personal', 'seal']), dueAt: instant }),
  },
  /** To the drafter: a signer rejected the document; the route stopped. */
  signingRejected: { kind: z.literal('signing.rejected'), ...aboutDocument, payload: z.object({ ...documentFacts, by: z.string(), reason: z.string() }) },
  /** To the drafter: every step signed. */
  signingCompleted: { kind: z.literal('signing.completed'), ...aboutDocument, payload: z.object({ ...documentFacts, number: z.string().nullable() }) },
};

/** What a capability asks to notify (`notify(userIds, content)`); a capability that notifies adds its kinds above. */
export const notificationContentSchema = z.discriminatedUnion('kind', [
  z.object(kinds.invited),
  z.object(kinds.rescheduled),
  z.object(kinds.cancelled),
  z.object(kinds.uninvited),
  z.object(kinds.minutesDraft),
  z.object(kinds.signingRequested),
  z.object(kinds.signingOverdue),
  z.object(kinds.signingRejected),
  z.object(kinds.signingCompleted),
]);
export type NotificationContent = z.infer<typeof notificationContentSchema>;
export type NotificationKind = NotificationContent['kind'];

const stored = { id: z.uuid(), createdAt: instant, readAt: instant.nullable() };

/** One notification as its user sees it: what happened, plus when and whether it was read. */
export const notificationItemSchema = z
  .discriminatedUnion('kind', [
    z.object({ ...kinds.invited, ...stored }),
    z.object({ ...kinds.rescheduled, ...stored }),
    z.object({ ...kinds.cancelled, ...stored }),
    z.object({ ...kinds.uninvited, ...stored }),
    z.object({ ...kinds.minutesDraft, ...stored }),
    z.object({ ...kinds.signingRequested, ...stored }),
    z.object({ ...kinds.signingOverdue, ...stored }),
    z.object({ ...kinds.signingRejected, ...stored }),
    z.object({ ...kinds.signingCompleted, ...stored }),
  ])
  .meta({ id: 'NotificationItem' });
export type NotificationItem = z.infer<typeof notificationItemSchema>;

export const notificationListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(30) });

/** `GET /api/notifications`: newest first, and how many are unread in all. */
export const notificationListSchema = z.object({ items: z.array(notificationItemSchema), unread: z.int().min(0) });
export type NotificationList = z.infer<typeof notificationListSchema>;

/** `POST /api/notifications/read`: some of mine by id, or all of them. */
export const markReadSchema = z.union([z.object({ ids: z.array(z.uuid()).min(1).max(500) }), z.object({ all: z.literal(true) })]);
export type MarkReadInput = z.infer<typeof markReadSchema>;
export const unreadCountSchema = z.object({ unread: z.int().min(0) });
export type UnreadCount = z.infer<typeof unreadCountSchema>;

/** What notifications push to every socket of their user (composed into realtime's Notification). */
export type NotificationsNotification =
  | { method: 'notification'; data: NotificationItem }
  /** Read in another tab or device: the new unread count. */
  | { method: 'notificationsRead'; data: UnreadCount };
