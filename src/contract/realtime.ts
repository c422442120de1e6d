// The meeting signalling protocol over socket.io, in one place for the server and the web app
// (which imports these types only). Every client request is `socket.emit('request', {method,
// data}, ack)` and is acknowledged with `Ack`; the server pushes `socket.emit('notification',
// {method, data})`. Requests are validated here at the edge; mediasoup's own objects (RTP
// parameters, capabilities, DTLS parameters) are checked loosely here and exactly by mediasoup.
import type { DtlsParameters, IceCandidate, IceParameters, MediaKind, RtpCapabilities, RtpParameters } from 'mediasoup/types';
import { z } from 'zod';
import type { AgendaNotification } from './agenda.ts';
import type { AttendanceNotification } from './attendance.ts';
import type { CredentialsNotification } from './credentials.ts';
import { floorRequestSchema, type FloorNotification, type FloorResponseData } from './floor.ts';
import type { NotificationsNotification } from './notifications.ts';
import { voteRequestSchema, type VoteNotification, type VoteResponseData } from './votes.ts';
import { presentationRequestSchema, type PresentationNotification, type PresentationResponseData } from './presentation.ts';
import type { WorkflowNotification } from './workflow.ts';
import { text } from './text.ts';

/** Socket.io event names. */
export const REQUEST_EVENT = 'request';
export const NOTIFICATION_EVENT = 'notification';

/** A browser transport's RTCPeerConnection connection state. */
const transportState = z.enum(['new', 'connecting', 'connected', 'disconnected', 'failed', 'closed']);
const id = text({ max: 100 });
/** mediasoup validates the inside; here only "an object". */
const mediasoupObject = z.looseObject({});

export const MEDIA_SOURCES = ['mic', 'camera', 'screen', 'screen-audio'] as const;
export type MediaSource = (typeof MEDIA_SOURCES)[number];

/** The media room: joining, transports, producers, consumers, moderation. */
export const mediaRequestSchema = z.discriminatedUnion('method', [
  /** Step 1: the room's router capabilities, to load the mediasoup-client Device. */
  z.object({ method: z.literal('getRouterRtpCapabilities'), data: z.object({ meetingId: z.uuid() }) }),
  /** Step 2: enter the room. Joining again with the same account replaces the earlier connection. */
  z.object({
    method: z.literal('join'),
    data: z.object({
      meetingId: z.uuid(),
      rtpCapabilities: mediasoupObject,
      /** Shown in the participant list: "tablet", "meeting room", … */
      device: text({ max: 40 }).optional(),
    }),
  }),
  z.object({
    method: z.literal('createTransport'),
    data: z.object({ direction: z.enum(['send', 'recv']), forceTcp: z.boolean().optional() }),
  }),
  z.object({ method: z.literal('connectTransport'), data: z.object({ transportId: id, dtlsParameters: mediasoupObject }) }),
  z.object({ method: z.literal('restartIce'), data: z.object({ transportId: id }) }),
  z.object({
    method: z.literal('produce'),
    data: z.object({
      transportId: id,
      kind: z.enum(['audio', 'video']),
      rtpParameters: mediasoupObject,
      source: z.enum(MEDIA_SOURCES),
    }),
  }),
  z.object({ method: z.literal('closeProducer'), data: z.object({ producerId: id }) }),
  z.object({ method: z.literal('pauseProducer'), data: z.object({ producerId: id }) }),
  /** Refused with `meeting.muted_by_chair` for any audio (microphone, screen audio) of a participant the chair muted. */
  z.object({ method: z.literal('resumeProducer'), data: z.object({ producerId: id }) }),
  /** Consumers are created paused; the client resumes each once its track is wired up. */
  z.object({ method: z.literal('resumeConsumer'), data: z.object({ consumerId: id }) }),
  /** A lower ceiling than the policy's (e.g. on a weak link); never above it. */
  z.object({
    method: z.literal('setConsumerPreferredLayers'),
    data: z.object({ consumerId: id, spatialLayer: z.int().min(0).max(2), temporalLayer: z.int().min(0).max(2).optional() }),
  }),
  /** Which page of thumbnails to receive (0-based). */
  z.object({ method: z.literal('setThumbnailPage'), data: z.object({ page: z.int().min(0).max(1000) }) }),
  z.object({ method: z.literal('leave'), data: z.object({}).optional() }),
  /**
   * The client gave up on its media after repeated ICE failures (a blocked media port, an
   * announced address it cannot reach): only logged, for the administrator.
   */
  z.object({
    method: z.literal('reportMediaFailure'),
    data: z.object({ failures: z.int().min(1).max(1000), send: transportState.nullable(), recv: transportState.nullable() }),
  }),
  // Moderation: the chair only.
  z.object({ method: z.literal('mute'), data: z.object({ userId: z.uuid() }) }),
  z.object({ method: z.literal('unmute'), data: z.object({ userId: z.uuid() }) }),
  z.object({ method: z.literal('muteAll'), data: z.object({ muted: z.boolean() }) }),
  z.object({ method: z.literal('removeParticipant'), data: z.object({ userId: z.uuid() }) }),
  z.object({ method: z.literal('lock'), data: z.object({ locked: z.boolean() }) }),
  /** Put a participant on the stage (the floor), or `null` for the chair. */
  z.object({ method: z.literal('setStage'), data: z.object({ userId: z.uuid().nullable() }) }),
]);
export type MediaRequest = z.infer<typeof mediaRequestSchema>;

