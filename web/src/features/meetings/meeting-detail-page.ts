import type { Me, MeetingDetail } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { RouteContext, View } from '../../base/router/index.ts';
import type { LiveSocket } from '../../base/socket/index.ts';
import { h, shell } from '../../base/ui/index.ts';
import { meetingActionsBar } from './meeting-actions-bar.ts';
import { statusBadge } from './meeting-status.ts';
import type { MeetingsApi } from './meetings-api.ts';
import { MEETINGS_PATH } from './paths.ts';

export interface MeetingDetailDeps {
  readonly services: AppServices;
  readonly meetings: MeetingsApi;
  readonly live: LiveSocket;
  readonly me: Me;
  readonly userActions: (me: Me) => Node[];
  readonly meetingPanel?: ((meetingId: string) => { element: HTMLElement; destroy(): void }) | undefined;
}

const personLine = (p: { fullName: string; title: string | null }): string => [p.fullName, p.title].filter(Boolean).join(', ');

/**
 * `/meetings/:id`: what a meeting is (time, organiser, chair, secretary, invited units, status)
 * and what the caller may do with it now — the room, edit, publish, cancel, end, close — as the
 * server's `actions` say. A change made elsewhere (a reschedule, a cancel) shows without reload.
 */
export async function meetingDetailPage(deps: MeetingDetailDeps, ctx: RouteContext): Promise<View> {
  const { services, me } = deps;
  const { i18n } = services;
  const id = ctx.params.id ?? '';
  const first = await deps.meetings.get(id, ctx.signal);

  const heading = h('h1', { class: 'page-header__title', testid: 'meeting-title', attrs: { tabindex: -1 } });
  const status = h('div', { class: 'meeting-detail__status' });
  const facts = h('dl', { class: 'meeting-detail__facts', testid: 'meeting-facts' });
  const actions = h('div');
  const extra = deps.meetingPanel?.(id);
  const root = h(
    'div',
    { class: 'meeting-detail', testid: 'meeting-detail' },
    h('p', { class: 'breadcrumb' }, h('a', { attrs: { href: MEETINGS_PATH } }, i18n.t('meetings.backToList'))),
    h('div', { class: 'page-header' }, heading, status),
    h('div', { class: 'card meeting-detail__card' }, facts),
    extra?.element,
    actions,
  );

  let shownActions = '';
  const render = (m: MeetingDetail): void => {
    root.dataset.status = m.status;
    heading.textContent = m.title;
    status.replaceChildren(statusBadge(m.status, i18n));
    if (m.locked) status.append(h('span', { class: 'status-badge status-badge--locked' }, i18n.t('meetings.locked')));
    const row = (label: string, ...value: Array<Node | string>) => [h('dt', null, label), h('dd', null, ...value)];
    facts.replaceChildren(
      ...row(i18n.t('meetings.startsAt'), h('time', { attrs: { datetime: m.startsAt } }, i18n.formatDateTime(m.startsAt))),
      ...row(i18n.t('meetings.organiser'), m.organiserUnit.name),
      ...row(i18n.t('meetings.chair'), personLine(m.chair)),
      ...row(i18n.t('meetings.secretary'), m.secretary ? personLine(m.secretary) : i18n.t('meetings.noSecretary')),
      ...row(
        i18n.t('meetings.invitedUnits'),
        m.invitedUnits.length > 0
          ? h(
              'ul',
              { class: 'meeting-detail__units' },
              ...m.invitedUnits.map((u) => h('li', null, u.includeSubunits ? i18n.t('meetings.unitWithSubunits', { name: u.name }) : u.name)),
            )
          : i18n.t('meetings.organiserOnly'),
      ),
      ...(m.cancelReason ? row(i18n.t('meetings.cancelReason'), m.cancelReason) : []),
      ...(m.endedAt ? row(i18n.t('meetings.endedAt'), i18n.formatDateTime(m.endedAt)) : []),
      ...(m.closedAt ? row(i18n.t('meetings.closedAt'), i18n.formatDateTime(m.closedAt)) : []),
    );
    // The page reads the meeting again on every (re)connection and push about it; a new bar would
    // drop a confirmation the user has open (and the reason typed in it). It is built again only
    // when what may be done changed.
    const actionsKey = `${m.status}|${m.actions.join(',')}`;
    if (actionsKey !== shownActions) {
      shownActions = actionsKey;
      actions.replaceChildren(meetingActionsBar(m, { i18n, meetings: deps.meetings, onChanged: render }));
    }
    document.title = [m.title, i18n.t('app.name')].join(' · ');
  };
  render(first);

  const reload = async (): Promise<void> => {
    try {
      render(await deps.meetings.get(id));
    } catch {
      // Gone from view (uninvited) or offline: what is shown stays until the user moves on.
    }
  };
  const stops = [
    deps.live.on('notification', (n) => {
      if (n.meetingId === id) void reload();
    }),
    deps.live.onConnect(() => void reload()),
  ];

  return {
    element: shell({ i18n, actions: deps.userActions(me) }, root),
    title: first.title,
    destroy: () => {
      for (const stop of stops) stop();
      extra?.destroy();
    },
  };
}
