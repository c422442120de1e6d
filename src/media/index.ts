// The media plane as a library: mediasoup workers, meeting rooms on them and the big-meeting
// policy. It knows nothing of HTTP, the database or the wire protocol: callers hand it the
// facts of a meeting, get its own types and events back, and catch MediaError.
export { startMediaPlane, type MediaConfig, type MediaLoad, type MediaPlane } from './media-plane.ts';
export { MediaWorkers, type MediaWorker, type WorkersConfig } from './media-workers.ts';
export { Rooms } from './rooms.ts';
export { MAX_TRANSPORTS, Room, type JoinOptions, type Joined, type ProduceOptions, type RoomLimits } from './room.ts';
export type { Peer } from './peer.ts';
export type { RoomPolicy } from './policy.ts';
export { MEDIA_ERROR_CODES, MediaError, type MediaErrorCode } from './media-error.ts';
export { resolveWorkerBinary } from './worker-binary.ts';
export {
  MEDIA_SOURCES,
  SOURCE_KIND,
  type ConsumerDescription,
  type ConsumerRole,
  type Layers,
  type LeaveReason,
  type MediaLog,
  type MediaSource,
  type ParticipantProfile,
  type ParticipantState,
  type PeerEvent,
  type PeerEventListener,
  type RoomCloseReason,
  type RoomFacts,
  type RoomState,
  type TransportInfo,
} from './types.ts';
