import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import { roomIcon, type RoomIconName } from './room-icons.ts';
import type { RoomSession } from './room-session.ts';
import './controls.css';

interface Toggle {
  readonly button: HTMLButtonElement;
  readonly icon: HTMLElement;
  readonly label: HTMLElement;
}

/**
 * The control bar: microphone, camera, screen share, `more` (device settings), participants,
 * leave. Big labelled buttons (tablets, gloves-off officials): each says what a tap will do.
 */
export class Controls {
  readonly element: HTMLElement;
  readonly #session: RoomSession;
  readonly #i18n: I18n;
  readonly #mic: Toggle;
  readonly #camera: Toggle;
  readonly #screen: Toggle;
  readonly #people: Toggle;
  readonly #peopleCount: HTMLElement;
  readonly #panelOpen: () => boolean;

  constructor(session: RoomSession, i18n: I18n, actions: { togglePanel(): void; leave(): void; panelOpen(): boolean }, extra: HTMLElement, more: readonly HTMLElement[] = []) {
    this.#session = session;
    this.#i18n = i18n;
    const { store } = session;
    this.#mic = toggle('room-mic', () => void session.setMic(!store.local.mic));
    this.#camera = toggle('room-camera', () => void session.setCamera(!store.local.camera));
    this.#screen = toggle('room-screen', () => void session.setScreen(!store.local.screen));
    this.#people = toggle('room-participants', actions.togglePanel);
    this.#people.button.setAttribute('aria-controls', 'room-panel');
    this.#peopleCount = h('span', { class: 'control__count' });
    this.#people.button.append(this.#peopleCount);
    this.#panelOpen = actions.panelOpen;
    // Tablets without screen capture (iPadOS) do not get a button that cannot work.
    if (!navigator.mediaDevices || !('getDisplayMedia' in navigator.mediaDevices)) this.#screen.button.hidden = true;

    const leave = h(
      'button',
      { class: 'control control--leave', testid: 'room-leave', attrs: { type: 'button' }, on: { click: actions.leave } },
      roomIcon('leave', 'icon control__icon'),
      h('span', { class: 'control__label' }, i18n.t('room.leave')),
    );
    this.element = h(
      'footer',
      { class: 'room__controls', attrs: { 'aria-label': i18n.t('room.controls') } },
      h('div', { class: 'room__controls-main' }, this.#mic.button, this.#camera.button, this.#screen.button, ...more, this.#people.button),
      h('div', { class: 'room__controls-end' }, extra, leave),
    );
  }

  render(): void {
    const { store } = this.#session;
    const i18n = this.#i18n;
    const { local } = store;

    const micState = local.mutedByChair ? 'muted-by-chair' : local.mic ? 'on' : 'off';
    set(
      this.#mic,
      micState,
      local.mic ? 'mic' : 'micOff',
      i18n.t(local.mutedByChair ? 'room.mic.mutedByChair' : local.mic ? 'room.mic.turnOff' : 'room.mic.turnOn'),
      local.mic,
      local.busy.mic || local.mutedByChair,
    );
    set(this.#camera, local.camera ? 'on' : 'off', local.camera ? 'camera' : 'cameraOff', i18n.t(local.camera ? 'room.camera.turnOff' : 'room.camera.turnOn'), local.camera, local.busy.camera);
    set(this.#screen, local.screen ? 'on' : 'off', 'screen', i18n.t(local.screen ? 'room.screen.stop' : 'room.screen.start'), local.screen, local.busy.screen);
    const open = this.#panelOpen();
    set(this.#people, open ? 'on' : 'off', 'people', i18n.t('room.participants'), open, false);
    this.#people.button.setAttribute('aria-expanded', String(open));
    this.#peopleCount.textContent = String(store.participants.size);
  }
}

function toggle(testid: string, onClick: () => void): Toggle {
  const icon = h('span', { class: 'control__icon-slot' });
  const label = h('span', { class: 'control__label' });
  const button = h('button', { class: 'control', testid, attrs: { type: 'button' }, on: { click: onClick } }, icon, label);
  return { button, icon, label };
}

function set(t: Toggle, state: string, icon: RoomIconName, label: string, pressed: boolean, disabled: boolean): void {
  if (t.button.dataset.state !== state || t.label.textContent !== label) {
    t.icon.replaceChildren(roomIcon(icon, 'icon control__icon'));
    t.label.textContent = label;
  }
  t.button.dataset.state = state;
  t.button.setAttribute('aria-pressed', String(pressed));
  t.button.disabled = disabled;
  t.button.title = label;
}
