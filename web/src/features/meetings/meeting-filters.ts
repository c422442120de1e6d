import type { MeetingStatus } from '../../base/api/index.ts';
import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import type { MeetingQuery } from './meetings-api.ts';
import { vietnamDay, vietnamDayBounds } from './vietnam-time.ts';

export const STATUSES: readonly MeetingStatus[] = ['draft', 'scheduled', 'live', 'ended', 'closed', 'cancelled'];
export type MeetingsView = 'list' | 'calendar';

/** What the meetings page shows, kept in its address so it survives a reload and can be shared. */
export interface MeetingFilters {
  /** Vietnam calendar days ("2026-12-01"), list view; empty: unbounded. */
  from: string;
  to: string;
  status: MeetingStatus | '';
  view: MeetingsView;
  /** The calendar's month ("2026-12"). */
  month: string;
}

const isDay = (s: string | null): s is string => s !== null && vietnamDayBounds(s) !== null;
const isMonth = (s: string | null): s is string => s !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(s);

export function readFilters(query: URLSearchParams, now = new Date()): MeetingFilters {
  const status = query.get('status');
  return {
    from: isDay(query.get('from')) ? (query.get('from') as string) : '',
    to: isDay(query.get('to')) ? (query.get('to') as string) : '',
    status: STATUSES.find((s) => s === status) ?? '',
    view: query.get('view') === 'calendar' ? 'calendar' : 'list',
    month: isMonth(query.get('month')) ? (query.get('month') as string) : vietnamDay(now).slice(0, 7),
  };
}

/** The address of the page with these filters (defaults left out). */
export function filtersSearch(f: MeetingFilters, extra: Record<string, string | null> = {}): string {
  const params = new URLSearchParams();
  if (f.view === 'calendar') {
    params.set('view', 'calendar');
    params.set('month', f.month);
  } else {
    if (f.from) params.set('from', f.from);
    if (f.to) params.set('to', f.to);
  }
  if (f.status) params.set('status', f.status);
  for (const [name, value] of Object.entries(extra)) if (value) params.set(name, value);
  return params.size > 0 ? `?${params}` : '';
}

/** What to ask the server for: the chosen days, or the calendar's whole month. */
export function filtersQuery(f: MeetingFilters): MeetingQuery {
  const status = f.status || undefined;
  if (f.view === 'calendar') {
    const [year, month] = f.month.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return { since: vietnamDayBounds(`${f.month}-01`)?.start, until: vietnamDayBounds(`${f.month}-${String(last).padStart(2, '0')}`)?.end, status };
  }
  return { since: f.from ? vietnamDayBounds(f.from)?.start : undefined, until: f.to ? vietnamDayBounds(f.to)?.end : undefined, status };
}

/**
 * The filter bar: a date range (list view), a status, and list or month calendar. The calendar
 * is offered on wide screens only (CSS hides the view switch on narrower ones): a month grid of
 * titles is unreadable on a portrait tablet, where the list is the better view.
 */
export function filterBar(f: MeetingFilters, i18n: I18n, onChange: (change: Partial<MeetingFilters>) => void): HTMLElement {
  const dateInput = (name: 'from' | 'to', testid: string) =>
    h('input', {
      class: 'field__input',
      testid,
      attrs: { type: 'date', id: `meetings-filter-${name}`, name, value: f[name] },
      on: { change: (e) => onChange({ [name]: (e.target as HTMLInputElement).value }) },
    });
  const status = h(
    'select',
    {
      class: 'field__input',
      testid: 'filter-status',
      attrs: { id: 'meetings-filter-status', name: 'status' },
      on: { change: () => onChange({ status: STATUSES.find((s) => s === status.value) ?? '' }) },
    },
    h('option', { attrs: { value: '' } }, i18n.t('meetings.filter.allStatuses')),
    ...STATUSES.map((s) => h('option', { attrs: { value: s, selected: s === f.status } }, i18n.t(`meetings.status.${s}`))),
  );
  const viewButton = (view: MeetingsView, label: string) =>
    h(
      'button',
      {
        class: 'button button--secondary view-toggle__button',
        testid: `view-${view}`,
        attrs: { type: 'button', 'aria-pressed': String(f.view === view) },
        on: { click: () => onChange({ view }) },
      },
      label,
    );
  const labelled = (id: string, label: string, input: HTMLElement) =>
    h('div', { class: 'field meeting-filters__field' }, h('label', { class: 'field__label', attrs: { for: id } }, label), input);

  return h(
    'form',
    { class: 'meeting-filters card', testid: 'meeting-filters', attrs: { role: 'search', 'aria-label': i18n.t('meetings.filter.label') }, on: { submit: (e) => e.preventDefault() } },
    f.view === 'list' ? labelled('meetings-filter-from', i18n.t('meetings.filter.from'), dateInput('from', 'filter-from')) : null,
    f.view === 'list' ? labelled('meetings-filter-to', i18n.t('meetings.filter.to'), dateInput('to', 'filter-to')) : null,
    labelled('meetings-filter-status', i18n.t('meetings.filter.status'), status),
    h(
      'div',
      { class: 'view-toggle', attrs: { role: 'group', 'aria-label': i18n.t('meetings.filter.view') } },
      viewButton('list', i18n.t('meetings.view.list')),
      viewButton('calendar', i18n.t('meetings.view.calendar')),
    ),
  );
}
