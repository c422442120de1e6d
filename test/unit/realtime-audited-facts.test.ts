// A connection's facts port with the audit wrapped around it: joins, leaves and removals are
// recorded as events of the connection's user, only once the database has recorded the fact.
import { describe, expect, it } from 'vitest';
import type { AuditEventInput, AuditSink } from '../../src/audit/index.ts';
import type { Principal } from '../../src/auth/principal.ts';
import { AppError } from '../../src/errors/app-error.ts';
import { auditedFacts } from '../../src/realtime/audited-facts.ts';
import type { MeetingFacts } from '../../src/realtime/meeting-facts.ts';

const MEETING = '00000000-0000-4000-8000-000000000001';
const CHAIR = '00000000-0000-4000-8000-0000000000c1';
const MEMBER = '00000000-0000-4000-8000-0000000000a1';
const UNIT = '00000000-0000-4000-8000-0000000000e1';

const chair: Principal = {
  id: CHAIR,
  username: 'city.leader',
  fullName: 'Chair',
  title: null,
  roles: ['leader'],
  unit: { id: UNIT, code: 'HN', name: 'City', level: 'city', path: `/${UNIT}/` },
};

function setup() {
  const events: AuditEventInput[] = [];
  const sink: AuditSink = { record: (e) => void events.push(e) };
  let fail = false;
  const write = async () => {
    if (fail) throw new AppError('meeting.locked');
  };
  const facts: MeetingFacts = {
    assertInvited: async () => {},
    admit: async () => (await write(), { muted: false }),
    liveState: async (meetingId) => ({ meetingId, chairId: CHAIR, stageUserId: null, locked: false, allMuted: false }),
    isParticipant: async () => true,
    recordLeave: write,
    setMuted: async () => [],
    setAllMuted: async () => [],
    remove: write,
    setLocked: write,
    setStage: write,
  };
  return { events, facts: auditedFacts(facts, sink, chair), failWrites: (f: boolean) => (fail = f) };
}

describe('auditedFacts', () => {
  it('records a join, a leave and a removal as the connection’s user acting for their unit', async () => {
    const { events, facts } = setup();
    await facts.admit(MEETING, { userId: CHAIR, unitId: UNIT }, 'tablet');
    await facts.remove(MEETING, MEMBER);
    await facts.recordLeave(MEETING, CHAIR);
    const actor = { userId: CHAIR, unitId: UNIT };
    const subject = { kind: 'meeting', id: MEETING };
    expect(events).toEqual([
      { action: 'meeting.join', actor, subject, details: { userId: undefined, device: 'tablet' } },
      { action: 'meeting.remove', actor, subject, details: { userId: MEMBER } },
      { action: 'meeting.leave', actor, subject, details: { userId: undefined } },
    ]);
  });

  it('records nothing the database refused, and nothing for moderation it does not audit', async () => {
    const { events, facts, failWrites } = setup();
    failWrites(true);
    await expect(facts.admit(MEETING, { userId: CHAIR, unitId: UNIT }, undefined)).rejects.toThrow('meeting.locked');
    await expect(facts.remove(MEETING, MEMBER)).rejects.toThrow();
    await expect(facts.recordLeave(MEETING, CHAIR)).rejects.toThrow();
    failWrites(false);
    await facts.setLocked(MEETING, true);
    await facts.setStage(MEETING, MEMBER);
    expect(events).toEqual([]);
  });
});
