import { eq } from 'drizzle-orm';
import type { Tx } from '../db/index.ts';
import { meetingInvitations } from './meetings.table.ts';

/**
 * A meeting's invitations as stored (each unit alone, or with its whole subtree), for
 * capabilities that count invited units (attendance's quorum, one ballot per unit). Access is
 * the caller's business: this answers for any meeting.
 */
export async function invitationsOf(db: Tx, meetingId: string): Promise<{ unitId: string; includeSubunits: boolean }[]> {
  return db
    .select({ unitId: meetingInvitations.unitId, includeSubunits: meetingInvitations.includeSubunits })
    .from(meetingInvitations)
    .where(eq(meetingInvitations.meetingId, meetingId));
}
