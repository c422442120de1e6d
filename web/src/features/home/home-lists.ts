import type { DocumentSummary, MeetingSummary } from '../../base/api/index.ts';
import type { I18n } from '../../base/i18n/index.ts';
import { h, icon } from '../../base/ui/index.ts';
import { meetingPath, statusBadge } from '../meetings/index.ts';

// A document's link points at the page the documents feature will add.
const documentPath = (id: string): string => `/documents/${encodeURIComponent(id)}`;

/** Upcoming meetings, each leading to its page (which has the way into the room). */
export function meetingList(meetings: readonly MeetingSummary[], i18n: I18n): HTMLUListElement {
  return h(
    'ul',
    { class: 'item-list' },
    ...meetings.map((meeting) =>
      h(
        'li',
        null,
        h(
          'a',
          { class: 'item', testid: 'home-meeting', attrs: { href: meetingPath(meeting.id), 'data-meeting-id': meeting.id, 'data-status': meeting.status } },
          icon('calendar', 'icon item__icon'),
          h(
            'span',
            { class: 'item__text' },
            h('span', { class: 'item__title' }, meeting.title),
            h('time', { class: 'item__meta', attrs: { datetime: meeting.startsAt } }, i18n.formatDateTime(meeting.startsAt)),
          ),
          meeting.status === 'scheduled' ? null : statusBadge(meeting.status, i18n),
        ),
      ),
    ),
  );
}

export function documentList(documents: readonly DocumentSummary[]): HTMLUListElement {
  return h(
    'ul',
    { class: 'item-list' },
    ...documents.map((document) =>
      h(
        'li',
        null,
        h(
          'a',
          { class: 'item', attrs: { href: documentPath(document.id) } },
          icon('document', 'icon item__icon'),
          h('span', { class: 'item__text' }, h('span', { class: 'item__title' }, document.title)),
        ),
      ),
    ),
  );
}
