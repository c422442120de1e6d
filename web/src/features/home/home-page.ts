import type { Home, Me } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { RouteContext, View } from '../../base/router/index.ts';
import type { LiveSocket } from '../../base/socket/index.ts';
import { emptyState, h, panel, shell, type LivePanel } from '../../base/ui/index.ts';
import { documentList, meetingList } from './home-lists.ts';

export interface HomePageDeps {
  readonly services: AppServices;
  readonly live: LiveSocket;
  readonly me: Me;
  readonly userActions: (me: Me) => Node[];
  readonly keepMeetings?: ((meetingIds: readonly string[]) => void) | undefined;
  /** The signing workflow's "awaiting my signature" list, in place of the generic one; kept current until destroyed. */
  readonly awaitingPanel?: ((signal: AbortSignal) => Promise<LivePanel>) | undefined;
}

export async function homePage(deps: HomePageDeps, ctx: RouteContext): Promise<View> {
  const { services, me } = deps;
  const { i18n } = services;
  const home = await services.api.get<Home>('/api/home', { signal: ctx.signal });

  const who = [me.title, me.unit.name].filter((part): part is string => Boolean(part));
  const greeting = h(
    'div',
    { class: 'page-header', testid: 'home-greeting' },
    h('h1', { class: 'page-header__title', attrs: { tabindex: -1 } }, i18n.t('home.greeting', { name: me.fullName })),
    h('p', { class: 'page-header__subtitle' }, who.join(' · ')),
    me.roles.length > 0
      ? h('ul', { class: 'badges' }, ...me.roles.map((role) => h('li', { class: 'badge' }, i18n.t(`role.${role}`))))
      : null,
  );

  const meetingsBody = h('div', { attrs: { 'aria-live': 'polite' } });
  const showMeetings = (upcoming: Home['upcomingMeetings']): void => {
    meetingsBody.replaceChildren(upcoming.length > 0 ? meetingList(upcoming, i18n) : emptyState(i18n.t('home.meetingsEmpty'), 'calendar'));
    deps.keepMeetings?.(upcoming.map((m) => m.id));
  };
  showMeetings(home.upcomingMeetings);
  const meetings = panel({ id: 'home-meetings', testid: 'home-meetings', title: i18n.t('home.meetings'), icon: 'calendar' }, meetingsBody);

  // A new invitation (or a reschedule, a cancellation) shows here at once, without a reload.
  let generation = 0;
  const reload = async (): Promise<void> => {
    const mine = ++generation;
    try {
      const fresh = await services.api.get<Home>('/api/home');
      if (mine === generation) showMeetings(fresh.upcomingMeetings);
    } catch {
      // Offline: keep the list; the next push or reconnection reads it again.
    }
  };
  const stops = [
    deps.live.on('notification', (n) => {
      if (n.kind.startsWith('meeting.')) void reload();
    }),
    deps.live.onConnect(() => void reload()),
  ];
  let awaiting: LivePanel | undefined;
  try {
    awaiting = deps.awaitingPanel ? await deps.awaitingPanel(ctx.signal) : undefined;
  } catch (error) {
    for (const stop of stops) stop(); // the page is not shown (it was left meanwhile): nothing to listen for
    throw error;
  }
  if (awaiting) stops.push(awaiting.destroy);
  const documents =
    awaiting?.element ??
    panel(
      { id: 'home-documents', testid: 'home-documents', title: i18n.t('home.documents'), icon: 'document' },
      home.awaitingDocuments.length > 0 ? documentList(home.awaitingDocuments) : emptyState(i18n.t('home.documentsEmpty'), 'document'),
    );

  return {
    element: shell({ i18n, actions: deps.userActions(me) }, greeting, h('div', { class: 'panels' }, meetings, documents)),
    title: i18n.t('home.title'),
    destroy: () => {
      for (const stop of stops) stop();
    },
  };
}
