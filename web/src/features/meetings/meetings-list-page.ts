import type { Me, MeetingSummary } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { RouteContext, View } from '../../base/router/index.ts';
import type { LiveSocket } from '../../base/socket/index.ts';
import { emptyState, h, panel, shell } from '../../base/ui/index.ts';
import { filterBar, filtersQuery, filtersSearch, readFilters, type MeetingFilters } from './meeting-filters.ts';
import { meetingRow } from './meeting-row.ts';
import type { MeetingsApi } from './meetings-api.ts';
import { monthCalendar } from './month-calendar.ts';
import { MEETINGS_PATH, NEW_MEETING_PATH } from './paths.ts';

export interface MeetingsListDeps {
  readonly services: AppServices;
  readonly meetings: MeetingsApi;
  readonly live: LiveSocket;
  readonly me: Me;
  readonly userActions: (me: Me) => Node[];
}

/** Clerks and leaders schedule their unit's meetings (the server checks again). */
export function canScheduleMeetings(me: Me): boolean {
  return me.roles.includes('clerk') || me.roles.includes('leader');
}

/** The month calendar needs a landscape tablet or wider; narrower screens get the list. */
const WIDE = '(min-width: 1024px)';

/**
 * `/meetings`: every meeting the user may see, soonest first, filtered by date range and status,
 * as a list or (wide screens) a month calendar. Filters live in the address; the results follow
 * invitations, reschedules and cancellations live, without a reload.
 */
export async function meetingsListPage(deps: MeetingsListDeps, ctx: RouteContext): Promise<View> {
  const { services, me } = deps;
  const { i18n } = services;
  let filters = readFilters(ctx.query);
  const shown = (): MeetingFilters => (filters.view === 'calendar' && !window.matchMedia(WIDE).matches ? { ...filters, view: 'list' } : filters);
  let meetings = await deps.meetings.list(filtersQuery(shown()), ctx.signal);
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

  const barSlot = h('div');
  const results = h('div', { class: 'meetings-results', attrs: { 'aria-live': 'polite', 'aria-busy': 'false' } });
  const list = panel({ id: 'meetings-list', testid: 'meetings-list', title: i18n.t('meetings.listTitle'), icon: 'calendar' }, results);

  const renderBar = (): void => barSlot.replaceChildren(filterBar(shown(), i18n, (change) => void apply(change)));
  const renderResults = (items: readonly MeetingSummary[]): void => {
    const f = shown();
    if (f.view === 'calendar') {
      results.replaceChildren(monthCalendar(f.month, items, i18n, (month) => void apply({ month })));
    } else {
      results.replaceChildren(
        items.length > 0
          ? h('ul', { class: 'meeting-list' }, ...items.map((m) => meetingRow(m, i18n, m.id === createdId)))
          : emptyState(i18n.t(filtersSearch(f) ? 'meetings.emptyFiltered' : 'meetings.empty'), 'calendar'),
      );
    }
  };

  let generation = 0;
  const load = async (): Promise<void> => {
    const mine = ++generation;
    results.setAttribute('aria-busy', 'true');
    try {
      const fresh = await deps.meetings.list(filtersQuery(shown()));
      if (mine !== generation) return;
      meetings = fresh;
      renderResults(meetings);
    } catch {
      // Offline: keep what is shown; the next push or reconnection reads again.
    } finally {
      if (mine === generation) results.setAttribute('aria-busy', 'false');
    }
  };
  const apply = async (change: Partial<MeetingFilters>): Promise<void> => {
    const viewChanged = change.view !== undefined && change.view !== filters.view;
    filters = { ...filters, ...change };
    // The address follows the filters (reload, share) without re-rendering the page around them.
    history.replaceState(null, '', MEETINGS_PATH + filtersSearch(filters));
    if (viewChanged) {
      renderBar();
      barSlot.querySelector<HTMLElement>(`[data-testid="view-${filters.view}"]`)?.focus();
    }
    await load();
  };

  renderBar();
  renderResults(meetings);

  // Invited, rescheduled, cancelled: the list follows without a reload.
  const stops = [deps.live.on('notification', () => void load()), deps.live.onConnect(() => void load())];

  return {
    element: shell({ i18n, actions: deps.userActions(me) }, header, notice, barSlot, list),
    title: i18n.t('meetings.title'),
    destroy: () => {
      for (const stop of stops) stop();
    },
  };
}
