import type { NotificationItem } from '../../base/api/index.ts';
import type { I18n } from '../../base/i18n/index.ts';

export interface NotificationText {
  readonly title: string;
  readonly detail: string;
  /** Where tapping it leads. */
  readonly href: string;
}

const meetingPath = (id: string): string => `/meetings/${encodeURIComponent(id)}`;
const documentPath = (id: string): string => `/documents/${encodeURIComponent(id)}`;

/** What a notification says, in the UI language: each kind in its own words. */
export function notificationText(n: NotificationItem, i18n: I18n): NotificationText {
  const time = 'startsAt' in n.payload ? i18n.formatDateTime(n.payload.startsAt) : '';
  switch (n.kind) {
    case 'meeting.invited':
      return {
        title: i18n.t('notifications.invited', { title: n.payload.title }),
        detail: i18n.t('notifications.invitedDetail', { organiser: n.payload.organiserUnit, time }),
        href: meetingPath(n.meetingId),
      };
    case 'meeting.rescheduled':
      return {
        title: i18n.t('notifications.rescheduled', { title: n.payload.title }),
        detail: i18n.t('notifications.rescheduledDetail', { from: i18n.formatDateTime(n.payload.previousStartsAt), time }),
        href: meetingPath(n.meetingId),
      };
    case 'meeting.cancelled':
      return {
        title: i18n.t('notifications.cancelled', { title: n.payload.title }),
        detail: n.payload.reason ? i18n.t('notifications.cancelledReason', { time, reason: n.payload.reason }) : time,
        href: meetingPath(n.meetingId),
      };
    case 'meeting.uninvited':
      return {
        title: i18n.t('notifications.uninvited', { title: n.payload.title }),
        detail: time,
        href: meetingPath(n.meetingId),
      };
    case 'minutes.draft_ready':
      return {
        title: i18n.t('notifications.minutesDraft', { title: n.payload.title }),
        detail: i18n.t('notifications.minutesDraftDetail'),
        href: `${meetingPath(n.meetingId)}/minutes`,
      };
    case 'signing.requested':
      return {
        title: i18n.t('notifications.signingRequested', { title: n.payload.title }),
        detail: i18n.t('notifications.signingRequestedDetail', { drafter: n.payload.drafter, due: i18n.formatDateTime(n.payload.dueAt) }),
        href: documentPath(n.documentId),
      };
    case 'signing.overdue':
      return {
        title: i18n.t('notifications.signingOverdue', { title: n.payload.title }),
        detail: i18n.formatDateTime(n.payload.dueAt),
        href: documentPath(n.documentId),
      };
    case 'signing.rejected':
      return {
        title: i18n.t('notifications.signingRejected', { title: n.payload.title }),
        detail: i18n.t('notifications.signingRejectedDetail', { by: n.payload.by, reason: n.payload.reason }),
        href: documentPath(n.documentId),
      };
    case 'signing.completed':
      return {
        title: i18n.t('notifications.signingCompleted', { title: n.payload.title }),
        detail: n.payload.number ?? '',
        href: documentPath(n.documentId),
      };
  }
}
