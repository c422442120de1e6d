// Reads what the minutes state from the capabilities that own it: the meeting and its people
// (meetings, auth, org), attendance, the agenda, the floor log and the votes. Only their public
// services are called; a few queries whatever the meeting's size.
import { loadAgenda } from '../agenda/index.ts';
import { attendanceSheet } from '../attendance/index.ts';
import { getPeople } from '../auth/index.ts';
import type { PersonRef } from '../contract/auth.ts';
import type { Vote, Voter } from '../contract/votes.ts';
import type { Tx } from '../db/index.ts';
import { floorLog } from '../floor/index.ts';
import type { MeetingRow } from '../meetings/index.ts';
import { getUnit, getUnits, unitIdsOnPath } from '../org/index.ts';
import { meetingVotes } from '../votes/index.ts';
import { localityOf, type MinutesFacts, type MinutesPerson, type MinutesVote } from './minutes-facts.ts';

const person = (p: Pick<PersonRef, 'fullName' | 'title'>): MinutesPerson => ({ fullName: p.fullName, title: p.title });

/** What the secretary wrote: the meeting's conclusions and those of single items. */
export interface Conclusions {
  meeting: string;
  items: Readonly<Record<string, string>>;
}

export const conclusionsOf = (row: { conclusions: string; itemConclusions: Record<string, string> } | undefined): Conclusions => ({
  meeting: row?.conclusions ?? '',
  items: row?.itemConclusions ?? {},
});

export async function gatherFacts(db: Tx, meeting: MeetingRow, conclusions: Conclusions, final: boolean): Promise<MinutesFacts> {
  const sheetMeeting = { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt.toISOString() };
  const [unit, people, sheet, agenda, floor, votes] = await Promise.all([
    getUnit(db, meeting.organiserUnitId),
    getPeople(db, meeting.secretaryId ? [meeting.chairId, meeting.secretaryId] : [meeting.chairId]),
    attendanceSheet(db, sheetMeeting, meeting.endedAt ?? new Date()),
    loadAgenda(db, meeting.id),
    floorLog(db, meeting.id),
    meetingVotes(db, meeting.id),
  ]);
  if (!unit) throw new Error(`minutes: unit ${meeting.organiserUnitId} does not exist`);
  const ancestors = await getUnits(db, unitIdsOnPath(unit.path));
  const root = ancestors.find((u) => u.parentId === null) ?? unit;
  const parent = unit.parentId ? ancestors.find((u) => u.id === unit.parentId) : undefined;
  const byId = new Map(people.map((p) => [p.id, p]));
  const chair = byId.get(meeting.chairId);
  if (!chair) throw new Error(`minutes: chair ${meeting.chairId} does not exist`);
  const secretary = meeting.secretaryId ? byId.get(meeting.secretaryId) : undefined;

  // Quorum over the whole meeting (everyone has left by its end): invited units anyone came from.
  const attendedUnits = new Set(sheet.attendees.map((a) => a.unit.id));
  const invitedUnits = sheet.units.filter((u) => u.invited);
  const positionOf = new Map(agenda.items.map((i) => [i.id, i.position]));
  // The meeting began when its room first admitted someone (the chair opens it); the schedule
  // is only the plan. Without any presence the scheduled time is all there is.
  const firstJoin = sheet.attendees.flatMap((a) => a.sessions.map((s) => s.joinedAt)).sort()[0];

  return {
    parentUnitName: parent?.name ?? null,
    unitName: unit.name,
    placeName: localityOf(root.name),
    documentDate: (meeting.endedAt ?? meeting.startsAt).toISOString(),
    title: meeting.title,
    startsAt: firstJoin ?? meeting.startsAt.toISOString(),
    endedAt: meeting.endedAt?.toISOString() ?? null,
    place: `Họp trực tuyến; điểm cầu chính: ${unit.name}`,
    chair: person(chair),
    secretary: secretary ? person(secretary) : null,
    attendees: sheet.attendees.map((a) => ({ ...person(a), unitName: a.unit.name, sessions: a.sessions.map(({ joinedAt, leftAt }) => ({ joinedAt, leftAt })) })),
    absentUnits: invitedUnits.filter((u) => !attendedUnits.has(u.unit.id)).map((u) => u.unit.name),
    quorum: { attendedUnits: invitedUnits.filter((u) => attendedUnits.has(u.unit.id)).length, invitedUnits: invitedUnits.length },
    agenda: agenda.items.map((i) => ({
      position: i.position,
      title: i.title,
      presenter: i.presenter ? person(i.presenter) : null,
      conclusion: conclusions.items[i.id]?.trim() || null,
    })),
    floor: floor.map((t) => ({ ...person(t), unitName: t.unit.name, grantedAt: t.grantedAt, endedAt: t.endedAt })),
    votes: votes.map((v) => minutesVote(v, v.agendaItemId ? (positionOf.get(v.agendaItemId) ?? null) : null)),
    conclusions: conclusions.meeting,
    final,
  };
}

function minutesVote(v: Vote, agendaPosition: number | null): MinutesVote {
  const r = v.result;
  const label = (voter: Voter) => (v.eligibility === 'unit' ? `${voter.unit.name} (${voter.fullName})` : `${voter.fullName} (${voter.unit.name})`);
  const names =
    r && v.mode === 'open'
      ? {
          yes: r.voters.filter((x) => x.choice === 'yes').map(label),
          no: r.voters.filter((x) => x.choice === 'no').map(label),
          abstain: r.voters.filter((x) => x.choice === 'abstain').map(label),
        }
      : null;
  return {
    question: v.question,
    agendaPosition,
    mode: v.mode,
    eligibility: v.eligibility,
    result: r ? { counts: r.counts, cast: r.cast, eligible: r.eligible, names } : null,
  };
}
