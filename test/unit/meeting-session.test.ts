// MeetingSession with a fake meeting-facts port (no database) and a fake room (no mediasoup):
// who may moderate, that a decision is recorded before the room acts on it, and that the room's
// events and errors reach the client in the words of the protocol.
import type { IceParameters, RtpCapabilities } from 'mediasoup/types';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/auth/principal.ts';
import type { MediaRequest, Notification } from '../../src/contract/realtime.ts';
import { AppError } from '../../src/errors/app-error.ts';
import { MediaError, type JoinOptions, type PeerEventListener, type RoomFacts } from '../../src/media/index.ts';
import type { MeetingFacts } from '../../src/realtime/meeting-facts.ts';
import { MeetingSession } from '../../src/realtime/meeting-session.ts';
import type { SessionRoom, SessionRooms } from '../../src/realtime/session-rooms.ts';

const MEETING = '00000000-0000-4000-8000-000000000001';
const CHAIR = '00000000-0000-4000-8000-0000000000c1';
const MEMBER = '00000000-0000-4000-8000-0000000000a1';
const OTHER = '00000000-0000-4000-8000-0000000000b1';

const principal = (id: string): Principal => ({
  id,
  username: id === CHAIR ? 'city.leader' : 'd01.member',
  fullName: 'Someone',
  title: null,
  roles: ['member'],
  unit: { id: 'unit', code: 'U', name: 'Unit', level: 'city', path: 'u' },
});

interface FakePeer {
  userId: string;
  isChair: boolean;
  closed: boolean;
}

/** The order in which the database and the room were asked to do things. */
type Log = string[];

class FakeFacts implements MeetingFacts {
  invited = true;
  participants = new Set([CHAIR, MEMBER, OTHER]);
  failWrites = false;
  readonly log: Log;
  constructor(log: Log) {
    this.log = log;
  }
  async assertInvited(): Promise<void> {
    if (!this.invited) throw new AppError('meeting.not_invited');
  }
  /** Who was admitted, with the unit attendance records them for. */
  readonly admitted: { userId: string; unitId: string }[] = [];
  /** When each recorded leave says the participant left. */
  readonly leftAt: (Date | undefined)[] = [];
  async admit(_m: string, who: { userId: string; unitId: string }): Promise<{ muted: boolean }> {
    const { userId } = who;
    this.admitted.push(who);
    this.log.push(`db:admit ${userId}`);
    return { muted: userId === OTHER };
  }
  async liveState(meetingId: string): Promise<RoomFacts> {
    return { meetingId, chairId: CHAIR, stageUserId: null, locked: false, allMuted: false };
  }
  async isParticipant(_m: string, userId: string): Promise<boolean> {
    return this.participants.has(userId);
  }
  async recordLeave(_m: string, userId: string, at?: Date): Promise<void> {
    this.leftAt.push(at);
    this.log.push(`db:leave ${userId}`);
  }
  async setMuted(_m: string, userIds: readonly string[], muted: boolean): Promise<string[]> {
    this.#write();
    this.log.push(`db:${muted ? 'mute' : 'unmute'} ${userIds.join()}`);
    return userIds.filter((u) => this.participants.has(u));
  }
  async setAllMuted(_m: string, muted: boolean): Promise<string[]> {
    this.#write();
    this.log.push(`db:muteAll ${muted}`);
    return [...this.participants].filter((u) => u !== CHAIR);
  }
  async remove(_m: string, userId: string): Promise<void> {
    this.#write();
    this.log.push(`db:remove ${userId}`);
  }
  async setLocked(_m: string, locked: boolean): Promise<void> {
    this.#write();
    this.log.push(`db:lock ${locked}`);
  }
  async setStage(_m: string, userId: string | null): Promise<void> {
    this.#write();
    this.log.push(`db:stage ${userId}`);
  }
  #write(): void {
    if (this.failWrites) throw new Error('database gone');
  }
}

