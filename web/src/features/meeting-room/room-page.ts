import type { I18n } from '../../base/i18n/index.ts';
import { h, langSwitch } from '../../base/ui/index.ts';
import { quorumPanel } from '../attendance/index.ts';
import { documentsPath } from '../documents/index.ts';
import { floorPanel } from '../floor/index.ts';
import type { MeetingDetail } from '../meetings/index.ts';
import { votePanel } from '../votes/index.ts';
import { AudioOutput } from './audio-output.ts';
import { Controls } from './controls.ts';
import { deviceSettings } from './device-settings.ts';
import { mediaFailure } from './media-failure.ts';
import { ParticipantList } from './participant-list.ts';
import { qualityIndicator } from './quality-indicator.ts';
import { roomIcon } from './room-icons.ts';
import type { RoomSession } from './room-session.ts';
import type { Topic } from './room-store.ts';
import { VideoTiles } from './video-tiles.ts';
import './icon-button.css';
import './room-page.css';

/** UI choices that survive a re-render of the page (the language switch). */
export interface RoomViewState {
  panelOpen: boolean | null;
}

export interface RoomPageOptions {
  readonly session: RoomSession;
  readonly i18n: I18n;
  readonly meeting: MeetingDetail;
  readonly viewState: RoomViewState;
  /** The user pressed Leave. */
  onLeave(): void;
  /** The session ended for another reason (removed, meeting ended, …). */
  onEnded(): void;
}

const TOAST_MS = 6000;

/**
 * The room: header (title, people, connection quality, language), the screen share, the stage
 * and the page of thumbnails, the participant panel and the control bar. Which region goes
 * where on a portrait tablet, a landscape tablet or a desktop is decided by room-page.css alone.
 */
