// A finished meeting in the database for the minutes benchmark: `sites` delegates (one per
// commune or ward, from bench/join-storm's prepared database) who attended, some twice; ~10
// agenda items; a floor turn every tenth site; per item an open vote (one ballot per person,
// names listed in the minutes) and a secret one (one per unit), closed with their results.
import { eq, inArray } from 'drizzle-orm';
import { agendaItems } from '../../src/agenda/agenda.table.ts';
import { attendanceSessions } from '../../src/attendance/attendance.table.ts';
import { users } from '../../src/auth/users.table.ts';
import type { Voter } from '../../src/contract/votes.ts';
import type { Db } from '../../src/db/index.ts';
import { floorRequests } from '../../src/floor/floor.table.ts';
import { meetingInvitations, meetings } from '../../src/meetings/meetings.table.ts';
import { units } from '../../src/org/units.table.ts';
import { votes } from '../../src/votes/votes.table.ts';

const START = Date.parse('2026-03-05T01:30:00Z');
const at = (min: number) => new Date(START + min * 60_000);

async function inChunks<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await insert(rows.slice(i, i + 200));
}

/** Makes an ended meeting of the city with `usernames` attending; returns its id. */
export async function seedEndedMeeting(db: Db, opts: { usernames: readonly string[]; cityUnitId: string; chairId: string; items: number; title: string }): Promise<string> {
  const people = opts.usernames.length
    ? await db
        .select({ id: users.id, fullName: users.fullName, title: users.title, unitId: users.unitId, code: units.code, unitName: units.name })
        .from(users)
        .innerJoin(units, eq(units.id, users.unitId))
        .where(inArray(users.username, [...opts.usernames]))
    : [];
  const [meeting] = await db
    .insert(meetings)
    .values({ title: opts.title, organiserUnitId: opts.cityUnitId, chairId: opts.chairId, createdBy: opts.chairId, startsAt: at(0), status: 'ended', publishedAt: at(-60), endedAt: at(180) })
    .returning({ id: meetings.id });
  if (!meeting) throw new Error('no meeting');
  const meetingId = meeting.id;
  const invited = [...new Set(people.map((p) => p.unitId))];
  await inChunks(
    invited.map((unitId) => ({ meetingId, unitId, includeSubunits: false })),
    (c) => db.insert(meetingInvitations).values(c),
  );
  await inChunks(
    people.flatMap((p, i) =>
      i % 17 === 0
        ? [
            { meetingId, userId: p.id, unitId: p.unitId, device: 'tablet', joinedAt: at(0), leftAt: at(40) },
            { meetingId, userId: p.id, unitId: p.unitId, device: 'tablet', joinedAt: at(45), leftAt: at(180) },
          ]
        : [{ meetingId, userId: p.id, unitId: p.unitId, device: 'tablet', joinedAt: at(i % 5), leftAt: at(180) }],
    ),
    (c) => db.insert(attendanceSessions).values(c),
  );
  const items = await db
    .insert(agendaItems)
    .values(
      Array.from({ length: opts.items }, (_, i) => ({
        meetingId,
        position: i + 1,
        title: `Báo cáo tình hình thực hiện nhiệm vụ phát triển kinh tế – xã hội, lĩnh vực số ${i + 1}`,
        presenterId: opts.chairId,
        plannedMinutes: 15,
      })),
    )
    .returning({ id: agendaItems.id });
  await inChunks(
    people
      .filter((_, i) => i % 10 === 0)
      .map((p, i) => ({ meetingId, userId: p.id, unitId: p.unitId, status: 'done' as const, requestedAt: at(5 + i), grantedAt: at(6 + i), endedAt: at(7 + i), grantedBy: opts.chairId })),
    (c) => db.insert(floorRequests).values(c),
  );
  const voter = (p: (typeof people)[number], choice: Voter['choice']): Voter => ({
    userId: p.id,
    fullName: p.fullName,
    title: p.title,
    unit: { id: p.unitId, code: p.code, name: p.unitName },
    choice,
  });
  await inChunks(
    items.flatMap((item, n) => {
      const choices = people.map((_, j) => (j % 10 === n % 10 ? ('no' as const) : j % 13 === 0 ? ('abstain' as const) : ('yes' as const)));
      const counts = { yes: choices.filter((c) => c === 'yes').length, no: choices.filter((c) => c === 'no').length, abstain: choices.filter((c) => c === 'abstain').length };
      const common = { meetingId, agendaItemId: item.id, status: 'closed' as const, openedAt: at(60 + n), openedBy: opts.chairId, closedAt: at(61 + n), closedBy: opts.chairId };
      return [
        { ...common, question: `Thông qua nội dung số ${n + 1}?`, mode: 'open' as const, eligibility: 'person' as const, result: { counts, cast: people.length, eligible: people.length, voters: people.map((p, j) => voter(p, choices[j] ?? null)) } },
        { ...common, question: `Thông qua kinh phí nội dung số ${n + 1}?`, mode: 'secret' as const, eligibility: 'unit' as const, result: { counts, cast: people.length, eligible: people.length, voters: people.map((p) => voter(p, null)) } },
      ];
    }),
    (c) => db.insert(votes).values(c),
  );
  return meetingId;
}
