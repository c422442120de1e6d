// The big-meeting policy: what each participant receives. A 611-site meeting cannot send
// everyone to everyone, so each viewer gets the stage (the floor holder, else the chair) at the
// top simulcast layer, every screen share, one page of thumbnails at the lowest layer, and
// audio only from the chair, the stage and the most recent active speakers — or, while someone
// holds the floor granted from the queue, from the chair and the floor holder alone. However large the
// meeting, a viewer's consumers stay below 2 + screens×2 + page size + audible speakers.
// Pure: rooms call it with a snapshot; tests call it with fake participants.
import type { ConsumerRole } from './types.ts';

export interface PolicyParticipant {
  userId: string;
  /** Producer ids by source, when producing. */
  camera?: string;
  mic?: string;
  screen?: string;
  screenAudio?: string;
}

export interface PolicySnapshot {
  /** In join order. */
  participants: readonly PolicyParticipant[];
  chairId: string;
  /** The floor holder; null or absent from the room: the chair is on stage. */
  stageUserId: string | null;
  /**
   * Who holds the floor granted from the queue. While they are in the room only they and the
   * chair are heard: nobody else's microphone is consumed, whatever their clients send.
   */
  floorUserId?: string | null;
  /** Users who spoke, most recent first. */
  recentSpeakers: readonly string[];
  audibleSpeakers: number;
  thumbnailsPerPage: number;
}

export interface Wanted {
  role: ConsumerRole;
  /** Simulcast spatial layer to prefer (video); 0 is the smallest. */
  spatialLayer: number;
  /** Temporal layer to prefer; absent: the highest the stream has. */
  temporalLayer?: number;
}

export const STAGE_LAYER = 2;
export const THUMBNAIL_LAYER = 0;
/**
 * Thumbnails at the base temporal layer: a quarter of the frame rate of an L1T3 stream. A
 * 320×180 frame is about one packet, so this is what keeps a page of thumbnails near 50 packets/s
 * instead of 200 (BENCHMARKS.md, meeting capacity).
 */
export const THUMBNAIL_TEMPORAL_LAYER = 0;

/** A snapshot prepared once, then asked for each viewer in O(page size + speakers). */
export class RoomPolicy {
  readonly #snap: PolicySnapshot;
  readonly #byUser: Map<string, PolicyParticipant>;
  readonly stageUserId: string;
  /** Thumbnail candidates (with a camera), chair first, then join order; the stage excluded. */
  readonly #gallery: PolicyParticipant[];
  readonly #galleryIndex: Map<string, number>;
  readonly #audible: string[];
  readonly #screens: PolicyParticipant[];

  constructor(snap: PolicySnapshot) {
    this.#snap = snap;
    this.#byUser = new Map(snap.participants.map((p) => [p.userId, p]));
    this.stageUserId = snap.stageUserId && this.#byUser.has(snap.stageUserId) ? snap.stageUserId : snap.chairId;
    const chair = this.#byUser.get(snap.chairId);
    const ordered = chair ? [chair, ...snap.participants.filter((p) => p !== chair)] : [...snap.participants];
    this.#gallery = ordered.filter((p) => p.camera && p.userId !== this.stageUserId);
    this.#galleryIndex = new Map(this.#gallery.map((p, i) => [p.userId, i]));
    this.#screens = snap.participants.filter((p) => p.screen || p.screenAudio);
    this.#audible = this.#audibleUsers();
  }

  /** Users heard by everyone (each viewer minus themself): chair, stage, then speakers. */
  get audible(): readonly string[] {
    return this.#audible;
  }

  /** Pages of thumbnails a viewer can page through. */
  pageCount(viewerId: string): number {
    const size = this.#snap.thumbnailsPerPage;
    if (size === 0) return 0;
    const n = this.#gallery.length - (this.#galleryIndex.has(viewerId) ? 1 : 0);
    return Math.max(1, Math.ceil(n / size));
  }

  /** Producer id → why and at which layer `viewerId` receives it. */
  wantedBy(viewerId: string, page: number): Map<string, Wanted> {
    const wanted = new Map<string, Wanted>();
    const add = (producerId: string | undefined, role: ConsumerRole, spatialLayer: number, temporalLayer?: number) => {
      if (producerId && !wanted.has(producerId)) wanted.set(producerId, temporalLayer === undefined ? { role, spatialLayer } : { role, spatialLayer, temporalLayer });
    };
    if (this.stageUserId !== viewerId) add(this.#byUser.get(this.stageUserId)?.camera, 'stage', STAGE_LAYER);
    for (const p of this.#screens) {
      if (p.userId === viewerId) continue;
      add(p.screen, 'screen', STAGE_LAYER);
      add(p.screenAudio, 'screen', 0);
    }
    for (const p of this.#thumbnailPage(viewerId, page)) add(p.camera, 'thumbnail', THUMBNAIL_LAYER, THUMBNAIL_TEMPORAL_LAYER);
    for (const userId of this.#audible) if (userId !== viewerId) add(this.#byUser.get(userId)?.mic, 'audio', 0);
    return wanted;
  }

  /** The gallery without the viewer, page `page` (clamped to the last page). */
  #thumbnailPage(viewerId: string, page: number): PolicyParticipant[] {
    const size = this.#snap.thumbnailsPerPage;
    if (size === 0) return [];
    const self = this.#galleryIndex.get(viewerId) ?? Infinity;
    const last = this.pageCount(viewerId) - 1;
    const start = Math.min(Math.max(0, page), last) * size;
    const out: PolicyParticipant[] = [];
    // Position q of the viewer-less list is gallery[q] before the viewer, gallery[q + 1] after.
    for (let q = start; out.length < size; q++) {
      const p = this.#gallery[q >= self ? q + 1 : q];
      if (!p) break;
      out.push(p);
    }
    return out;
  }

  #audibleUsers(): string[] {
    const { chairId, recentSpeakers, audibleSpeakers, participants } = this.#snap;
    const out = new Set<string>();
    const hasMic = (id: string) => this.#byUser.get(id)?.mic !== undefined;
    if (hasMic(chairId)) out.add(chairId);
    if (hasMic(this.stageUserId)) out.add(this.stageUserId);
    const floor = this.#snap.floorUserId;
    if (floor && this.#byUser.has(floor)) {
      // A formal floor: the holder speaks, the chair moderates, and neither a cough in a
      // commune hall nor a side conversation the active-speaker observer picks reaches anyone.
      if (hasMic(floor)) out.add(floor);
      return [...out];
    }
    const fixed = out.size;
    // Recent speakers first; until enough have spoken, the earliest joiners fill the places,
    // so a small meeting hears everyone from the start.
    for (const id of [...recentSpeakers, ...participants.map((p) => p.userId)]) {
      if (out.size - fixed >= audibleSpeakers) break;
      if (hasMic(id)) out.add(id);
    }
    return [...out];
  }
}
