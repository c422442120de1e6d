import type { ApiClient, Me } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { RouteContext, View } from '../../base/router/index.ts';
import { emptyState, h, panel, shell } from '../../base/ui/index.ts';
import type { AttendanceSheet, Attendee } from '../../../../src/contract/attendance.ts';
import { attendanceApiPath, attendanceCsvPath } from './paths.ts';
import { vietnamClock } from './vietnam-clock.ts';

export interface AttendancePageDeps {
  readonly services: AppServices;
  readonly api: ApiClient;
  readonly me: Me;
  readonly userActions: (me: Me) => Node[];
}

/**
 * `/meetings/:id/attendance`: the attendance sheet of a meeting for those who run it (the
 * server refuses everyone else): quorum, every presence by unit with its times in Vietnam time,
 * the invited units nobody came from, and the CSV for Excel.
 */
export async function attendancePage(deps: AttendancePageDeps, ctx: RouteContext): Promise<View> {
  const { services, me } = deps;
  const { i18n } = services;
  const meetingId = ctx.params.id ?? '';
  const sheet = await deps.api.get<AttendanceSheet>(attendanceApiPath(meetingId), { signal: ctx.signal });
  const { quorum } = sheet;

  const header = h(
    'div',
    { class: 'page-header page-header--with-action' },
    h(
      'div',
      null,
      h('h1', { class: 'page-header__title', attrs: { tabindex: -1 } }, i18n.t('attendance.title', { title: sheet.meeting.title })),
      h('p', { class: 'page-header__subtitle' }, i18n.t('attendance.subtitle', { time: vietnamClock(sheet.generatedAt) })),
    ),
    h(
      'div',
      { class: 'attendance__actions' },
      h('a', { class: 'button button--primary', testid: 'attendance-csv', attrs: { href: attendanceCsvPath(meetingId), download: `attendance-${meetingId}.csv` } }, i18n.t('attendance.csv')),
      h('button', { class: 'button button--secondary', testid: 'attendance-refresh', attrs: { type: 'button' }, on: { click: () => void services.navigate(ctx.path, { replace: true }) } }, i18n.t('attendance.refresh')),
    ),
  );

  const summary = h(
    'p',
    { class: 'attendance__quorum', testid: 'attendance-quorum', attrs: { 'data-present-units': quorum.presentUnits, 'data-invited-units': quorum.invitedUnits } },
    i18n.t('attendance.quorum', { present: quorum.presentUnits, invited: quorum.invitedUnits, percent: Math.round(quorum.ratio * 100), people: quorum.presentPeople }),
  );

  const row = (a: Attendee): HTMLTableRowElement =>
    h(
      'tr',
      { testid: 'attendance-row', attrs: { 'data-user-id': a.userId, 'data-present': String(a.present) } },
      h('td', null, a.unit.name),
      h('td', null, h('strong', null, a.fullName), a.title ? h('div', { class: 'attendance__title' }, a.title) : null),
      h('td', null, h('ul', { class: 'attendance__sessions' }, ...a.sessions.map((s) => h('li', null, `${vietnamClock(s.joinedAt)} – ${s.leftAt ? vietnamClock(s.leftAt) : i18n.t('attendance.stillIn')}`)))),
      h('td', { class: 'attendance__number' }, String(Math.round(a.totalSeconds / 60))),
      h('td', null, h('span', { class: `attendance__status attendance__status--${a.present ? 'present' : 'left'}` }, i18n.t(a.present ? 'attendance.present' : 'attendance.left'))),
    );

  const people = panel(
    { id: 'attendance-people', testid: 'attendance-people', title: i18n.t('attendance.people') },
    sheet.attendees.length > 0
      ? h(
          'div',
          { class: 'attendance__scroll' },
          h(
            'table',
            { class: 'attendance__table', testid: 'attendance-table' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                ...(['attendance.unit', 'attendance.name', 'attendance.sessions', 'attendance.minutes', 'attendance.status'] as const).map((k) => h('th', { attrs: { scope: 'col' } }, i18n.t(k))),
              ),
            ),
            h('tbody', null, ...sheet.attendees.map(row)),
          ),
        )
      : emptyState(i18n.t('attendance.nobody'), 'calendar'),
  );

  const absent = sheet.units.filter((u) => u.invited && !u.present);
  const absentPanel = panel(
    { id: 'attendance-absent', testid: 'attendance-absent', title: i18n.t('attendance.absent', { count: absent.length }) },
    h(
      'div',
      { class: 'attendance__panel-body' },
      absent.length > 0
        ? h('ul', { class: 'attendance__units' }, ...absent.map((u) => h('li', null, `${u.unit.code} · ${u.unit.name}`)))
        : h('p', null, i18n.t('attendance.allPresent')),
    ),
  );

  return {
    element: shell({ i18n, actions: deps.userActions(me) }, header, summary, people, absentPanel),
    title: i18n.t('attendance.title', { title: sheet.meeting.title }),
  };
}
