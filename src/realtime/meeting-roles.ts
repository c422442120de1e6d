// Who the caller is in a meeting, for handlers of capabilities the chair runs (floor, votes):
// read from Postgres on each request, so any node decides the same.
import { AppError } from '../errors/index.ts';
import { liveState, type LiveState } from '../meetings/index.ts';
import { isPresent } from '../attendance/index.ts';
import type { RequestContext } from './request-context.ts';

/** The meeting, when the caller chairs it (meeting.not_chair otherwise, meeting.not_found when none). */
export async function assertChair(ctx: RequestContext, meetingId: string): Promise<LiveState> {
  const meeting = await liveState(ctx.db, meetingId);
  if (meeting.chairId !== ctx.principal.id) throw new AppError('meeting.not_chair');
  return meeting;
}

/** The caller is in the meeting room now (which only an invited person can be). */
export async function assertPresent(ctx: RequestContext, meetingId: string): Promise<void> {
  await ctx.facts.assertInvited(ctx.principal, meetingId);
  if (!(await isPresent(ctx.db, meetingId, ctx.principal.id))) throw new AppError('attendance.not_present');
}
