import type { I18n } from '../../base/i18n/index.ts';
import { cardButton, meetingCard } from '../../base/meeting/meeting-card.ts';
import type { MeetingLink } from '../../base/meeting/index.ts';
import { h } from '../../base/ui/index.ts';
import type { FloorEntry, FloorState } from '../../../../src/contract/floor.ts';
import { elapsed } from './floor-timer.ts';
import './floor.css';

/**
 * The floor in the room: who speaks and for how long (counted here from the pushed grant time),
 * the queue in order, a participant's raise / lower hand, and the chair's grant (to the first
 * or to anyone), next and revoke. The server decides everything; this shows what it pushes.
 */
export function floorPanel(link: MeetingLink, i18n: I18n): { element: HTMLElement; destroy(): void } {
  const { meetingId } = link;
  let state: FloorState | null = null;
  let busy = false;
  const card = meetingCard({ testid: 'floor-panel', title: i18n.t('floor.title'), id: 'floor-panel' });
  const timer = h('span', { class: 'floor__timer', testid: 'floor-timer', attrs: { 'aria-label': i18n.t('floor.timer'), role: 'timer' } });

  const act = async (work: () => Promise<FloorState>): Promise<void> => {
    if (busy) return;
    busy = true;
    render();
    try {
      apply(await work());
    } catch (error) {
      link.say(error instanceof Error ? error.message : i18n.t('error.unexpected'), 'error');
    } finally {
      busy = false;
      render();
    }
  };

  const apply = (next: FloorState): void => {
    const me = link.me?.userId;
    const wasMine = state?.holder?.userId === me;
    state = next;
    // Given the floor: the server already lifted a chair's mute; the microphone comes on.
    if (me && next.holder?.userId === me && !wasMine) {
      link.say(i18n.t('floor.granted'));
      void link.setMic(true);
    }
    render();
  };

  const entry = (e: FloorEntry, index: number, chair: boolean): HTMLLIElement =>
    h(
      'li',
      { class: 'floor__entry', testid: 'floor-queue-item', attrs: { 'data-user-id': e.userId } },
      h('span', { class: 'floor__position' }, `${index + 1}.`),
      h('span', { class: 'floor__who' }, h('strong', null, e.fullName), h('span', { class: 'meeting-card__muted' }, ` · ${e.unit.name}`)),
      chair
        ? cardButton('floor-grant', i18n.t('floor.grant'), () => void act(() => link.request('grantFloor', { meetingId, requestId: e.requestId })), 'primary')
        : null,
    );

  const render = (): void => {
    const me = link.me;
    const chair = me?.isChair ?? false;
    const holder = state?.holder ?? null;
    const queue = state?.queue ?? [];
    const position = queue.findIndex((q) => q.userId === me?.userId);
    tick();

    const holderRow = holder
      ? h(
          'p',
          { class: 'floor__holder', testid: 'floor-holder', attrs: { 'data-user-id': holder.userId } },
          h('span', { class: 'floor__badge' }, i18n.t(holder.userId === me?.userId ? 'floor.youHold' : 'floor.holder')),
          h('strong', null, holder.fullName),
          h('span', { class: 'meeting-card__muted' }, holder.unit.name),
          timer,
        )
      : h('p', { class: 'floor__holder meeting-card__muted', testid: 'floor-holder' }, i18n.t('floor.nobody'));

    // The chair gives the floor and needs no hand; the holder has the floor already.
    const hand =
      chair || holder?.userId === me?.userId
        ? null
        : position >= 0
          ? cardButton('floor-lower', i18n.t('floor.lower'), () => void act(() => link.request('lowerHand', { meetingId })))
          : cardButton('floor-raise', i18n.t('floor.raise'), () => void act(() => link.request('raiseHand', { meetingId })), 'primary');
    const handRow = h(
      'div',
      { class: 'meeting-card__row' },
      hand,
      position >= 0 ? h('span', { testid: 'floor-my-place' }, i18n.t('floor.waiting', { position: position + 1 })) : null,
    );

    const chairRow = chair
      ? h(
          'div',
          { class: 'meeting-card__row' },
          cardButton('floor-next', i18n.t('floor.next'), () => void act(() => link.request('nextFloor', { meetingId }))),
          cardButton('floor-revoke', i18n.t('floor.revoke'), () => void act(() => link.request('revokeFloor', { meetingId })), 'danger'),
        )
      : null;

    const list =
      queue.length > 0
        ? h('ol', { class: 'floor__queue', testid: 'floor-queue', attrs: { 'aria-label': i18n.t('floor.queue', { count: queue.length }) } }, ...queue.map((e, i) => entry(e, i, chair)))
        : h('p', { class: 'meeting-card__muted', testid: 'floor-queue' }, i18n.t('floor.queueEmpty'));

    card.body.replaceChildren(holderRow, handRow, chairRow ?? '', list);
    for (const button of card.body.querySelectorAll('button')) button.disabled = busy;
    const next = card.body.querySelector<HTMLButtonElement>('[data-testid="floor-next"]');
    if (next) next.disabled ||= !holder && queue.length === 0;
    const revoke = card.body.querySelector<HTMLButtonElement>('[data-testid="floor-revoke"]');
    if (revoke) revoke.disabled ||= !holder;
  };

  const tick = (): void => {
    const holder = state?.holder;
    timer.textContent = holder ? elapsed(holder.grantedAt) : '';
  };

  const refresh = (): void => {
    link.request('getFloor', { meetingId }).then(apply, () => {
      // Not connected right now: the next join reads it again.
    });
  };

  const unsubscribe = link.onNotification((n) => {
    if (n.method === 'floorUpdated' && n.data.meetingId === meetingId) apply(n.data);
  });
  const unjoined = link.onJoined(refresh);
  const interval = setInterval(tick, 1000);
  render();
  refresh();

  return {
    element: card.element,
    destroy() {
      unsubscribe();
      unjoined();
      clearInterval(interval);
    },
  };
}
