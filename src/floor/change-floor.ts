import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { liveState, participantState, setMuted, setStage } from '../meetings/index.ts';
import { decide, FloorRefusal, type FloorAction, type FloorDecision } from './floor-rules.ts';
import { floorRequests } from './floor.table.ts';

export interface FloorChange extends FloorDecision {
  /** Participants whose chair's mute the change lifted (the new holder) or put back (the former one). */
  unmuted: string[];
  muted: string[];
}

/**
 * Applies one floor action in one transaction, one action per meeting at a time: an advisory
 * lock on the meeting serialises raise, grant, next and revoke sent at once from any node (the
 * partial unique indexes would refuse a second holder or a second waiting hand anyway). When
 * the holder changes, the same transaction moves the meeting's stage to them and lets them be
 * heard — the chair's mute is lifted for the holder, and put back on the former holder while
 * the meeting is muted-all — so the stage, the mutes and the floor never disagree in Postgres.
 */
export async function changeFloor(
  db: Tx,
  o: { meetingId: string; action: FloorAction; unitId?: string; by?: string },
): Promise<FloorChange> {
  const { meetingId, action } = o;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`floor:${meetingId}`}, 0))`);
    const active = await tx
      .select({ id: floorRequests.id, userId: floorRequests.userId, status: floorRequests.status, requestedAt: floorRequests.requestedAt })
      .from(floorRequests)
      .where(and(eq(floorRequests.meetingId, meetingId), inArray(floorRequests.status, ['waiting', 'speaking'])));
    let decision: FloorDecision;
    try {
      decision = decide(
        active.map((r) => ({ ...r, status: r.status === 'speaking' ? 'speaking' : 'waiting' })),
        action,
      );
    } catch (err) {
      if (err instanceof FloorRefusal) throw new AppError(err.code);
      throw err;
    }
    const now = new Date();
    for (const ending of decision.end) {
      await tx.update(floorRequests).set({ status: ending.status, endedAt: now }).where(eq(floorRequests.id, ending.id));
    }
    if (decision.raise) {
      if (!o.unitId) throw new Error('changeFloor: raising a hand needs the unit');
      await tx.insert(floorRequests).values({ meetingId, userId: decision.raise, unitId: o.unitId, requestedAt: now });
    }
    if (decision.grant) {
      await tx.update(floorRequests).set({ status: 'speaking', grantedAt: now, grantedBy: o.by ?? null }).where(eq(floorRequests.id, decision.grant));
    }
    const change: FloorChange = { ...decision, unmuted: [], muted: [] };
    if (decision.holderAfter !== decision.holderBefore) await moveStage(tx, meetingId, change);
    return change;
  });
}

async function moveStage(tx: Tx, meetingId: string, change: FloorChange): Promise<void> {
  const { holderBefore, holderAfter } = change;
  await setStage(tx, meetingId, holderAfter);
  if (holderAfter && (await participantState(tx, meetingId, holderAfter))?.muted) {
    change.unmuted = await setMuted(tx, meetingId, [holderAfter], false);
  }
  if (holderBefore) {
    const meeting = await liveState(tx, meetingId);
    if (meeting.allMuted && holderBefore !== meeting.chairId) change.muted = await setMuted(tx, meetingId, [holderBefore], true);
  }
}
