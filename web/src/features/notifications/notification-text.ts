import type { NotificationItem } from '../../base/api/index.ts';
import type { I18n } from '../../base/i18n/index.ts';

export interface NotificationText {
  readonly title: string;
  readonly detail: string;
  /** Where tapping it leads. */
  readonly href: string;
}

const meetingPath = (id: string): string => `/meetings/${encodeURIComponent(id)}`;

/** What a notification says, in the UI language: each kind in its own words. */
export function notificationText(n: NotificationItem, i18n: I18n): NotificationText {
  const time = i18n.formatDateTime(n.payload.startsAt);
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
  }
}
