// What the floor, votes and attendance do when a meeting ends (the chair's "end", or a cancel):
// every presence closes at the end time, hands go down and the floor ends, a vote still open is
// closed with its result frozen and the audience told. Called by whatever ends the meeting —
// scheduling's MeetingRooms.endMeeting, wired in app.ts — after the status is `ended`.
import { closeAllAttendance } from '../attendance/index.ts';
import type { Pusher } from '../contract/realtime.ts';
import type { Db } from '../db/index.ts';
import { endFloor } from '../floor/index.ts';
import { liveState } from '../meetings/index.ts';
import { closeOpenVotes, toVote } from '../votes/index.ts';

export async function settleEndedMeeting(db: Db, pusher: Pusher, meetingId: string, at: Date = new Date()): Promise<void> {
  await closeAllAttendance(db, meetingId, at);
  await endFloor(db, meetingId, at);
  const { chairId } = await liveState(db, meetingId);
  for (const vote of await closeOpenVotes(db, meetingId, chairId)) pusher.toMeeting(meetingId, { method: 'voteClosed', data: toVote(vote) });
}
