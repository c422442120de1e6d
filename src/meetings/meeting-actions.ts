import type { Principal } from '../auth/index.ts';
import { MEETING_ACTIONS, type MeetingAction, type MeetingStatus } from '../contract/meetings.ts';
import { AppError, type ProblemCode } from '../errors/index.ts';
import type { MeetingRow } from './meetings.table.ts';
import { isChair, isOrganiser, isSecretary } from './meeting-visibility.ts';

// Who may do what to a meeting, and in which status: one table serves the detail's `actions`
// (what the page offers) and the check each use case makes (what the server allows), so the
// page never offers what the server would refuse.

type Subject = Pick<MeetingRow, 'status' | 'chairId' | 'secretaryId' | 'organiserUnitId'>;

interface Gate {
  who(m: Subject, principal: Principal): boolean;
  notWho: ProblemCode;
  statuses: readonly MeetingStatus[];
  notStatus: ProblemCode;
}

const GATES: Record<MeetingAction, Gate> = {
  // Edit covers rescheduling, the chair, the secretary and the invitation list.
  edit: { who: isOrganiser, notWho: 'meeting.not_organiser', statuses: ['draft', 'scheduled'], notStatus: 'meeting.not_editable' },
  publish: { who: isOrganiser, notWho: 'meeting.not_organiser', statuses: ['draft'], notStatus: 'meeting.not_draft' },
  // A live meeting is ended by its chair, not cancelled: what happened in it stays on record.
  cancel: { who: isOrganiser, notWho: 'meeting.not_organiser', statuses: ['draft', 'scheduled'], notStatus: 'meeting.not_editable' },
  end: { who: isChair, notWho: 'meeting.not_chair', statuses: ['live'], notStatus: 'meeting.not_live' },
  // The secretary takes the minutes; the organisers close it when there is none (or they are away).
  close: { who: (m, p) => isSecretary(m, p) || isOrganiser(m, p), notWho: 'meeting.not_secretary', statuses: ['ended'], notStatus: 'meeting.not_ended' },
};

/** What `principal` may do to the meeting now. */
export function allowedActions(m: Subject, principal: Principal): MeetingAction[] {
  return MEETING_ACTIONS.filter((a) => GATES[a].who(m, principal) && GATES[a].statuses.includes(m.status));
}

/** Refuses with the role's code first (the caller cannot ever), then the status's (not now). */
export function assertAllowed(m: Subject, principal: Principal, action: MeetingAction): void {
  const gate = GATES[action];
  if (!gate.who(m, principal)) throw new AppError(gate.notWho);
  if (!gate.statuses.includes(m.status)) throw new AppError(gate.notStatus, { extra: { meetingStatus: m.status } });
}
