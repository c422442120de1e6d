import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import type { EndReason } from './room-store.ts';

/**
 * Shown instead of the room once it is over for this user: why (removed by the chair, the
 * meeting ended, joined from another device, signed out…) and where to go next.
 */
export function roomEnded(i18n: I18n, reason: EndReason | 'meeting-closed', message: string | null, roomPath: string): HTMLElement {
  const canRejoin = reason === 'replaced' || reason === 'error' || reason === 'left';
  return h(
    'div',
    { class: 'card status-card room-ended', testid: 'room-ended', attrs: { 'data-reason': reason } },
    h('h1', { attrs: { tabindex: -1 } }, i18n.t(`room.ended.${reason}`)),
    message ? h('p', { attrs: { role: 'alert' } }, message) : null,
    h(
      'div',
      { class: 'form-actions' },
      canRejoin
        ? h('a', { class: 'button button--primary', testid: 'room-rejoin', attrs: { href: roomPath } }, i18n.t('room.ended.rejoin'))
        : null,
      reason === 'unauthenticated'
        ? h('a', { class: 'button button--primary', attrs: { href: `/login?next=${encodeURIComponent(roomPath)}` } }, i18n.t('login.submit'))
        : null,
      h('a', { class: 'button button--secondary', attrs: { href: '/meetings' } }, i18n.t('room.ended.toList')),
    ),
  );
}