class FakeRoom implements SessionRoom<FakePeer> {
  readonly meetingId = MEETING;
  closed = false;
  readonly rtpCapabilities = { codecs: [] } as RtpCapabilities;
  readonly peers = new Map<string, FakePeer>();
  readonly listeners = new Map<string, PeerEventListener>();
  joins: JoinOptions[] = [];
  detached: (() => void) | undefined;
  /** What resumeProducer answers, for the error translation. */
  resumeError: unknown;
  readonly log: Log;
  constructor(log: Log) {
    this.log = log;
  }

  peer(userId: string) {
    return this.peers.get(userId);
  }
  async join(o: JoinOptions) {
    this.joins.push(o);
    const peer = { userId: o.profile.userId, isChair: o.profile.userId === CHAIR, closed: false };
    this.peers.set(peer.userId, peer);
    this.listeners.set(peer.userId, o.notify);
    this.log.push(`room:join ${peer.userId}`);
    const self = { ...o.profile, device: o.device, isChair: peer.isChair, mutedByChair: o.mutedByChair, sending: { mic: false, camera: false, screen: false } };
    const room = { meetingId: MEETING, chairId: CHAIR, stageUserId: CHAIR, locked: false, allMuted: false, thumbnailPage: 0, thumbnailPageSize: 6 };
    return { peer, self, participants: [self], room };
  }
  leave(peer: FakePeer) {
    this.peers.delete(peer.userId);
    peer.closed = true;
    this.log.push(`room:leave ${peer.userId}`);
  }
  detach(_peer: FakePeer, onExpired: () => void) {
    this.detached = onExpired;
  }
  async createTransport() {
    this.log.push('room:createTransport');
    return { id: 't1', iceParameters: {} as IceParameters, iceCandidates: [], dtlsParameters: { fingerprints: [] } };
  }
  async connectTransport() {}
  async restartIce() {
    return {} as IceParameters;
  }
  async produce() {
    return { producerId: 'p1', paused: false };
  }
  closeProducer() {}
  async pauseProducer() {}
  async resumeProducer() {
    if (this.resumeError) throw this.resumeError;
  }
  async resumeConsumer() {}
  async setConsumerPreferredLayers() {}
  setThumbnailPage() {}
  async setMuted(userId: string, muted: boolean) {
    this.log.push(`room:${muted ? 'mute' : 'unmute'} ${userId}`);
  }
  async setAllMuted(allMuted: boolean, userIds: readonly string[]) {
    this.log.push(`room:muteAll ${allMuted} ${userIds.join()}`);
  }
  setLocked(locked: boolean) {
    this.log.push(`room:lock ${locked}`);
  }
  setStage(userId: string | null) {
    this.log.push(`room:stage ${userId}`);
  }
  remove(userId: string) {
    this.log.push(`room:remove ${userId}`);
  }
}

class FakeRooms implements SessionRooms<FakePeer> {
  opened = 0;
  readonly room: FakeRoom;
  constructor(room: FakeRoom) {
    this.room = room;
  }
  exclusive<T>(_meetingId: string, fn: () => Promise<T>): Promise<T> {
    return fn();
  }
  async open(meetingId: string, facts: () => Promise<RoomFacts>) {
    this.opened++;
    await facts();
    expect(meetingId).toBe(MEETING);
    return this.room;
  }
}

function setup() {
  const log: Log = [];
  const facts = new FakeFacts(log);
  const room = new FakeRoom(log);
  const rooms = new FakeRooms(room);
  const session = (userId: string) => {
    const sent: Notification[] = [];
    const s = new MeetingSession({ facts, rooms, principal: principal(userId), notify: (n) => sent.push(n), log: { warn() {} } });
    const ask = (req: MediaRequest) => s.handle(req);
    const join = () => ask({ method: 'join', data: { meetingId: MEETING, rtpCapabilities: {}, device: 'tablet' } });
    return { session: s, sent, ask, join };
  };
  return { log, facts, room, rooms, session };
}

/** The catalogue code a request was refused with. */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).code;
  }
  throw new Error('the request was not refused');
}

