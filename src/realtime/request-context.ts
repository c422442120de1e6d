// One connection as request handlers see it, and the shape of a handler: shared by the
// dispatcher (request-handlers.ts) and each capability's handler file.
import type { Principal } from '../auth/index.ts';
import type { Db } from '../db/index.ts';
import type { Lang } from '../errors/index.ts';
import type { Pusher, RequestData, RequestMethod, ResponseData } from '../contract/realtime.ts';
import type { AgendaItems, LiveTallies } from '../votes/index.ts';
import type { FloorDesk } from './floor-desk.ts';
import type { MeetingFacts } from './meeting-facts.ts';
import type { MeetingSession } from './meeting-session.ts';
import type { SessionPeer } from './session-rooms.ts';

/** One connection as handlers see it. */
export interface RequestContext {
  readonly principal: Principal;
  readonly lang: Lang;
  readonly facts: MeetingFacts;
  /** The media room part of this connection. */
  readonly session: MeetingSession<SessionPeer>;
  /** Joins or leaves a meeting's audience (its pushes reach this socket). */
  watch(meetingId: string): void;
  unwatch(meetingId: string): void;
  /** Capabilities' services read and write here; facts first, then pushes. */
  readonly db: Db;
  readonly pusher: Pusher;
  /** The floor: Postgres, then this node's media room, then the meeting's audience. */
  readonly floor: FloorDesk;
  /** The chair's live vote counts, throttled. */
  readonly tallies: LiveTallies;
  readonly agenda: AgendaItems;
}

export type Handler<M extends RequestMethod> = (ctx: RequestContext, data: RequestData<M>) => Promise<ResponseData[M]>;
export type Handlers = { [M in RequestMethod]: Handler<M> };