/**
 * The meeting's audience: a socket that joins the media room, or watches a meeting without media
 * (a tablet reading its documents), receives the meeting's notifications (agenda, presenter's
 * page, floor, votes). Invitation is checked as for joining.
 */
export const audienceRequestSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('watchMeeting'), data: z.object({ meetingId: z.uuid() }) }),
  z.object({ method: z.literal('unwatchMeeting'), data: z.object({ meetingId: z.uuid() }) }),
]);
export type AudienceRequest = z.infer<typeof audienceRequestSchema>;

// Every request of the protocol: one discriminated union composed of each capability's own
// (a capability adds its union here, its answers to ResponseData and its pushes to Notification).
export const requestSchema = z.discriminatedUnion('method', [mediaRequestSchema, audienceRequestSchema, floorRequestSchema, voteRequestSchema, presentationRequestSchema]);
export type Request = z.infer<typeof requestSchema>;
export type RequestMethod = Request['method'];
/** The `data` of one request method. */
export type RequestData<M extends RequestMethod> = Extract<Request, { method: M }>['data'];

export interface ProtocolError {
  /** A code of the error catalogue (docs/errors.md), e.g. `meeting.muted_by_chair`. */
  code: string;
  /** In the language of the socket's Accept-Language. */
  message: string;
}
export type Ack<T = unknown> = { ok: true; data: T } | { ok: false; error: ProtocolError };

export interface ParticipantInfo {
  userId: string;
  username: string;
  fullName: string;
  title: string | null;
  unit: { id: string; code: string; name: string };
  device: string | null;
  isChair: boolean;
  /** Muted by the chair (server-enforced), not the participant's own mute. */
  mutedByChair: boolean;
  /** Their own sources currently producing and not paused. */
  sending: { mic: boolean; camera: boolean; screen: boolean };
}

export interface TransportInfo {
  id: string;
  iceParameters: IceParameters;
  iceCandidates: IceCandidate[];
  dtlsParameters: DtlsParameters;
}

/** Why a consumer exists: the stage, a thumbnail, audible audio or a screen share. */
export type ConsumerRole = 'stage' | 'thumbnail' | 'audio' | 'screen';

export interface ConsumerInfo {
  consumerId: string;
  producerId: string;
  kind: MediaKind;
  rtpParameters: RtpParameters;
  userId: string;
  source: MediaSource;
  role: ConsumerRole;
  /** The producer is paused at its source (own mute, or muted by the chair). */
  producerPaused: boolean;
}

