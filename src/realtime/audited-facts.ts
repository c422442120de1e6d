// Attendance and removals as audit events: the facts port of one connection, wrapped so that
// each join (admission), leave and removal the database records is also chained in the audit
// log, with the connection's user as the actor. Fire-and-forget (AuditRecorder): these facts
// have no transaction of their own to record the event in. src/media never sees any of it.
import { actorOf, type AuditSink } from '../audit/index.ts';
import type { Principal } from '../auth/index.ts';
import type { MeetingFacts } from './meeting-facts.ts';

export function auditedFacts(facts: MeetingFacts, audit: AuditSink, principal: Principal): MeetingFacts {
  const actor = actorOf(principal);
  const meeting = (id: string) => ({ kind: 'meeting', id }) as const;
  return {
    assertInvited: (p, meetingId) => facts.assertInvited(p, meetingId),
    admit: async (meetingId, who, device) => {
      const admitted = await facts.admit(meetingId, who, device);
      audit.record({ action: 'meeting.join', actor, subject: meeting(meetingId), details: { userId: other(who.userId), device } });
      return admitted;
    },
    liveState: (meetingId) => facts.liveState(meetingId),
    isParticipant: (meetingId, userId) => facts.isParticipant(meetingId, userId),
    recordLeave: async (meetingId, userId, at) => {
      await facts.recordLeave(meetingId, userId, at);
      audit.record({ action: 'meeting.leave', actor, subject: meeting(meetingId), details: { userId: other(userId) } });
    },
    setMuted: (meetingId, userIds, muted) => facts.setMuted(meetingId, userIds, muted),
    setAllMuted: (meetingId, muted) => facts.setAllMuted(meetingId, muted),
    remove: async (meetingId, userId) => {
      await facts.remove(meetingId, userId);
      audit.record({ action: 'meeting.remove', actor, subject: meeting(meetingId), details: { userId } });
    },
    setLocked: (meetingId, locked) => facts.setLocked(meetingId, locked),
    setStage: (meetingId, userId) => facts.setStage(meetingId, userId),
  };

  /** A session joins and leaves as its own user; name the user only if that ever differs. */
  function other(userId: string): string | undefined {
    return userId === principal.id ? undefined : userId;
  }
}
