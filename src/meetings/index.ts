// Meetings: scheduling, who is invited, and the facts of a live meeting (attendance, mute, lock,
// stage) that the media plane acts on. Above auth and org, whose services it calls.
export {
  admitParticipant,
  liveState,
  participantState,
  recordLeave,
  removeParticipant,
  setAllMuted,
  setLocked,
  setMuted,
  setStage,
  type LiveState,
} from './live-meeting.service.ts';
export { assertInvited, getMeetingFor, listMeetingsFor } from './meeting-access.ts';
export { managesMeeting } from './meeting-managers.ts';
export type { MeetingParticipantRow, MeetingRow } from './meetings.table.ts';
export { meetingRoutes } from './routes.ts';
