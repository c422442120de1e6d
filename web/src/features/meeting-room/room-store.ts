import type { ConsumerInfo, ConsumerRole, MediaSource, ParticipantInfo, ResponseData, RoomState } from './protocol.ts';

/** What the server sends this client, ready to show. */
export interface RemoteMedia {
  readonly consumerId: string;
  readonly userId: string;
  readonly kind: 'audio' | 'video';
  readonly source: MediaSource;
  role: ConsumerRole;
  readonly track: MediaStreamTrack;
  /** Paused at its source (the sender's own mute or camera pause). */
  paused: boolean;
  spatialLayer: number | null;
}

/**
 * 'connected' once media flows (not when signalling answered); 'media-failed' when the session
 * gave up repairing it (the room stays joined, see `mediaFailure`).
 */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'media-failed' | 'closed';

/** Why the room page ended: the server's reasons, the user's own leave, or a lost session. */
export type EndReason = 'removed' | 'replaced' | 'meeting-ended' | 'left' | 'unauthenticated' | 'error';

export interface LocalState {
  mic: boolean;
  camera: boolean;
  screen: boolean;
  /** The chair muted us; the server keeps the microphone paused until they let us speak. */
  mutedByChair: boolean;
  /** A control waiting for its answer (no double taps). */
  busy: { mic: boolean; camera: boolean; screen: boolean };
}

export interface MediaFailure {
  /** Where the server told the browser to send media, e.g. "203.0.113.1 (UDP 40000)"; null: unknown. */
  serverAddress: string | null;
}

export type Topic = 'participants' | 'room' | 'media' | 'speaker' | 'local' | 'connection' | 'message';

export interface RoomMessage {
  text: string;
  tone: 'info' | 'error';
}

/**
 * The room as this client knows it: participants, the room's state, the media received and
 * the local controls. Views subscribe by topic and redraw their part; the session is the only
 * writer.
 */
export class RoomStore {
  self: ParticipantInfo | null = null;
  readonly participants = new Map<string, ParticipantInfo>();
  room: RoomState | null = null;
  readonly media = new Map<string, RemoteMedia>();
  activeSpeaker: string | null = null;
  local: LocalState = { mic: true, camera: true, screen: false, mutedByChair: false, busy: { mic: false, camera: false, screen: false } };
  status: ConnectionStatus = 'connecting';
  endReason: EndReason | null = null;
  /** Shown with the end reason, e.g. the server's message for a failed rejoin. */
  endMessage: string | null = null;
  lastMessage: RoomMessage | null = null;
  /** Why media failed, for the message the room shows while status is 'media-failed'. */
  mediaFailure: MediaFailure | null = null;
  readonly #listeners = new Set<(topic: Topic) => void>();

  subscribe(listener: (topic: Topic) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(topic: Topic): void {
    for (const listener of [...this.#listeners]) listener(topic);
  }

  get isChair(): boolean {
    return this.self?.isChair ?? false;
  }

  participant(userId: string): ParticipantInfo | undefined {
    return this.participants.get(userId);
  }

  applyJoin(joined: ResponseData['join']): void {
    this.self = joined.self;
    this.participants.clear();
    for (const p of joined.participants) this.participants.set(p.userId, p);
    this.participants.set(joined.self.userId, joined.self);
    this.room = joined.room;
    this.local.mutedByChair = joined.self.mutedByChair;
    this.emit('participants');
    this.emit('room');
    this.emit('local');
  }

  upsertParticipant(p: ParticipantInfo): void {
    this.participants.set(p.userId, p);
    if (p.userId === this.self?.userId) this.self = p;
    this.emit('participants');
  }

  removeParticipant(userId: string): void {
    if (this.participants.delete(userId)) this.emit('participants');
    if (this.activeSpeaker === userId) this.setActiveSpeaker(null);
  }

  setRoom(room: RoomState): void {
    this.room = room;
    this.emit('room');
  }

  setActiveSpeaker(userId: string | null): void {
    if (this.activeSpeaker === userId) return;
    this.activeSpeaker = userId;
    this.emit('speaker');
  }

  addMedia(info: ConsumerInfo, track: MediaStreamTrack): void {
    this.media.set(info.consumerId, {
      consumerId: info.consumerId,
      userId: info.userId,
      kind: info.kind,
      source: info.source,
      role: info.role,
      track,
      paused: info.producerPaused,
      spatialLayer: null,
    });
    this.emit('media');
  }

  updateMedia(consumerId: string, change: Partial<Pick<RemoteMedia, 'role' | 'paused' | 'spatialLayer'>>): void {
    const media = this.media.get(consumerId);
    if (!media) return;
    Object.assign(media, change);
    this.emit('media');
  }

  removeMedia(consumerId: string): void {
    if (this.media.delete(consumerId)) this.emit('media');
  }

  clearMedia(): void {
    if (this.media.size === 0) return;
    this.media.clear();
    this.emit('media');
  }

  setLocal(change: Partial<Omit<LocalState, 'busy'>>): void {
    Object.assign(this.local, change);
    this.emit('local');
  }

  setBusy(control: keyof LocalState['busy'], busy: boolean): void {
    this.local.busy[control] = busy;
    this.emit('local');
  }

  setStatus(status: ConnectionStatus): void {
    if (this.status === status || this.status === 'closed') return;
    this.status = status;
    this.emit('connection');
  }

  setMediaFailure(failure: MediaFailure): void {
    this.mediaFailure = failure;
  }

  end(reason: EndReason, message: string | null = null): void {
    if (this.status === 'closed') return;
    this.endReason = reason;
    this.endMessage = message;
    this.status = 'closed';
    this.emit('connection');
  }

  say(text: string, tone: RoomMessage['tone'] = 'info'): void {
    this.lastMessage = { text, tone };
    this.emit('message');
  }
}
