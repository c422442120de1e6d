import type { NotificationContent } from '../contract/notifications.ts';
import type { Tx } from '../db/index.ts';
import type { Notifier, PendingPush } from '../notifications/index.ts';
import { getUnit } from '../org/index.ts';
import type { MeetingRow } from './meetings.table.ts';

// What invitees are told when a meeting is published, rescheduled, re-invited or cancelled.
// Recorded in the transaction of the change; pushed by the caller after commit. The person who
// made the change is not told of it.

type Facts = Pick<MeetingRow, 'id' | 'title' | 'startsAt'>;

export interface Notice {
  to: Iterable<string>;
  content: NotificationContent;
}

const facts = (m: Facts) => ({ title: m.title, startsAt: m.startsAt.toISOString() });

export async function invitedNotice(tx: Tx, m: Facts & Pick<MeetingRow, 'organiserUnitId'>, to: Iterable<string>): Promise<Notice> {
  const unit = await getUnit(tx, m.organiserUnitId);
  return { to, content: { kind: 'meeting.invited', meetingId: m.id, payload: { ...facts(m), organiserUnit: unit?.name ?? '' } } };
}

export const rescheduledNotice = (m: Facts, previousStartsAt: Date, to: Iterable<string>): Notice => ({
  to,
  content: { kind: 'meeting.rescheduled', meetingId: m.id, payload: { ...facts(m), previousStartsAt: previousStartsAt.toISOString() } },
});

export const cancelledNotice = (m: Facts & Pick<MeetingRow, 'cancelReason'>, to: Iterable<string>): Notice => ({
  to,
  content: { kind: 'meeting.cancelled', meetingId: m.id, payload: { ...facts(m), reason: m.cancelReason } },
});

export const uninvitedNotice = (m: Facts, to: Iterable<string>): Notice => ({
  to,
  content: { kind: 'meeting.uninvited', meetingId: m.id, payload: facts(m) },
});

/** Records each notice for its people but `actorId`; the returned push sends them all. */
export async function recordNotices(notifier: Notifier, tx: Tx, actorId: string, notices: readonly Notice[]): Promise<PendingPush> {
  const pushes: PendingPush[] = [];
  for (const { to, content } of notices) {
    const people = new Set(to);
    people.delete(actorId);
    pushes.push(await notifier.record(tx, people, content));
  }
  return () => {
    for (const push of pushes) push();
  };
}
