import type { Me, MeetingSummary } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { RouteContext, View } from '../../base/router/index.ts';
import { emptyState, h, icon, panel, shell } from '../../base/ui/index.ts';
import { roomIsOpen, statusBadge } from './meeting-status.ts';
import type { MeetingsApi } from './meetings-api.ts';
import { agendaPath, NEW_MEETING_PATH, roomPath } from './paths.ts';

export interface MeetingsListDeps {
  readonly services: AppServices;
  readonly meetings: MeetingsApi;
  readonly me: Me;
  readonly userActions: (me: Me) => Node[];
}

/** Clerks and leaders schedule their unit's meetings (the server checks again). */
export function canScheduleMeetings(me: Me): boolean {
  return me.roles.includes('clerk') || me.roles.includes('leader');
}

/** `/meetings`: every meeting the user is invited to, soonest first, each with a way into its room. */
export async function meetingsListPage(deps: MeetingsListDeps, ctx: RouteContext): Promise<View> {
  const { services, me } = deps;
  const { i18n } = services;
  const meetings = await deps.meetings.list(ctx.signal);
  // Set by the form after a successful create: say so, and mark the new row.
  const createdId = ctx.query.get('created');
  const created = createdId ? meetings.find((m) => m.id === createdId) : undefined;

  const header = h(
    'div',
    { class: 'page-header page-header--with-action' },
    h(
      'div',
      null,
      h('h1', { class: 'page-header__title', attrs: { tabindex: -1 } }, i18n.t('meetings.title')),
      h('p', { class: 'page-header__subtitle' }, i18n.t('meetings.subtitle')),
    ),
    canScheduleMeetings(me)
      ? h('a', { class: 'button button--primary', testid: 'meetings-new', attrs: { href: NEW_MEETING_PATH } }, i18n.t('meetings.new'))
      : null,
  );

  const notice = created
    ? h('p', { class: 'notice notice--success', testid: 'meetings-created', attrs: { role: 'status' } }, i18n.t('meetings.created', { title: created.title }))
    : null;

  const list = panel(
    { id: 'meetings-list', testid: 'meetings-list', title: i18n.t('meetings.listTitle'), icon: 'calendar' },
    meetings.length > 0
      ? h('ul', { class: 'meeting-list' }, ...meetings.map((m) => meetingRow(m, deps, m.id === createdId)))
      : emptyState(i18n.t('meetings.empty'), 'calendar'),
  );

  return {
    element: shell({ i18n, actions: deps.userActions(me) }, header, notice, list),
    title: i18n.t('meetings.title'),
  };
}

function meetingRow(meeting: MeetingSummary, deps: MeetingsListDeps, highlighted: boolean): HTMLLIElement {
  const { i18n } = deps.services;
  const open = roomIsOpen(meeting.status);
  const chair = [meeting.chair.fullName, meeting.chair.title].filter(Boolean).join(', ');
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
      h('h3', { class: 'meeting-row__title' }, meeting.title),
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
        h('dd', null, chair),
      ),
    ),
    h(
      'div',
      { class: 'meeting-row__side' },
      statusBadge(meeting.status, i18n),
      meeting.locked ? h('span', { class: 'status-badge status-badge--locked' }, i18n.t('meetings.locked')) : null,
      h('a', { class: 'button button--secondary', testid: 'meeting-agenda', attrs: { href: agendaPath(meeting.id) } }, i18n.t('agenda.nav')),
      open
        ? h(
            'a',
            { class: 'button button--primary', testid: 'meeting-join', attrs: { href: roomPath(meeting.id) } },
            i18n.t('meetings.join'),
          )
        : h('span', { class: 'meeting-row__closed' }, i18n.t('meetings.roomClosed')),
    ),
  );
}
