// One signalling connection: the signed-in user, the room they joined, and every request they
// send, validated and answered. Decisions that are facts of the meeting (admission, mute,
// removal, lock, stage) are written through the facts port (Postgres) first and then mirrored
// onto the room. The media plane's events and errors are translated to the wire here.
import type { DtlsParameters, RtpCapabilities, RtpParameters } from 'mediasoup/types';
import type { Principal } from '../auth/index.ts';
import type { MediaRequest, MediaResponseData, Notification } from '../contract/realtime.ts';
import { AppError } from '../errors/index.ts';
import type { MeetingFacts } from './meeting-facts.ts';
import { toAppError } from './media-problem.ts';
import type { SessionPeer, SessionRoom, SessionRooms } from './session-rooms.ts';
import { toNotification } from './to-wire.ts';

export interface SessionDeps<P extends SessionPeer> {
  facts: MeetingFacts;
  rooms: SessionRooms<P>;
  principal: Principal;
  notify: (n: Notification) => void;
  log: { warn(obj: object, msg: string): void };
}

type Empty = Record<string, never>;
const EMPTY: Empty = {};

export class MeetingSession<P extends SessionPeer> {
  readonly #d: SessionDeps<P>;
  #joined: { room: SessionRoom<P>; peer: P } | undefined;
  /** The sign-in behind this connection ended: nothing more is served. */
  #ended = false;

  constructor(deps: SessionDeps<P>) {
    this.#d = deps;
  }

  /** The meeting whose room this connection is in, if any. */
  get meetingId(): string | undefined {
    return this.#joined?.room.meetingId;
  }