describe('MeetingSession', () => {
  it('refuses media requests before the participant joined', async () => {
    const { session } = setup();
    const member = session(MEMBER);
    expect(await refusal(member.ask({ method: 'createTransport', data: { direction: 'send' } }))).toBe('media.not_joined');
    expect(await refusal(member.ask({ method: 'mute', data: { userId: OTHER } }))).toBe('media.not_joined');
  });

  it('joins only the invited, admitted first, with the mute the database holds', async () => {
    const { session, facts, room, log } = setup();
    facts.invited = false;
    expect(await refusal(session(MEMBER).join())).toBe('meeting.not_invited');
    expect(log).toEqual([]);

    facts.invited = true;
    const joined = await session(OTHER).join();
    expect(log).toEqual([`db:admit ${OTHER}`, `room:join ${OTHER}`]);
    expect(room.joins[0]).toMatchObject({ mutedByChair: true, device: 'tablet', profile: { userId: OTHER, unit: { id: 'unit', code: 'U', name: 'Unit' } } });
    // Only the unit's public fields leave the server, not the principal's scope path.
    expect(room.joins[0]?.profile.unit).not.toHaveProperty('path');
    expect(joined).toMatchObject({ self: { userId: OTHER, mutedByChair: true } });
  });

  it('lets only the chair moderate; a member’s mute reaches neither the database nor the room', async () => {
    const { session, log } = setup();
    const member = session(MEMBER);
    await member.join();
    log.length = 0;
    for (const req of [
      { method: 'mute', data: { userId: OTHER } },
      { method: 'unmute', data: { userId: OTHER } },
      { method: 'muteAll', data: { muted: true } },
      { method: 'removeParticipant', data: { userId: OTHER } },
      { method: 'lock', data: { locked: true } },
      { method: 'setStage', data: { userId: MEMBER } },
    ] as const) {
      expect(await refusal(member.ask(req))).toBe('meeting.not_chair');
    }
    expect(log).toEqual([]);
  });

  it('records the chair’s decisions in the database before the room acts on them', async () => {
    const { session, log, room } = setup();
    const chair = session(CHAIR);
    await chair.join();
    room.peers.set(MEMBER, { userId: MEMBER, isChair: false, closed: false });
    log.length = 0;
    await chair.ask({ method: 'mute', data: { userId: MEMBER } });
    await chair.ask({ method: 'muteAll', data: { muted: true } });
    await chair.ask({ method: 'lock', data: { locked: true } });
    await chair.ask({ method: 'setStage', data: { userId: MEMBER } });
    await chair.ask({ method: 'removeParticipant', data: { userId: MEMBER } });
    expect(log).toEqual([
      `db:mute ${MEMBER}`,
      `room:mute ${MEMBER}`,
      'db:muteAll true',
      `room:muteAll true ${MEMBER},${OTHER}`,
      'db:lock true',
      'room:lock true',
      `db:stage ${MEMBER}`,
      `room:stage ${MEMBER}`,
      `db:remove ${MEMBER}`,
      `room:remove ${MEMBER}`,
    ]);
  });

  it('leaves the room untouched when the database refuses or does not know the participant', async () => {
    const { session, log, facts } = setup();
    const chair = session(CHAIR);
    await chair.join();
    log.length = 0;
    facts.failWrites = true;
    expect(await refusal(chair.ask({ method: 'mute', data: { userId: MEMBER } }))).toBe('internal');
    expect(await refusal(chair.ask({ method: 'lock', data: { locked: true } }))).toBe('internal');
    facts.failWrites = false;
    const stranger = '00000000-0000-4000-8000-0000000000f1';
    expect(await refusal(chair.ask({ method: 'mute', data: { userId: stranger } }))).toBe('meeting.not_participant');
    expect(await refusal(chair.ask({ method: 'removeParticipant', data: { userId: stranger } }))).toBe('meeting.not_participant');
    expect(await refusal(chair.ask({ method: 'setStage', data: { userId: stranger } }))).toBe('meeting.not_participant');
    expect(await refusal(chair.ask({ method: 'removeParticipant', data: { userId: CHAIR } }))).toBe('bad_request');
    expect(log.filter((l) => l.startsWith('room:'))).toEqual([]);
  });

  it('answers the room’s errors with catalogue codes', async () => {
    const { session, room } = setup();
    const member = session(MEMBER);
    await member.join();
    room.resumeError = new MediaError('muted-by-chair');
    expect(await refusal(member.ask({ method: 'resumeProducer', data: { producerId: 'p1' } }))).toBe('meeting.muted_by_chair');
    room.resumeError = new MediaError('limit');
    expect(await refusal(member.ask({ method: 'resumeProducer', data: { producerId: 'p1' } }))).toBe('media.limit');
    room.resumeError = new MediaError('room-closed');
    expect(await refusal(member.ask({ method: 'resumeProducer', data: { producerId: 'p1' } }))).toBe('media.unavailable');
  });

  it('passes the room’s events to the socket as protocol notifications', async () => {
    const { session, room } = setup();
    const member = session(MEMBER);
    await member.join();
    const tell = room.listeners.get(MEMBER);
    tell?.({ type: 'consumer-role-changed', consumerId: 'c1', role: 'stage' });
    tell?.({ type: 'muted-by-chair', muted: true });
    tell?.({ type: 'left', reason: 'removed' });
    tell?.({ type: 'rejoin' });
    expect(member.sent).toEqual([
      { method: 'consumerUpdated', data: { consumerId: 'c1', role: 'stage' } },
      { method: 'mutedByChair', data: { muted: true } },
      { method: 'closed', data: { reason: 'removed' } },
      { method: 'rejoin', data: { reason: 'media-restart' } },
    ]);
  });

  it('keeps the place of a dropped connection and records the leave only when the grace ran out, dated when the link went', async () => {
    const { session, log, room, facts } = setup();
    const member = session(MEMBER);
    await member.join();
    log.length = 0;
    const before = Date.now();
    member.session.disconnected();
    expect(log).toEqual([]);
    await new Promise((r) => setTimeout(r, 30));
    room.detached?.();
    await Promise.resolve();
    expect(log).toEqual([`db:leave ${MEMBER}`]);
    const at = facts.leftAt[0]?.getTime() ?? NaN;
    expect(at - before).toBeLessThan(20);
    expect(await refusal(member.ask({ method: 'createTransport', data: { direction: 'recv' } }))).toBe('media.not_joined');
  });

  it('joins the same meeting again without a leave: attendance, a raised hand and the floor carry on', async () => {
    const { session, log, facts } = setup();
    const member = session(MEMBER);
    await member.join();
    await member.join();
    expect(log).toEqual([`db:admit ${MEMBER}`, `room:join ${MEMBER}`, `db:admit ${MEMBER}`, `room:join ${MEMBER}`]);
    expect(facts.admitted).toEqual([
      { userId: MEMBER, unitId: 'unit' },
      { userId: MEMBER, unitId: 'unit' },
    ]);
  });

  it('leaves for good at once when the sign-in ends, and serves nothing after (issue 9.5)', async () => {
    const { session, log, room } = setup();
    const member = session(MEMBER);
    await member.join();
    log.length = 0;
    member.session.end();
    await Promise.resolve();
    expect(log).toEqual([`room:leave ${MEMBER}`, `db:leave ${MEMBER}`]);
    expect(room.detached).toBeUndefined();
    expect(await refusal(member.join())).toBe('auth.unauthenticated');
    expect(await refusal(member.ask({ method: 'createTransport', data: { direction: 'recv' } }))).toBe('auth.unauthenticated');
  });

  it('a join in flight when the sign-in ends leaves as soon as it lands', async () => {
    const { session, log, room } = setup();
    const member = session(MEMBER);
    const joining = member.join();
    member.session.end();
    expect(await refusal(joining)).toBe('auth.unauthenticated');
    expect(room.peers.has(MEMBER)).toBe(false);
    expect(log.slice(-2)).toEqual([`room:leave ${MEMBER}`, `db:leave ${MEMBER}`]);
  });

  it('leaves for good on request: out of the room, then the attendance', async () => {
    const { session, log } = setup();
    const member = session(MEMBER);
    await member.join();
    log.length = 0;
    await member.ask({ method: 'leave', data: {} });
    expect(log).toEqual([`room:leave ${MEMBER}`, `db:leave ${MEMBER}`]);
  });
});
