// Meetings: scheduling (edit, reschedule, publish, cancel, end, close), who is invited and who
// sees what, and the facts of a live meeting (attendance, mute, lock, stage) that the media
// plane acts on. Above auth, org and notifications, whose services it calls.
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
export { invitationsOf } from './invitations-of.ts';
export { assertInvited, getMeetingFor, listMeetingsFor, type ListOptions } from './meeting-access.ts';
export type { MeetingDeps, MeetingRooms, MeetingRoutesOptions } from './meeting-deps.ts';
export { MeetingLifecycle, type AfterCommit, type CloseIn, type ClosingHandler, type EndedListener } from './meeting-lifecycle.ts';
export { managesMeeting } from './meeting-managers.ts';
export { isChair, isOrganiser, isSecretary } from './meeting-visibility.ts';
export type { MeetingParticipantRow, MeetingRow } from './meetings.table.ts';
export { meetingRoutes } from './routes.ts';