  /** Answers one validated request; every failure is an AppError with a catalogue code. */
  async handle(req: MediaRequest): Promise<MediaResponseData[MediaRequest['method']]> {
    if (this.#ended) throw new AppError('auth.unauthenticated');
    try {
      return await this.#handle(req);
    } catch (err) {
      throw toAppError(err);
    }
  }

  async #handle(req: MediaRequest): Promise<MediaResponseData[MediaRequest['method']]> {
    switch (req.method) {
      case 'getRouterRtpCapabilities': {
        await this.#d.facts.assertInvited(this.#d.principal, req.data.meetingId);
        return (await this.#openRoom(req.data.meetingId)).rtpCapabilities;
      }
      case 'join':
        // The schema checks "an object"; mediasoup checks the inside.
        return this.#join(req.data.meetingId, req.data.rtpCapabilities as RtpCapabilities, req.data.device);
      case 'createTransport': {
        const { room, peer } = this.#member();
        return room.createTransport(peer, req.data.direction, req.data.forceTcp);
      }
      case 'connectTransport': {
        const { room, peer } = this.#member();
        await room.connectTransport(peer, req.data.transportId, req.data.dtlsParameters as DtlsParameters);
        return EMPTY;
      }
      case 'restartIce': {
        const { room, peer } = this.#member();
        return { iceParameters: await room.restartIce(peer, req.data.transportId) };
      }
      case 'produce': {
        const { room, peer } = this.#member();
        const { transportId, kind, source } = req.data;
        return room.produce(peer, { transportId, kind, source, rtpParameters: req.data.rtpParameters as RtpParameters });
      }
      case 'closeProducer': {
        const { room, peer } = this.#member();
        room.closeProducer(peer, req.data.producerId);
        return EMPTY;
      }
      case 'pauseProducer': {
        const { room, peer } = this.#member();
        await room.pauseProducer(peer, req.data.producerId);
        return EMPTY;
      }
      case 'resumeProducer': {
        const { room, peer } = this.#member();
        await room.resumeProducer(peer, req.data.producerId);
        return EMPTY;
      }
      case 'resumeConsumer': {
        const { room, peer } = this.#member();
        await room.resumeConsumer(peer, req.data.consumerId);
        return EMPTY;
      }
      case 'setConsumerPreferredLayers': {
        const { room, peer } = this.#member();
        await room.setConsumerPreferredLayers(peer, req.data.consumerId, req.data.spatialLayer, req.data.temporalLayer);
        return EMPTY;
      }
      case 'setThumbnailPage': {
        const { room, peer } = this.#member();
        room.setThumbnailPage(peer, req.data.page);
        return EMPTY;
      }
      case 'leave':
        await this.leave();
        return EMPTY;
      case 'reportMediaFailure':
        this.#d.log.warn(
          { meetingId: this.#joined?.room.meetingId ?? null, ...req.data },
          'reportMediaFailure: a client gave up connecting its media; check that the media ports (UDP/TCP) are reachable and MEDIA_ANNOUNCED_ADDRESS',
        );
        return EMPTY;
      case 'mute':
      case 'unmute': {
        const { room } = this.#chair();
        const muted = req.method === 'mute';
        const changed = await this.#d.facts.setMuted(room.meetingId, [req.data.userId], muted);
        if (changed.length === 0) throw new AppError('meeting.not_participant');
        await room.setMuted(req.data.userId, muted);
        return EMPTY;
      }
      case 'muteAll': {
        const { room } = this.#chair();
        await room.setAllMuted(req.data.muted, await this.#d.facts.setAllMuted(room.meetingId, req.data.muted));
        return EMPTY;
      }
      case 'removeParticipant': {
        const { room, peer } = this.#chair();
        if (req.data.userId === peer.userId) throw new AppError('bad_request');
        if (!(await this.#isParticipant(room, req.data.userId))) throw new AppError('meeting.not_participant');
        await this.#d.facts.remove(room.meetingId, req.data.userId);
        room.remove(req.data.userId);
        return EMPTY;
      }
      case 'lock': {
        const { room } = this.#chair();
        await this.#d.facts.setLocked(room.meetingId, req.data.locked);
        room.setLocked(req.data.locked);
        return EMPTY;
      }
      case 'setStage': {
        const { room } = this.#chair();
        const userId = req.data.userId;
        if (userId !== null && !room.peer(userId)) throw new AppError('meeting.not_participant');
        await this.#d.facts.setStage(room.meetingId, userId);
        room.setStage(userId);
        return EMPTY;
      }
    }
  }

  /** Leaves the room for good (the Leave button). */
  async leave(): Promise<void> {
    const joined = this.#joined;
    this.#joined = undefined;
    if (!joined || joined.room.peer(joined.peer.userId) !== joined.peer) return;
    joined.room.leave(joined.peer);
    await this.#d.facts.recordLeave(joined.room.meetingId, joined.peer.userId);
  }

  /**
   * The sign-in behind this connection ended (signed out, expired, account locked): out of the
   * room for good at once, not kept for a reconnect that must not come; a join still in flight
   * leaves as soon as it lands.
   */
  end(): void {
    this.#ended = true;
    this.leave().catch((err: unknown) => this.#d.log.warn({ err }, 'recording a leave failed'));
  }

  /** The socket went away: keep the place a while so a reconnect is seamless. */
  disconnected(): void {
    const joined = this.#joined;
    this.#joined = undefined;
    if (!joined) return;
    const { room, peer } = joined;
    // The person left when the link went, not when the grace for coming back ran out.
    const lostAt = new Date();
    room.detach(peer, () => {
      this.#d.facts.recordLeave(room.meetingId, peer.userId, lostAt).catch((err: unknown) => this.#d.log.warn({ err }, 'recording a leave failed'));
    });
  }

  async #join(meetingId: string, rtpCapabilities: RtpCapabilities, device: string | undefined): Promise<MediaResponseData['join']> {
    const { facts, principal } = this.#d;
    await facts.assertInvited(principal, meetingId);
    // Joining the same meeting again (the client rebuilding its media after a failed ICE
    // restart) replaces the presence in the room: no leave is recorded, so attendance, a
    // raised hand and the floor carry on. Another meeting is a real leave.
    if (this.#joined && this.#joined.room.meetingId !== meetingId) await this.leave();
    // Admission and joining in the meeting's queue: no races on the first join, the lock or a replace.
    return this.#d.rooms.exclusive(meetingId, async () => {
      const admitted = await facts.admit(meetingId, { userId: principal.id, unitId: principal.unit.id }, device);
      const room = await this.#d.rooms.open(meetingId, () => facts.liveState(meetingId));
      const notify = this.#d.notify;
      const { peer, self, participants, room: state } = await room.join({
        profile: {
          userId: principal.id,
          username: principal.username,
          fullName: principal.fullName,
          title: principal.title,
          unit: { id: principal.unit.id, code: principal.unit.code, name: principal.unit.name },
        },
        device: device ?? null,
        rtpCapabilities,
        mutedByChair: admitted.muted,
        notify: (event) => notify(toNotification(event)),
      });
      this.#joined = { room, peer };
      if (this.#ended) {
        await this.leave();
        throw new AppError('auth.unauthenticated');
      }
      return { self, participants, room: state };
    });
  }

  #openRoom(meetingId: string): Promise<SessionRoom<P>> {
    return this.#d.rooms.exclusive(meetingId, () => this.#d.rooms.open(meetingId, () => this.#d.facts.liveState(meetingId)));
  }

  async #isParticipant(room: SessionRoom<P>, userId: string): Promise<boolean> {
    return room.peer(userId) !== undefined || (await this.#d.facts.isParticipant(room.meetingId, userId));
  }

  #member(): { room: SessionRoom<P>; peer: P } {
    const joined = this.#joined;
    if (!joined || joined.peer.closed || joined.room.closed) throw new AppError('media.not_joined');
    return joined;
  }

  #chair(): { room: SessionRoom<P>; peer: P } {
    const joined = this.#member();
    if (!joined.peer.isChair) throw new AppError('meeting.not_chair');
    return joined;
  }
}
