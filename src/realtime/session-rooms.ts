// What a MeetingSession needs of the media plane's rooms, as a port: media's Rooms and Room
// fit it (socket-server.ts passes them), unit tests pass fakes. The peer is the room's handle
// on one participant, opaque to the session beyond who it is.
import type { DtlsParameters, IceParameters, RtpCapabilities } from 'mediasoup/types';
import type { JoinOptions, ParticipantState, ProduceOptions, RoomFacts, RoomState, TransportInfo } from '../media/index.ts';

export interface SessionPeer {
  readonly userId: string;
  readonly isChair: boolean;
  readonly closed: boolean;
}

export interface SessionRoom<P extends SessionPeer> {
  readonly meetingId: string;
  readonly closed: boolean;
  readonly rtpCapabilities: RtpCapabilities;
  peer(userId: string): P | undefined;
  join(o: JoinOptions): Promise<{ peer: P; self: ParticipantState; participants: ParticipantState[]; room: RoomState }>;
  leave(peer: P): void;
  detach(peer: P, onExpired: () => void): void;
  createTransport(peer: P, direction: 'send' | 'recv', forceTcp?: boolean): Promise<TransportInfo>;
  connectTransport(peer: P, transportId: string, dtlsParameters: DtlsParameters): Promise<void>;
  restartIce(peer: P, transportId: string): Promise<IceParameters>;
  produce(peer: P, o: ProduceOptions): Promise<{ producerId: string; paused: boolean }>;
  closeProducer(peer: P, producerId: string): void;
  pauseProducer(peer: P, producerId: string): Promise<void>;
  resumeProducer(peer: P, producerId: string): Promise<void>;
  resumeConsumer(peer: P, consumerId: string): Promise<void>;
  setConsumerPreferredLayers(peer: P, consumerId: string, spatialLayer: number, temporalLayer?: number): Promise<void>;
  setThumbnailPage(peer: P, page: number): void;
  setMuted(userId: string, muted: boolean): Promise<void>;
  setAllMuted(allMuted: boolean, userIds: readonly string[]): Promise<void>;
  setLocked(locked: boolean): void;
  setStage(userId: string | null): void;
  remove(userId: string): void;
}

export interface SessionRooms<P extends SessionPeer> {
  /** Runs `fn` after every earlier call for the same meeting has settled. */
  exclusive<T>(meetingId: string, fn: () => Promise<T>): Promise<T>;
  /** The meeting's room, created from its facts when there is none. Call inside exclusive(). */
  open(meetingId: string, facts: () => Promise<RoomFacts>): Promise<SessionRoom<P>>;
}
