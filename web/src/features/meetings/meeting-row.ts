import type { MeetingSummary } from '../../base/api/index.ts';
import type { I18n } from '../../base/i18n/index.ts';
import { h, icon } from '../../base/ui/index.ts';
import { roomIsOpen, statusBadge } from './meeting-status.ts';
import { agendaPath, meetingPath, roomPath } from './paths.ts';

const personLine = (p: { fullName: string; title: string | null }): string => [p.fullName, p.title].filter(Boolean).join(', ');

/** One meeting of the list: title (to its page), time, organiser, chair, secretary, status and the way into its room. */
export function meetingRow(meeting: MeetingSummary, i18n: I18n, highlighted: boolean): HTMLLIElement {
  const open = roomIsOpen(meeting.status);
  return h(
    'li',
    {
      class: `meeting-row${highlighted ? ' meeting-row--new' : ''}`,
      testid: 'meeting-row',
      attrs: { 'data-meeting-id': meeting.id, 'data-status': meeting.status },
    },
    h(
      'div',
      { class: 'meeting-row__main' },
      h('h3', { class: 'meeting-row__title' }, h('a', { class: 'meeting-row__link', testid: 'meeting-link', attrs: { href: meetingPath(meeting.id) } }, meeting.title)),
      h(
        'p',
        { class: 'meeting-row__meta' },
        icon('calendar', 'icon meeting-row__icon'),
        h('time', { attrs: { datetime: meeting.startsAt } }, i18n.formatDateTime(meeting.startsAt)),
      ),
      h(
        'dl',
        { class: 'meeting-row__facts' },
        h('dt', null, i18n.t('meetings.organiser')),
        h('dd', null, meeting.organiserUnit.name),
        h('dt', null, i18n.t('meetings.chair')),
        h('dd', null, personLine(meeting.chair)),
        meeting.secretary ? h('dt', null, i18n.t('meetings.secretary')) : null,
        meeting.secretary ? h('dd', null, personLine(meeting.secretary)) : null,
      ),
    ),
    h(
      'div',
      { class: 'meeting-row__side' },
      statusBadge(meeting.status, i18n),
      meeting.locked ? h('span', { class: 'status-badge status-badge--locked' }, i18n.t('meetings.locked')) : null,
      h('a', { class: 'button button--secondary', testid: 'meeting-agenda', attrs: { href: agendaPath(meeting.id) } }, i18n.t('agenda.nav')),
      open
        ? h('a', { class: 'button button--primary', testid: 'meeting-join', attrs: { href: roomPath(meeting.id) } }, i18n.t('meetings.join'))
        : h('span', { class: 'meeting-row__closed' }, i18n.t(meeting.status === 'draft' ? 'meetings.notPublished' : 'meetings.roomClosed')),
    ),
  );
}
