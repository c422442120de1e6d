import { asc, eq } from 'drizzle-orm';
import { getPeople } from '../auth/index.ts';
import type { AttendanceSheet, Attendee } from '../contract/attendance.ts';
import type { UnitRef } from '../contract/units.ts';
import type { Tx } from '../db/index.ts';
import { getUnits } from '../org/index.ts';
import { attendanceSessions } from './attendance.table.ts';
import { invitedUnitIds } from './invited-units.ts';
import { computeQuorum } from './quorum.ts';

export interface SheetMeeting {
  id: string;
  title: string;
  startsAt: string;
}

/**
 * Everyone who came (every session, by unit code then name), the invited units present or
 * absent, and the quorum now. Access is the caller's decision.
 */
export async function attendanceSheet(db: Tx, meeting: SheetMeeting, now: Date = new Date()): Promise<AttendanceSheet> {
  const sessions = await db
    .select()
    .from(attendanceSessions)
    .where(eq(attendanceSessions.meetingId, meeting.id))
    .orderBy(asc(attendanceSessions.joinedAt), asc(attendanceSessions.id));
  const invited = await invitedUnitIds(db, meeting.id);
  const [people, units] = await Promise.all([
    getPeople(db, sessions.map((s) => s.userId)),
    getUnits(db, [...invited, ...sessions.map((s) => s.unitId)]),
  ]);
  const personById = new Map(people.map((p) => [p.id, p]));
  const unitById = new Map<string, UnitRef>(units.map(({ id, code, name }) => [id, { id, code, name }]));
  const unitOf = (id: string): UnitRef => unitById.get(id) ?? missing(`unit ${id}`);

  const byUser = new Map<string, Attendee>();
  for (const s of sessions) {
    const person = personById.get(s.userId) ?? missing(`user ${s.userId}`);
    const seconds = Math.max(0, Math.round(((s.leftAt ?? now).getTime() - s.joinedAt.getTime()) / 1000));
    const entry = byUser.get(s.userId);
    const session = { joinedAt: s.joinedAt.toISOString(), leftAt: s.leftAt?.toISOString() ?? null, device: s.device };
    if (entry) {
      entry.sessions.push(session);
      entry.totalSeconds += seconds;
      entry.present ||= s.leftAt === null;
      entry.unit = unitOf(s.unitId); // the latest session's site
    } else {
      byUser.set(s.userId, {
        userId: s.userId,
        fullName: person.fullName,
        title: person.title,
        unit: unitOf(s.unitId),
        present: s.leftAt === null,
        totalSeconds: seconds,
        sessions: [session],
      });
    }
  }
  const attendees = [...byUser.values()].sort((a, b) => compareText(a.unit.code, b.unit.code) || a.fullName.localeCompare(b.fullName, 'vi'));
  const open = sessions.filter((s) => s.leftAt === null);
  const presentUnits = new Set(open.map((s) => s.unitId));
  const unitIds = new Set([...invited, ...sessions.map((s) => s.unitId)]);
  const unitRows = [...unitIds]
    .map((id) => ({ unit: unitOf(id), invited: invited.has(id), present: presentUnits.has(id) }))
    .sort((a, b) => compareText(a.unit.code, b.unit.code));

  return {
    meeting,
    generatedAt: now.toISOString(),
    quorum: computeQuorum(invited, open),
    attendees,
    units: unitRows,
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function missing(what: string): never {
  throw new Error(`attendance: ${what} does not exist`);
}
