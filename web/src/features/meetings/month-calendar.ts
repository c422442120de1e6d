import type { MeetingSummary } from '../../base/api/index.ts';
import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import { meetingPath } from './paths.ts';
import { vietnamDay, vietnamLocalOf } from './vietnam-time.ts';

/** "2026-12" shifted by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(year, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * A month of meetings as a grid of weeks (Monday first, as Vietnamese calendars are), each
 * meeting on its Vietnam calendar day with its time and status, linking to its page.
 */
export function monthCalendar(month: string, meetings: readonly MeetingSummary[], i18n: I18n, onMonth: (month: string) => void): HTMLElement {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, m - 1, 1));
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7; // Monday = 0
  const today = vietnamDay(new Date());

  const byDay = new Map<string, MeetingSummary[]>();
  for (const meeting of meetings) {
    const day = vietnamDay(meeting.startsAt);
    byDay.set(day, [...(byDay.get(day) ?? []), meeting]);
  }

  // 2024-01-01 was a Monday: the week's names in the UI language.
  const weekday = new Intl.DateTimeFormat(i18n.locale, { weekday: 'short', timeZone: 'UTC' });
  const header = Array.from({ length: 7 }, (_, i) => h('th', { attrs: { scope: 'col' } }, weekday.format(Date.UTC(2024, 0, 1 + i))));

  const cells: HTMLElement[] = [];
  for (let i = 0; i < lead; i++) cells.push(h('td', { class: 'calendar__day calendar__day--outside' }));
  for (let d = 1; d <= days; d++) {
    const day = `${month}-${String(d).padStart(2, '0')}`;
    const items = byDay.get(day) ?? [];
    cells.push(
      h(
        'td',
        { class: `calendar__day${day === today ? ' calendar__day--today' : ''}`, attrs: { 'data-day': day } },
        h('span', { class: 'calendar__date' }, String(d)),
        items.length > 0
          ? h(
              'ul',
              { class: 'calendar__items', attrs: { role: 'list' } },
              ...items.map((meeting) =>
                h(
                  'li',
                  null,
                  h(
                    'a',
                    {
                      class: `calendar__item calendar__item--${meeting.status}`,
                      testid: 'calendar-item',
                      attrs: { href: meetingPath(meeting.id), 'data-meeting-id': meeting.id, title: `${meeting.title} — ${i18n.t(`meetings.status.${meeting.status}`)}` },
                    },
                    h('time', { class: 'calendar__time', attrs: { datetime: meeting.startsAt } }, vietnamLocalOf(meeting.startsAt).slice(11)),
                    ' ',
                    meeting.title,
                  ),
                ),
              ),
            )
          : null,
      ),
    );
  }
  while (cells.length % 7 !== 0) cells.push(h('td', { class: 'calendar__day calendar__day--outside' }));
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => h('tr', null, ...cells.slice(w * 7, w * 7 + 7)));

  const title = new Intl.DateTimeFormat(i18n.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(first);
  const nav = (delta: number, label: string, testid: string) =>
    h('button', { class: 'button button--secondary', testid, attrs: { type: 'button' }, on: { click: () => onMonth(shiftMonth(month, delta)) } }, label);

  return h(
    'div',
    { class: 'calendar', testid: 'meetings-calendar', attrs: { 'data-month': month } },
    h('div', { class: 'calendar__head' }, nav(-1, i18n.t('meetings.calendar.previous'), 'calendar-previous'), h('h2', { class: 'calendar__title', attrs: { 'aria-live': 'polite' } }, title), nav(1, i18n.t('meetings.calendar.next'), 'calendar-next')),
    h('table', { class: 'calendar__grid' }, h('thead', null, h('tr', null, ...header)), h('tbody', null, ...weeks)),
  );
}