export interface RoomState {
  meetingId: string;
  chairId: string;
  /** Who is on the stage: the floor holder, else the chair. */
  stageUserId: string;
  locked: boolean;
  allMuted: boolean;
  thumbnailPage: number;
  thumbnailPageSize: number;
}

/** What each media request answers with. */
export interface MediaResponseData {
  getRouterRtpCapabilities: RtpCapabilities;
  join: { self: ParticipantInfo; participants: ParticipantInfo[]; room: RoomState };
  createTransport: TransportInfo;
  connectTransport: Record<string, never>;
  restartIce: { iceParameters: IceParameters };
  produce: { producerId: string; paused: boolean };
  closeProducer: Record<string, never>;
  pauseProducer: Record<string, never>;
  resumeProducer: Record<string, never>;
  resumeConsumer: Record<string, never>;
  setConsumerPreferredLayers: Record<string, never>;
  setThumbnailPage: Record<string, never>;
  leave: Record<string, never>;
  reportMediaFailure: Record<string, never>;
  mute: Record<string, never>;
  unmute: Record<string, never>;
  muteAll: Record<string, never>;
  removeParticipant: Record<string, never>;
  lock: Record<string, never>;
  setStage: Record<string, never>;
}

export interface AudienceResponseData {
  watchMeeting: Record<string, never>;
  unwatchMeeting: Record<string, never>;
}

/** What each request answers with. */
export type ResponseData = MediaResponseData & AudienceResponseData & FloorResponseData & VoteResponseData & PresentationResponseData;

/** Why the server ended this client's presence in the room. */
export type CloseReason = 'removed' | 'replaced' | 'meeting-ended' | 'media-restart';

/** What the media room pushes to one participant. */
export type MediaNotification =
  | { method: 'consumerAdded'; data: ConsumerInfo }
  | { method: 'consumerClosed'; data: { consumerId: string } }
  | { method: 'consumerPaused'; data: { consumerId: string } }
  | { method: 'consumerResumed'; data: { consumerId: string } }
  /** The consumer moved between the stage and the thumbnails (its layer follows on the server). */
  | { method: 'consumerUpdated'; data: { consumerId: string; role: ConsumerRole } }
  | { method: 'consumerLayersChanged'; data: { consumerId: string; spatialLayer: number | null; temporalLayer: number | null } }
  | { method: 'participantJoined'; data: ParticipantInfo }
  | { method: 'participantUpdated'; data: ParticipantInfo }
  | { method: 'participantLeft'; data: { userId: string } }
  | { method: 'activeSpeaker'; data: { userId: string | null } }
  | { method: 'roomUpdated'; data: RoomState }
  /**
   * The highest simulcast layer anyone receives of this client's video (null: nobody): the
   * client encodes no more than that (setMaxSpatialLayer), sparing its uplink and the SFU.
   */
  | { method: 'producerDemand'; data: { producerId: string; spatialLayer: number | null } }
  /** The chair muted (or let speak) this client: its audio (microphone and screen audio) is paused on the server. */
  | { method: 'mutedByChair'; data: { muted: boolean } }
  /** Leave the room page (removed, replaced by a newer connection, meeting ended). */
  | { method: 'closed'; data: { reason: CloseReason } }
  /** The media server restarted: join again (same identity); nothing else is lost. */
  | { method: 'rejoin'; data: { reason: CloseReason } };

/** Everything the server pushes; the client switches on `method`. */
export type Notification =
  | MediaNotification
  | NotificationsNotification
  | CredentialsNotification
  | FloorNotification
  | VoteNotification
  | AttendanceNotification
  | AgendaNotification
  | PresentationNotification
  | WorkflowNotification;
export type NotificationMethod = Notification['method'];

/**
 * How capabilities push to clients without knowing socket.io: to every socket of a user (an
 * invitation, a document awaiting signature) or to a meeting's audience (the presenter's page,
 * the floor, a vote). realtime/ implements it over socket.io rooms, so an adapter carries it
 * to other nodes later. Facts are written to Postgres first, then pushed.
 */
export interface Pusher {
  toUser(userId: string, n: Notification): void;
  toMeeting(meetingId: string, n: Notification): void;
}
