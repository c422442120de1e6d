import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import { roomIcon } from './room-icons.ts';
import type { RoomStore } from './room-store.ts';
import './audio-output.css';

/**
 * What we hear: one <audio> element per received audio consumer (the voices the server lets
 * through, and screen-share sound). Browsers may block playback that did not follow a tap;
 * then a "turn on sound" button appears, and one tap starts them all.
 */
export class AudioOutput {
  readonly element: HTMLElement;
  readonly enableButton: HTMLButtonElement;
  readonly #store: RoomStore;
  readonly #players = new Map<string, HTMLAudioElement>();
  #blocked = false;

  constructor(store: RoomStore, i18n: I18n) {
    this.#store = store;
    this.element = h('div', { class: 'room__audio', attrs: { 'aria-hidden': 'true' } });
    this.enableButton = h(
      'button',
      {
        class: 'button button--primary room__enable-sound',
        testid: 'room-enable-sound',
        attrs: { type: 'button', hidden: true },
        on: { click: () => this.#playAll() },
      },
      roomIcon('sound'),
      h('span', null, i18n.t('room.enableSound')),
    );
  }

  render(): void {
    const store = this.#store;
    for (const [consumerId, audio] of this.#players) {
      if (store.media.get(consumerId)?.kind === 'audio') continue;
      audio.srcObject = null;
      audio.remove();
      this.#players.delete(consumerId);
    }
    for (const media of store.media.values()) {
      if (media.kind !== 'audio') continue;
      let audio = this.#players.get(media.consumerId);
      if (!audio) {
        audio = h('audio', { attrs: { autoplay: true } });
        audio.srcObject = new MediaStream([media.track]);
        audio.dataset.consumerId = media.consumerId;
        this.#players.set(media.consumerId, audio);
        this.element.append(audio);
        this.#play(audio);
      }
      audio.dataset.user = store.participant(media.userId)?.username ?? '';
      audio.dataset.userId = media.userId;
      audio.dataset.source = media.source;
    }
  }

  destroy(): void {
    for (const audio of this.#players.values()) audio.srcObject = null;
    this.#players.clear();
  }

  #play(audio: HTMLAudioElement): void {
    audio.play().then(
      () => this.#setBlocked(false),
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'NotAllowedError') this.#setBlocked(true);
      },
    );
  }

  #playAll(): void {
    for (const audio of this.#players.values()) this.#play(audio);
    this.#setBlocked(false);
  }

  #setBlocked(blocked: boolean): void {
    if (this.#blocked === blocked) return;
    this.#blocked = blocked;
    this.enableButton.hidden = !blocked;
  }
}
