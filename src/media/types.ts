// The media plane's own vocabulary: who is in a room, what they send, why they receive what they
// receive, and what a room tells each participant. The signalling layer (src/realtime/) maps these
// onto its wire protocol; nothing here knows of socket.io, HTTP or the database.
import type { DtlsParameters, IceCandidate, IceParameters, MediaKind, RtpParameters } from 'mediasoup/types';

export const MEDIA_SOURCES = ['mic', 'camera', 'screen', 'screen-audio'] as const;
/** What a participant sends: at most one producer per source. */
export type MediaSource = (typeof MEDIA_SOURCES)[number];

export const SOURCE_KIND: Readonly<Record<MediaSource, MediaKind>> = { mic: 'audio', camera: 'video', screen: 'video', 'screen-audio': 'audio' };

/** Why a consumer exists: the stage, a thumbnail, audible audio or a screen share. */
export type ConsumerRole = 'stage' | 'thumbnail' | 'audio' | 'screen';

/** Simulcast layers to prefer; no temporal layer: the highest the stream has. */
export interface Layers {
  spatialLayer: number;
  temporalLayer?: number;
}

/** Who a participant is, as the others see them. The media plane carries it and reads only `userId`. */
export interface ParticipantProfile {
  userId: string;
  username: string;
  fullName: string;
  title: string | null;
  unit: { id: string; code: string; name: string };
}

/** A participant as the room sees them now. */
export interface ParticipantState extends ParticipantProfile {
  device: string | null;
  isChair: boolean;
  /** Muted by the chair: every audio producer of theirs stays paused on the server. */
  mutedByChair: boolean;
  /** Their own sources producing and not paused. */
  sending: { mic: boolean; camera: boolean; screen: boolean };
}

/** The facts of a meeting a room mirrors; decided elsewhere (the database), a room is rebuilt from them. */
export interface RoomFacts {
  meetingId: string;
  chairId: string;
  /** The floor holder; null: the chair is on stage. */
  stageUserId: string | null;
  /** Who holds the floor granted from the queue (heard alone with the chair); absent: nobody. */
  floorUserId?: string | null;
  locked: boolean;
  allMuted: boolean;
}

/** A room as one participant sees it. */
export interface RoomState {
  meetingId: string;
  chairId: string;
  /** Who is on the stage: the floor holder when present, else the chair. */
  stageUserId: string;
  locked: boolean;
  allMuted: boolean;
  thumbnailPage: number;
  thumbnailPageSize: number;
}

export interface TransportInfo {
  id: string;
  iceParameters: IceParameters;
  iceCandidates: IceCandidate[];
  dtlsParameters: DtlsParameters;
}

export interface ConsumerDescription {
  consumerId: string;
  producerId: string;
  kind: MediaKind;
  rtpParameters: RtpParameters;
  /** Whose producer it consumes, and which of their sources. */
  userId: string;
  source: MediaSource;
  role: ConsumerRole;
  /** Paused at its source (own mute, or the chair's). */
  producerPaused: boolean;
}

/** Why a room ended a participant's presence. */
export type LeaveReason = 'removed' | 'replaced' | 'meeting-ended';
/** Why a whole room closed: the meeting ended, or a mediasoup worker died (participants rejoin). */
export type RoomCloseReason = 'meeting-ended' | 'media-restart';

/** What a room tells one participant, through the callback given when they joined. */
export type PeerEvent =
  | { type: 'consumer-added'; consumer: ConsumerDescription }
  | { type: 'consumer-closed'; consumerId: string }
  | { type: 'consumer-paused'; consumerId: string }
  | { type: 'consumer-resumed'; consumerId: string }
  /** The consumer moved between roles (stage ↔ thumbnail); its layers follow on the server. */
  | { type: 'consumer-role-changed'; consumerId: string; role: ConsumerRole }
  | { type: 'consumer-layers-changed'; consumerId: string; spatialLayer: number | null; temporalLayer: number | null }
  | { type: 'participant-joined'; participant: ParticipantState }
  | { type: 'participant-updated'; participant: ParticipantState }
  | { type: 'participant-left'; userId: string }
  | { type: 'active-speaker'; userId: string }
  | { type: 'room-updated'; room: RoomState }
  /** The highest spatial layer anyone receives of this participant's video producer (null: nobody). */
  | { type: 'producer-demand'; producerId: string; spatialLayer: number | null }
  | { type: 'muted-by-chair'; muted: boolean }
  /** This participant is out of the room for good. */
  | { type: 'left'; reason: LeaveReason }
  /** The media server restarted: join again, same identity. */
  | { type: 'rejoin' };

export type PeerEventListener = (event: PeerEvent) => void;

/** Loggers the media plane writes to (pino's fit). */
export interface MediaLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
