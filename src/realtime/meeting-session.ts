// One signalling connection: the signed-in user, the room they joined, and every request they
// send, validated and answered. Decisions that are facts of the meeting (admission, mute,
// removal, lock, stage) are written to Postgres first and then mirrored onto the room.
import type { Principal } from '../auth/principal.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors/app-error.ts';
import {
  admitParticipant,
  liveState,
  participantState,
  recordLeave,
  removeParticipant,
  setAllMuted,
  setLocked,
  setMuted,
  setStage,
} from '../meetings/live-meeting.service.ts';
import { assertInvited } from '../meetings/meeting-access.ts';
import type { Peer } from '../media/peer.ts';
import type { Room } from '../media/room.ts';
import type { Rooms } from '../media/rooms.ts';
import type { Notification, Request, ResponseData } from './protocol.ts';

export interface SessionDeps {
  db: Db;
  rooms: Rooms;
  principal: Principal;
  notify: (n: Notification) => void;
  log: { warn(obj: object, msg: string): void };
}

type Empty = Record<string, never>;
const EMPTY: Empty = {};

export class MeetingSession {
  readonly #d: SessionDeps;
  #joined: { room: Room; peer: Peer } | undefined;

  constructor(deps: SessionDeps) {
    this.#d = deps;
  }

  async handle(req: Request): Promise<ResponseData[Request['method']]> {
    switch (req.method) {
      case 'getRouterRtpCapabilities': {
        await assertInvited(this.#d.db, this.#d.principal, req.data.meetingId);
        return (await this.#openRoom(req.data.meetingId)).rtpCapabilities;
      }
      case 'join':
        return this.#join(req.data.meetingId, req.data.rtpCapabilities, req.data.device);
      case 'createTransport': {
        const { room, peer } = this.#member();
        return room.createTransport(peer, req.data.direction, req.data.forceTcp);
      }
      case 'connectTransport': {
        const { room, peer } = this.#member();
        await room.connectTransport(peer, req.data.transportId, req.data.dtlsParameters);
        return EMPTY;
      }
      case 'restartIce': {
        const { room, peer } = this.#member();
        return { iceParameters: await room.restartIce(peer, req.data.transportId) };
      }
      case 'produce': {
        const { room, peer } = this.#member();
        return room.produce(peer, req.data);
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
        const changed = await setMuted(this.#d.db, room.meetingId, [req.data.userId], req.method === 'mute');
        if (changed.length === 0) throw new AppError('meeting.not_participant');
        await room.setMuted(req.data.userId, req.method === 'mute');
        return EMPTY;
      }
      case 'muteAll': {
        const { room } = this.#chair();
        await room.setAllMuted(req.data.muted, await setAllMuted(this.#d.db, room.meetingId, req.data.muted));
        return EMPTY;
      }
      case 'removeParticipant': {
        const { room, peer } = this.#chair();
        if (req.data.userId === peer.userId) throw new AppError('bad_request');
        if (!(await this.#isParticipant(room, req.data.userId))) throw new AppError('meeting.not_participant');
        await removeParticipant(this.#d.db, room.meetingId, req.data.userId);
        room.remove(req.data.userId);
        return EMPTY;
      }
      case 'lock': {
        const { room } = this.#chair();
        await setLocked(this.#d.db, room.meetingId, req.data.locked);
        room.setLocked(req.data.locked);
        return EMPTY;
      }
      case 'setStage': {
        const { room } = this.#chair();
        const userId = req.data.userId;
        if (userId !== null && !room.peer(userId)) throw new AppError('meeting.not_participant');
        await setStage(this.#d.db, room.meetingId, userId);
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
    await recordLeave(this.#d.db, joined.room.meetingId, joined.peer.userId);
  }

  /** The socket went away: keep the place a while so a reconnect is seamless. */
  disconnected(): void {
    const joined = this.#joined;
    this.#joined = undefined;
    if (!joined) return;
    const { room, peer } = joined;
    room.detach(peer, () => {
      recordLeave(this.#d.db, room.meetingId, peer.userId).catch((err: unknown) => this.#d.log.warn({ err }, 'recording a leave failed'));
    });
  }

  async #join(meetingId: string, rtpCapabilities: unknown, device: string | undefined): Promise<ResponseData['join']> {
    const { db, principal } = this.#d;
    await assertInvited(db, principal, meetingId);
    if (this.#joined) await this.leave();
    // Admission and joining in the meeting's queue: no races on the first join, the lock or a replace.
    return this.#d.rooms.exclusive(meetingId, async () => {
      const participant = await admitParticipant(db, meetingId, principal.id, device);
      const room = await this.#d.rooms.open(meetingId, () => this.#facts(meetingId));
      const { peer, self, participants, room: state } = await room.join({
        profile: { userId: principal.id, username: principal.username, fullName: principal.fullName, title: principal.title, unit: principal.unit },
        device: device ?? null,
        rtpCapabilities: rtpCapabilities as Parameters<Room['join']>[0]['rtpCapabilities'],
        mutedByChair: participant.muted,
        notify: this.#d.notify,
      });
      this.#joined = { room, peer };
      return { self, participants, room: state };
    });
  }

  #openRoom(meetingId: string): Promise<Room> {
    return this.#d.rooms.exclusive(meetingId, () => this.#d.rooms.open(meetingId, () => this.#facts(meetingId)));
  }

  async #facts(meetingId: string) {
    const s = await liveState(this.#d.db, meetingId);
    return { meetingId, chairId: s.chairId, stageUserId: s.stageUserId, locked: s.locked, allMuted: s.allMuted };
  }

  async #isParticipant(room: Room, userId: string): Promise<boolean> {
    return room.peer(userId) !== undefined || (await participantState(this.#d.db, room.meetingId, userId)) !== undefined;
  }

  #member(): { room: Room; peer: Peer } {
    const joined = this.#joined;
    if (!joined || joined.peer.closed || joined.room.closed) throw new AppError('media.not_joined');
    return joined;
  }

  #chair(): { room: Room; peer: Peer } {
    const joined = this.#member();
    if (!joined.peer.isChair) throw new AppError('meeting.not_chair');
    return joined;
  }
}
