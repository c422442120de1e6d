import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import type { RoomSession } from './room-session.ts';
import './media-failure.css';

/**
 * Shown when the session gave up on the media (status 'media-failed'): what happened in plain
 * words, what the administrator should check, and a button to try again. Without it the room
 * would look connected while nobody hears or sees this participant.
 */
export function mediaFailure(session: RoomSession, i18n: I18n): { element: HTMLElement; render(): void } {
  const { store } = session;
  const address = h('p', { class: 'media-failure__address', testid: 'room-media-address' });
  const retry = h(
    'button',
    { class: 'button button--primary', testid: 'room-media-retry', attrs: { type: 'button' }, on: { click: () => session.retryMedia() } },
    i18n.t('room.media.retry'),
  );
  const element = h(
    'section',
    { class: 'media-failure', testid: 'room-media-failed', attrs: { role: 'alert', hidden: true, 'aria-labelledby': 'room-media-failed-title' } },
    h(
      'div',
      { class: 'media-failure__text' },
      h('h2', { class: 'media-failure__title', attrs: { id: 'room-media-failed-title' } }, i18n.t('room.media.failed.title')),
      h('p', null, i18n.t('room.media.failed.body')),
      h('p', { class: 'media-failure__admin' }, i18n.t('room.media.failed.admin')),
      address,
    ),
    retry,
  );

  return {
    element,
    render() {
      const failed = store.status === 'media-failed';
      element.hidden = !failed;
      const serverAddress = store.mediaFailure?.serverAddress ?? null;
      address.hidden = serverAddress === null;
      address.textContent = serverAddress === null ? '' : i18n.t('room.media.failed.address', { address: serverAddress });
    },
  };
}
