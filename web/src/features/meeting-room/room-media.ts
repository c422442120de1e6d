import type { types } from 'mediasoup-client';
import type { ConsumerInfo, MediaSource } from './protocol.ts';
import type { RoomSignalling } from './room-signalling.ts';

export type Direction = 'send' | 'recv';
/** A transport's RTCPeerConnection connection state (ICE and DTLS together). */
export type ConnectionState = types.ConnectionState;

/** Where the server told the browser to send media (an ICE candidate of a transport). */
export interface RemoteCandidate {
  readonly address: string;
  readonly port: number;
  readonly protocol: 'udp' | 'tcp';
}

export interface MediaHooks {
  /** A transport's connection state changed: the session decides how to recover. */
  onTransportState(direction: Direction, state: ConnectionState): void;
}

/**
 * One join's worth of media as the room session drives it: MediaSession (mediasoup-client) in
 * the browser, a fake in unit tests. A reconnect closes it and opens a new one.
 */
export interface RoomMedia {
  readonly rtpCapabilities: types.RtpCapabilities;
  readonly closed: boolean;
  canProduce(kind: 'audio' | 'video'): boolean;
  createTransports(): Promise<void>;
  /** Returns whether the server keeps it paused (a microphone the chair muted). */
  produce(source: MediaSource, track: MediaStreamTrack): Promise<{ pausedByServer: boolean }>;
  hasProducer(source: MediaSource): boolean;
  /** False when nothing of that source is being sent. */
  replaceTrack(source: MediaSource, track: MediaStreamTrack): Promise<boolean>;
  closeProducer(source: MediaSource): Promise<void>;
  pauseProducer(source: MediaSource): Promise<void>;
  resumeProducer(source: MediaSource): Promise<void>;
  /** The chair muted us: the server paused the producer; stop sending it too. */
  pauseLocally(source: MediaSource): void;
  setDemand(producerId: string, spatialLayer: number | null): void;
  consume(info: ConsumerInfo): Promise<MediaStreamTrack>;
  closeConsumer(consumerId: string): void;
  connectionState(direction: Direction): ConnectionState | null;
  /** Whether the transport carries anything (a producer, a consumer): only then must it connect. */
  carries(direction: Direction): boolean;
  /** The server's ICE candidates of this join's transports. */
  remoteCandidates(): readonly RemoteCandidate[];
  restartIce(direction: Direction): Promise<void>;
  stats(): Promise<RTCStatsReport[]>;
  close(): void;
}

/** Loads the room's router capabilities and returns media ready to create its transports. */
export type OpenMedia = (client: RoomSignalling, meetingId: string, hooks: MediaHooks) => Promise<RoomMedia>;
