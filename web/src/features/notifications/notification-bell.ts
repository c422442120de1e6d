import type { I18n } from '../../base/i18n/index.ts';
import { h, svgIcon } from '../../base/ui/index.ts';
import type { NotificationCenter, NotificationState } from './notification-center.ts';
import { notificationText } from './notification-text.ts';

const BELL = '<path d="M18 8.5a6 6 0 0 0-12 0c0 6.5-2.5 8.5-2.5 8.5h17S18 15 18 8.5"/><path d="M10.3 20.5a2 2 0 0 0 3.4 0"/>';

/**
 * The header's bell: the unread count, live, and a panel of the latest notifications. One
 * element for the whole visit, moved into each page's header, so it keeps its state and
 * listeners across pages instead of being rebuilt (and re-fetched) at every navigation.
 */
export function notificationBell(center: NotificationCenter, i18n: I18n, navigate: (to: string) => void): HTMLElement {
  const count = h('span', { class: 'notif__count', testid: 'notifications-count', attrs: { hidden: true } });
  const button = h(
    'button',
    {
      class: 'button button--ghost notif__button',
      testid: 'notifications-bell',
      attrs: { type: 'button', 'aria-haspopup': 'true', 'aria-expanded': 'false', 'aria-controls': 'notifications-panel' },
      on: { click: () => setOpen(panel.hidden) },
    },
    svgIcon(BELL),
    count,
  );
  const heading = h('h2', { class: 'notif__heading' });
  const markAll = h('button', {
    class: 'notif__mark-all',
    testid: 'notifications-mark-all',
    attrs: { type: 'button' },
    on: { click: () => void center.markAllRead().catch(() => void center.refresh()) },
  });
  const list = h('ul', { class: 'notif__list', testid: 'notifications-list', attrs: { role: 'list' } });
  const panel = h(
    'div',
    { class: 'notif__panel card', testid: 'notifications-panel', attrs: { id: 'notifications-panel', hidden: true, role: 'region', 'aria-labelledby': 'notifications-heading' } },
    h('div', { class: 'notif__head' }, heading, markAll),
    list,
  );
  heading.id = 'notifications-heading';
  const root = h('div', { class: 'notif' }, button, panel);

  function setOpen(open: boolean): void {
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) void center.refresh();
  }

  function render(state: NotificationState): void {
    count.hidden = state.unread === 0;
    count.textContent = state.unread > 99 ? '99+' : String(state.unread);
    button.setAttribute('aria-label', state.unread > 0 ? i18n.t('notifications.bellUnread', { count: state.unread }) : i18n.t('notifications.bell'));
    heading.textContent = i18n.t('notifications.title');
    markAll.textContent = i18n.t('notifications.markAll');
    markAll.hidden = state.unread === 0;
    list.replaceChildren(
      ...(state.items.length === 0
        ? [h('li', { class: 'notif__empty' }, i18n.t('notifications.empty'))]
        : state.items.map((n) => {
            const text = notificationText(n, i18n);
            return h(
              'li',
              null,
              h(
                'a',
                {
                  class: `notif__item${n.readAt ? '' : ' notif__item--unread'}`,
                  testid: 'notification-item',
                  attrs: { href: text.href, 'data-kind': n.kind, 'data-meeting-id': n.meetingId },
                  on: {
                    click: (event) => {
                      event.preventDefault();
                      setOpen(false);
                      void center.markRead([n.id]).catch(() => void center.refresh());
                      navigate(text.href);
                    },
                  },
                },
                h('span', { class: 'notif__title' }, text.title),
                h('span', { class: 'notif__detail' }, text.detail),
                h('time', { class: 'notif__time', attrs: { datetime: n.createdAt } }, i18n.formatDateTime(n.createdAt)),
              ),
            );
          })),
    );
  }

  // Closed by Escape, or a tap anywhere else.
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden) {
      setOpen(false);
      button.focus();
    }
  });
  document.addEventListener('click', (event) => {
    if (!panel.hidden && !root.contains(event.target as Node)) setOpen(false);
  });

  center.subscribe(render);
  i18n.onChange(() => render(center.state));
  render(center.state);
  return root;
}
