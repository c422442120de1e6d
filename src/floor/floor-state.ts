import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { getPeople } from '../auth/index.ts';
import type { Delegate } from '../contract/attendance.ts';
import type { FloorEntry, FloorLogEntry, FloorState } from '../contract/floor.ts';
import type { Tx } from '../db/index.ts';
import { getUnits } from '../org/index.ts';
import { queueOrder } from './floor-rules.ts';
import { floorRequests, type FloorRequestRow } from './floor.table.ts';

/** The holder and the queue as everyone sees them. */
export async function floorState(db: Tx, meetingId: string): Promise<FloorState> {
  const rows = await db
    .select()
    .from(floorRequests)
    .where(and(eq(floorRequests.meetingId, meetingId), inArray(floorRequests.status, ['waiting', 'speaking'])));
  const who = await delegates(db, rows);
  const entry = (r: FloorRequestRow): FloorEntry => ({ ...who(r), requestId: r.id, requestedAt: r.requestedAt.toISOString() });
  const holder = rows.find((r) => r.status === 'speaking');
  return {
    meetingId,
    holder: holder ? { ...entry(holder), grantedAt: (holder.grantedAt ?? holder.requestedAt).toISOString() } : null,
    queue: rows
      .filter((r) => r.status === 'waiting')
      .sort(queueOrder)
      .map(entry),
  };
}

/** Who held the floor, when and until when, in order (the minutes' floor log). */
export async function floorLog(db: Tx, meetingId: string): Promise<FloorLogEntry[]> {
  const rows = await db
    .select()
    .from(floorRequests)
    .where(and(eq(floorRequests.meetingId, meetingId), isNotNull(floorRequests.grantedAt)))
    .orderBy(asc(floorRequests.grantedAt), asc(floorRequests.id));
  const who = await delegates(db, rows);
  return rows.map((r) => ({
    ...who(r),
    requestId: r.id,
    requestedAt: r.requestedAt.toISOString(),
    grantedAt: (r.grantedAt ?? r.requestedAt).toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
    status: r.status,
  }));
}

/** The floor holder's user id, or null (a room rebuilt after a restart reads it). */
export async function currentHolder(db: Tx, meetingId: string): Promise<string | null> {
  const [row] = await db
    .select({ userId: floorRequests.userId })
    .from(floorRequests)
    .where(and(eq(floorRequests.meetingId, meetingId), eq(floorRequests.status, 'speaking')))
    .limit(1);
  return row?.userId ?? null;
}

async function delegates(db: Tx, rows: readonly FloorRequestRow[]): Promise<(r: FloorRequestRow) => Delegate> {
  const [people, units] = await Promise.all([getPeople(db, rows.map((r) => r.userId)), getUnits(db, rows.map((r) => r.unitId))]);
  const personById = new Map(people.map((p) => [p.id, p]));
  const unitById = new Map(units.map(({ id, code, name }) => [id, { id, code, name }]));
  return (r) => {
    const person = personById.get(r.userId);
    const unit = unitById.get(r.unitId);
    if (!person || !unit) throw new Error(`floor: request ${r.id} names a user or unit that does not exist`);
    return { userId: r.userId, fullName: person.fullName, title: person.title, unit };
  };
}
