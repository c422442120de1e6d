import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import type { LocalMedia } from './local-media.ts';
import type { ParticipantInfo } from './protocol.ts';
import { roomIcon } from './room-icons.ts';
import type { RemoteMedia, RoomStore } from './room-store.ts';
import './video-tiles.css';

type Place = 'stage' | 'screen' | 'thumbnail';

interface Tile {
  readonly figure: HTMLElement;
  readonly video: HTMLVideoElement;
  readonly avatar: HTMLElement;
  readonly name: HTMLElement;
  readonly meta: HTMLElement;
  readonly badges: HTMLElement;
}

export interface TileSlots {
  readonly stage: HTMLElement;
  readonly screen: HTMLElement;
  readonly thumbs: HTMLElement;
}

/**
 * Puts every received video where the server's role says: the stage, the screen-share area or
 * the thumbnails; plus our own camera (self view) and screen. Each remote video keeps one
 * element for its consumer's life, so a move between stage and thumbnails (consumerUpdated)
 * moves the element and the picture never restarts.
 */
export class VideoTiles {
  readonly #store: RoomStore;
  readonly #local: LocalMedia;
  readonly #i18n: I18n;
  readonly #slots: TileSlots;
  readonly #remote = new Map<string, Tile>();
  readonly #selfCamera: Tile;
  readonly #selfScreen: Tile;
  /** Stands in for the stage participant while no picture of them arrives. */
  readonly #stagePlaceholder: Tile;

  constructor(store: RoomStore, local: LocalMedia, i18n: I18n, slots: TileSlots) {
    this.#store = store;
    this.#local = local;
    this.#i18n = i18n;
    this.#slots = slots;
    this.#selfCamera = createTile();
    this.#selfCamera.video.dataset.local = 'camera';
    this.#selfScreen = createTile();
    this.#selfScreen.video.dataset.local = 'screen';
    this.#stagePlaceholder = createTile();
    this.#stagePlaceholder.video.remove();
  }

