import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import type { ParticipantInfo } from './protocol.ts';
import { roomIcon } from './room-icons.ts';
import type { RoomSession } from './room-session.ts';
import './icon-button.css';
import './participant-list.css';

/**
 * Who is in the room: name, title, unit, device, what they send, and whether the chair muted
 * them. The chair also gets the moderation: mute or let speak, give or take back the floor,
 * remove, and for the whole room mute all and lock.
 */
export class ParticipantList {
  readonly element: HTMLElement;
  readonly #session: RoomSession;
  readonly #i18n: I18n;
  readonly #heading: HTMLElement;
  readonly #tools: HTMLElement;
  readonly #list: HTMLUListElement;

  constructor(session: RoomSession, i18n: I18n, onClose: () => void) {
    this.#session = session;
    this.#i18n = i18n;
    this.#heading = h('h2', { class: 'room-panel__title', attrs: { id: 'room-panel-title' } });
    this.#tools = h('div', { class: 'room-panel__tools' });
    this.#list = h('ul', { class: 'people', testid: 'participant-list', attrs: { role: 'list' } });
    this.element = h(
      'aside',
      { class: 'room-panel', testid: 'room-panel', attrs: { id: 'room-panel', 'aria-labelledby': 'room-panel-title' } },
      h(
        'div',
        { class: 'room-panel__head' },
        this.#heading,
        h(
          'button',
          { class: 'icon-button', testid: 'room-panel-close', attrs: { type: 'button', 'aria-label': i18n.t('room.panel.close') }, on: { click: onClose } },
          roomIcon('close'),
        ),
      ),
      this.#tools,
      h('div', { class: 'room-panel__scroll' }, this.#list),
    );
  }

  render(): void {
    const { store } = this.#session;
    const i18n = this.#i18n;
    const people = sortPeople([...store.participants.values()], store.room?.chairId ?? null, store.self?.userId ?? null);
    this.#heading.textContent = i18n.t('room.panel.title', { count: people.length });
    this.#tools.replaceChildren(...(store.isChair ? this.#chairTools() : []));
    this.#list.replaceChildren(...people.map((p) => this.#row(p)));
    this.highlightSpeaker();
  }

  highlightSpeaker(): void {
    const speaker = this.#session.store.activeSpeaker;
    for (const row of this.#list.children) {
      (row as HTMLElement).classList.toggle('person--speaking', speaker !== null && (row as HTMLElement).dataset.userId === speaker);
    }
  }

  #chairTools(): HTMLElement[] {
    const { store } = this.#session;
    const i18n = this.#i18n;
    const allMuted = store.room?.allMuted ?? false;
    const locked = store.room?.locked ?? false;
    return [
      this.#action(
        { testid: 'room-mute-all', label: i18n.t(allMuted ? 'room.chair.unmuteAll' : 'room.chair.muteAll'), icon: allMuted ? 'mic' : 'micOff', pressed: allMuted },
        () => this.#session.moderate('muteAll', { muted: !allMuted }),
      ),
      this.#action(
        { testid: 'room-lock', label: i18n.t(locked ? 'room.chair.unlock' : 'room.chair.lock'), icon: locked ? 'unlock' : 'lock', pressed: locked },
        () => this.#session.moderate('lock', { locked: !locked }),
      ),
    ];
  }

  #row(person: ParticipantInfo): HTMLLIElement {
    const { store } = this.#session;
    const i18n = this.#i18n;
    const isSelf = person.userId === store.self?.userId;
    const onStage = person.userId === store.room?.stageUserId;
    const micOn = isSelf ? store.local.mic : person.sending.mic && !person.mutedByChair;
    const cameraOn = isSelf ? store.local.camera : person.sending.camera;

    const badges = [
      person.isChair ? badge(i18n.t('room.badge.chair'), 'chair') : null,
      onStage && !person.isChair ? badge(i18n.t('room.badge.floor'), 'floor') : null,
      isSelf ? badge(i18n.t('room.badge.you'), 'self') : null,
      person.sending.screen ? badge(i18n.t('room.badge.sharing'), 'screen') : null,
      person.mutedByChair ? h('span', { class: 'person__badge person__badge--muted', testid: 'muted-by-chair' }, i18n.t('room.badge.mutedByChair')) : null,
    ];
    const device = person.device ? deviceLabel(person.device, i18n) : null;

    const actions: HTMLElement[] = [];
    if (store.isChair && !isSelf) {
      actions.push(
        this.#action(
          { testid: 'participant-mute', label: i18n.t(person.mutedByChair ? 'room.chair.unmute' : 'room.chair.mute'), icon: person.mutedByChair ? 'mic' : 'micOff', small: true },
          () => this.#session.moderate(person.mutedByChair ? 'unmute' : 'mute', { userId: person.userId }),
        ),
        this.#action(
          { testid: 'participant-stage', label: i18n.t(onStage ? 'room.chair.takeFloor' : 'room.chair.giveFloor'), icon: 'stage', small: true, pressed: onStage },
          () => this.#session.moderate('setStage', { userId: onStage ? null : person.userId }),
        ),
        this.#action({ testid: 'participant-remove', label: i18n.t('room.chair.remove'), icon: 'remove', small: true, danger: true }, async () => {
          if (!window.confirm(i18n.t('room.chair.removeConfirm', { name: person.fullName }))) return false;
          return this.#session.moderate('removeParticipant', { userId: person.userId });
        }),
      );
    }

    return h(
      'li',
      {
        class: `person${isSelf ? ' person--self' : ''}`,
        testid: 'participant',
        attrs: { 'data-username': person.username, 'data-user-id': person.userId, 'data-muted-by-chair': String(person.mutedByChair) },
      },
      h('div', { class: 'person__avatar', attrs: { 'aria-hidden': 'true' } }, (person.fullName.trim().split(/\s+/).at(-1)?.[0] ?? '').toUpperCase()),
      h(
        'div',
        { class: 'person__text' },
        h('span', { class: 'person__name' }, person.fullName),
        person.title ? h('span', { class: 'person__title' }, person.title) : null,
        h('span', { class: 'person__unit' }, [person.unit.name, device].filter(Boolean).join(' · ')),
        h('span', { class: 'person__badges' }, ...badges),
      ),
      h(
        'div',
        { class: 'person__status' },
        statusIcon(micOn ? 'mic' : 'micOff', i18n.t(micOn ? 'room.micOn' : 'room.micOff'), micOn),
        statusIcon(cameraOn ? 'camera' : 'cameraOff', i18n.t(cameraOn ? 'room.cameraOn' : 'room.cameraOff'), cameraOn),
      ),
      actions.length > 0 ? h('div', { class: 'person__actions' }, ...actions) : null,
    );
  }

  #action(
    o: { testid: string; label: string; icon: Parameters<typeof roomIcon>[0]; small?: boolean; pressed?: boolean; danger?: boolean },
    run: () => Promise<boolean>,
  ): HTMLButtonElement {
    const button = h(
      'button',
      {
        class: `button button--secondary${o.small ? ' button--small' : ''}${o.danger ? ' button--danger' : ''}`,
        testid: o.testid,
        attrs: { type: 'button', 'aria-pressed': o.pressed === undefined ? null : String(o.pressed) },
        on: {
          click: async () => {
            button.disabled = true;
            try {
              await run();
            } finally {
              // The answer's notification re-renders the list; until then the button waits.
              button.disabled = false;
            }
          },
        },
      },
      roomIcon(o.icon),
      h('span', null, o.label),
    );
    return button;
  }
}

/** The chair first, then ourselves, then in join order (the server's order). */
function sortPeople(people: ParticipantInfo[], chairId: string | null, selfId: string | null): ParticipantInfo[] {
  const rank = (p: ParticipantInfo): number => (p.userId === chairId ? 0 : p.userId === selfId ? 1 : 2);
  return people.map((p, i) => ({ p, i })).sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i).map(({ p }) => p);
}

function badge(text: string, kind: string): HTMLElement {
  return h('span', { class: `person__badge person__badge--${kind}` }, text);
}

function statusIcon(name: 'mic' | 'micOff' | 'camera' | 'cameraOff', label: string, on: boolean): HTMLElement {
  return h('span', { class: `person__icon${on ? '' : ' person__icon--off'}`, attrs: { title: label, role: 'img', 'aria-label': label } }, roomIcon(name));
}

const KNOWN_DEVICES = ['tablet', 'phone', 'computer'] as const;

/** Devices are codes we sent ourselves ("tablet"); anything else is shown as it came. */
export function deviceLabel(device: string, i18n: I18n): string {
  const known = KNOWN_DEVICES.find((d) => d === device);
  return known ? i18n.t(`room.device.${known}`) : device;
}