export function roomPage(options: RoomPageOptions): { element: HTMLElement; destroy(): void } {
  const { session, i18n, meeting, viewState } = options;
  const { store } = session;
  viewState.panelOpen ??= window.matchMedia('(min-width: 1280px)').matches;

  const screenSlot = h('div', { class: 'room__screen-tiles' });
  const stageSlot = h('div', { class: 'room__stage-tiles' });
  const thumbsSlot = h('div', { class: 'room__thumb-grid', testid: 'room-thumbnails' });
  const tiles = new VideoTiles(store, session.local, i18n, { stage: stageSlot, screen: screenSlot, thumbs: thumbsSlot });
  const audio = new AudioOutput(store, i18n);
  const quality = qualityIndicator(session, i18n);

  const pageLabel = h('span', { class: 'room__page-label' });
  const prev = pagerButton('room-thumbs-prev', 'chevronLeft', i18n.t('room.thumbs.prev'), () => turnPage(-1));
  const next = pagerButton('room-thumbs-next', 'chevronRight', i18n.t('room.thumbs.next'), () => turnPage(1));
  const pager = h('div', { class: 'room__pager', testid: 'room-pager' }, prev, pageLabel, next);
  const turnPage = (delta: number): void => void session.setThumbnailPage((store.room?.thumbnailPage ?? 0) + delta);

  const setPanel = (open: boolean): void => {
    viewState.panelOpen = open;
    root.classList.toggle('room--panel-open', open);
    controls.render();
    if (open) list.element.querySelector<HTMLElement>('button')?.focus({ preventScroll: true });
  };
  const list = new ParticipantList(session, i18n, () => setPanel(false));
  const devices = deviceSettings(session, i18n);
  const controls = new Controls(
    session,
    i18n,
    { togglePanel: () => setPanel(!viewState.panelOpen), leave: options.onLeave, panelOpen: () => Boolean(viewState.panelOpen) },
    audio.enableButton,
    [devices.button],
  );

  const banner = h(
    'div',
    { class: 'room__banner', testid: 'room-reconnecting', attrs: { role: 'status', hidden: true } },
    h('span', { class: 'room__spinner', attrs: { 'aria-hidden': 'true' } }),
    i18n.t('room.reconnecting'),
  );
  const failure = mediaFailure(session, i18n);
  // The meeting's business beside the video: the floor, the vote, the chair's quorum.
  const meetingBar = [floorPanel(session, i18n), votePanel(session, i18n), quorumPanel(session, i18n)];
  const mutedNotice = h('div', { class: 'room__notice', testid: 'room-muted-by-chair', attrs: { role: 'status', hidden: true } }, roomIcon('micOff'), i18n.t('room.mutedByChair'));
  const toasts = h('div', { class: 'room__toasts', testid: 'room-messages', attrs: { 'aria-live': 'polite' } });
  const count = h('span', { class: 'room__count' });

  const root = h(
    'div',
    { class: 'room', testid: 'room', attrs: { 'data-status': store.status } },
    h(
      'header',
      { class: 'room__header' },
      h('div', { class: 'room__heading' }, h('h1', { class: 'room__title', attrs: { tabindex: -1 } }, meeting.title), count),
      h(
        'div',
        { class: 'room__header-tools' },
        // The documents in a tab of their own: the room (and its media) stays as it is.
        h('a', { class: 'room__documents', testid: 'room-documents', attrs: { href: documentsPath(meeting.id), target: '_blank', rel: 'noopener' } }, i18n.t('documents.nav')),
        quality.element,
        langSwitch(i18n),
      ),
    ),
    banner,
    failure.element,
    mutedNotice,
    h(
      'div',
      { class: 'room__body' },
      h('section', { class: 'room__screen', attrs: { 'aria-label': i18n.t('room.region.screen') } }, screenSlot),
      h('section', { class: 'room__stage', testid: 'room-stage', attrs: { 'aria-label': i18n.t('room.region.stage') } }, stageSlot),
      h('section', { class: 'room__thumbs', attrs: { 'aria-label': i18n.t('room.region.thumbs') } }, thumbsSlot, pager),
      list.element,
    ),
    h('div', { class: 'meeting-bar', testid: 'meeting-bar' }, ...meetingBar.map((part) => part.element)),
    controls.element,
    toasts,
    audio.element,
    devices.dialog,
  );
  root.classList.toggle('room--panel-open', viewState.panelOpen);

  const renderPager = (): void => {
    const room = store.room;
    const size = room?.thumbnailPageSize ?? 0;
    const page = room?.thumbnailPage ?? 0;
    // As the server counts them: everyone with a camera except us and whoever is on stage.
    const others = [...store.participants.values()].filter((p) => p.sending.camera && p.userId !== store.self?.userId && p.userId !== room?.stageUserId).length;
    const pages = size > 0 ? Math.max(1, Math.ceil(others / size)) : 1;
    pager.hidden = pages <= 1 && page === 0;
    pageLabel.textContent = i18n.t('room.thumbs.page', { page: page + 1, pages: Math.max(pages, page + 1) });
    prev.disabled = page <= 0;
    next.disabled = page + 1 >= pages;
  };

  const renderStatus = (): void => {
    root.dataset.status = store.status;
    banner.hidden = store.status !== 'reconnecting';
    failure.render();
    if (store.status === 'closed') options.onEnded();
  };

  const renderHeader = (): void => {
    count.textContent = i18n.t('room.count', { count: store.participants.size });
    mutedNotice.hidden = !store.local.mutedByChair;
    root.classList.toggle('room--screen', screenSlot.childElementCount > 0);
  };

  const showMessage = (): void => {
    const message = store.lastMessage;
    if (!message) return;
    const toast = h('p', { class: `room__toast room__toast--${message.tone}`, attrs: { role: message.tone === 'error' ? 'alert' : null } }, message.text);
    toasts.append(toast);
    while (toasts.childElementCount > 3) toasts.firstElementChild?.remove();
    setTimeout(() => toast.remove(), TOAST_MS);
  };

  const renderAll = (): void => {
    tiles.render();
    audio.render();
    list.render();
    controls.render();
    devices.render();
    renderPager();
    renderHeader();
  };

  const onChange = (topic: Topic): void => {
    switch (topic) {
      case 'media':
        tiles.render();
        audio.render();
        renderHeader();
        return;
      case 'speaker':
        tiles.highlightSpeaker();
        list.highlightSpeaker();
        return;
      case 'connection':
        return renderStatus();
      case 'message':
        return showMessage();
      default:
        return renderAll();
    }
  };
  const unsubscribe = store.subscribe(onChange);
  renderAll();
  renderStatus();

  return {
    element: root,
    destroy() {
      unsubscribe();
      quality.destroy();
      tiles.destroy();
      audio.destroy();
      devices.destroy();
      for (const part of meetingBar) part.destroy();
    },
  };
}

function pagerButton(testid: string, icon: 'chevronLeft' | 'chevronRight', label: string, onClick: () => void): HTMLButtonElement {
  return h('button', { class: 'icon-button', testid, attrs: { type: 'button', 'aria-label': label, title: label }, on: { click: onClick } }, roomIcon(icon));
}