  render(): void {
    const store = this.#store;
    const selfId = store.self?.userId ?? null;
    const stageUserId = store.room?.stageUserId ?? null;
    const videos = [...store.media.values()].filter((m) => m.kind === 'video');

    for (const [consumerId, tile] of this.#remote) {
      if (store.media.get(consumerId)?.kind === 'video') continue;
      tile.video.srcObject = null;
      tile.figure.remove();
      this.#remote.delete(consumerId);
    }

    // Screen shares: theirs, and our own as a preview of what the others see.
    const screens = videos.filter((m) => m.role === 'screen').map((m) => this.#remoteTile(m, 'screen'));
    if (store.local.screen && this.#local.screen) screens.push(this.#selfTile(this.#selfScreen, this.#local.screen, 'screen'));
    setChildren(this.#slots.screen, screens.map((t) => t.figure));

    // The stage: the floor holder, else the chair. We never receive our own picture back.
    const stageMedia = videos.find((m) => m.role === 'stage');
    let stage: Tile;
    if (stageMedia) stage = this.#remoteTile(stageMedia, 'stage');
    else if (stageUserId !== null && stageUserId === selfId && store.local.camera && this.#local.camera) {
      stage = this.#selfTile(this.#selfCamera, this.#local.camera, 'stage');
    } else stage = this.#placeholder(stageUserId);
    setChildren(this.#slots.stage, [stage.figure]);

    // Thumbnails: ourselves first (unless on stage), then this page of the others.
    const thumbs = videos.filter((m) => m.role === 'thumbnail').map((m) => this.#remoteTile(m, 'thumbnail'));
    if (stage !== this.#selfCamera && selfId !== stageUserId) {
      thumbs.unshift(this.#selfTile(this.#selfCamera, store.local.camera ? this.#local.camera : null, 'thumbnail'));
    }
    setChildren(this.#slots.thumbs, thumbs.map((t) => t.figure));
    this.highlightSpeaker();
  }

  /** Only the outline changes when the active speaker does: no layout work. */
  highlightSpeaker(): void {
    const speaker = this.#store.activeSpeaker;
    for (const slot of [this.#slots.stage, this.#slots.thumbs]) {
      for (const figure of slot.querySelectorAll<HTMLElement>('.tile')) {
        figure.classList.toggle('tile--speaking', speaker !== null && figure.dataset.tileUser === speaker);
      }
    }
  }

  destroy(): void {
    for (const tile of [...this.#remote.values(), this.#selfCamera, this.#selfScreen]) tile.video.srcObject = null;
    this.#remote.clear();
  }

  #remoteTile(media: RemoteMedia, place: Place): Tile {
    let tile = this.#remote.get(media.consumerId);
    if (!tile) {
      tile = createTile();
      this.#remote.set(media.consumerId, tile);
      tile.video.dataset.consumerId = media.consumerId;
    }
    const person = this.#store.participant(media.userId);
    const { video, figure } = tile;
    setTrack(video, media.track);
    // What tests and people find the picture by: whose it is and why it is here.
    video.dataset.user = person?.username ?? '';
    video.dataset.userId = media.userId;
    video.dataset.role = place;
    video.dataset.source = media.source;
    video.dataset.paused = String(media.paused);
    if (media.spatialLayer !== null) video.dataset.spatialLayer = String(media.spatialLayer);
    figure.className = `tile tile--${place}${media.paused ? ' tile--off' : ''}`;
    figure.dataset.tileUser = media.userId;
    this.#caption(tile, person, place, media.source === 'screen' ? this.#i18n.t('room.screenBy', { name: person?.fullName ?? '' }) : null);
    return tile;
  }

  #selfTile(tile: Tile, track: MediaStreamTrack | null, place: Place): Tile {
    setTrack(tile.video, track);
    tile.figure.className = `tile tile--${place} tile--self${track ? '' : ' tile--off'}`;
    const self = this.#store.self;
    tile.figure.dataset.tileUser = self?.userId ?? '';
    const label = tile === this.#selfScreen ? this.#i18n.t('room.screenYours') : null;
    this.#caption(tile, self ?? undefined, place, label, true);
    return tile;
  }

  #placeholder(userId: string | null): Tile {
    const tile = this.#stagePlaceholder;
    const person = userId ? this.#store.participant(userId) : undefined;
    tile.figure.className = 'tile tile--stage tile--off';
    tile.figure.dataset.tileUser = userId ?? '';
    this.#caption(tile, person, 'stage', person ? null : this.#i18n.t('room.stageEmpty'), userId !== null && userId === this.#store.self?.userId);
    return tile;
  }

  #caption(tile: Tile, person: ParticipantInfo | undefined, place: Place, label: string | null, isSelf = false): void {
    const i18n = this.#i18n;
    const name = person ? (isSelf && place === 'thumbnail' ? i18n.t('room.you', { name: person.fullName }) : person.fullName) : '';
    tile.name.textContent = label ?? name;
    tile.avatar.textContent = initials(person?.fullName ?? '');
    // On stage, the name is followed by title and unit, as a meeting-room caption would be.
    const meta = place === 'stage' && person ? [person.title, person.unit.name] : person ? [person.unit.name] : [];
    tile.meta.textContent = label ? '' : meta.filter(Boolean).join(' · ');
    const badges: Node[] = [];
    if (person && place !== 'screen') {
      const store = this.#store;
      if (person.isChair) badges.push(h('span', { class: 'tile__badge' }, i18n.t('room.badge.chair')));
      else if (person.userId === store.room?.stageUserId) badges.push(h('span', { class: 'tile__badge' }, i18n.t('room.badge.floor')));
      const micOn = isSelf ? store.local.mic : person.sending.mic && !person.mutedByChair;
      if (!micOn) badges.push(h('span', { class: 'tile__mic-off', attrs: { title: i18n.t('room.micOff') } }, roomIcon('micOff', 'icon tile__icon')));
    }
    tile.badges.replaceChildren(...badges);
  }
}

function createTile(): Tile {
  const video = h('video', { class: 'tile__video', attrs: { autoplay: true, playsinline: true, muted: true } });
  // Sound comes through <audio> elements; a video element never plays any.
  video.muted = true;
  const avatar = h('div', { class: 'tile__avatar', attrs: { 'aria-hidden': 'true' } });
  const name = h('span', { class: 'tile__name' });
  const meta = h('span', { class: 'tile__meta' });
  const badges = h('span', { class: 'tile__badges' });
  const figure = h(
    'figure',
    { class: 'tile' },
    video,
    h('div', { class: 'tile__placeholder' }, avatar),
    h('figcaption', { class: 'tile__caption' }, h('span', { class: 'tile__text' }, name, meta), badges),
  );
  return { figure, video, avatar, name, meta, badges };
}

function setTrack(video: HTMLVideoElement, track: MediaStreamTrack | null): void {
  const current = (video.srcObject as MediaStream | null)?.getTracks()[0] ?? null;
  if (current === track) return;
  video.srcObject = track ? new MediaStream([track]) : null;
  if (track) void video.play().catch(() => {});
}

/** Replaces a slot's children only when they differ: a moved video keeps playing. */
function setChildren(parent: HTMLElement, nodes: readonly HTMLElement[]): void {
  const current = parent.children;
  if (current.length === nodes.length && nodes.every((node, i) => current[i] === node)) return;
  parent.replaceChildren(...nodes);
  for (const video of parent.querySelectorAll('video')) if (video.srcObject && video.paused) void video.play().catch(() => {});
}

/** Vietnamese names are addressed by their last word: "Trần Văn Quang" → "Q". */
function initials(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  return (words.at(-1)?.[0] ?? '').toUpperCase();
}
