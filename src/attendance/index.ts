// Attendance (issue 10.6): presences per person and site in Postgres (realtime opens and closes
// them), who is present now, quorum over the invited units, and the attendance sheet (JSON, CSV).
export { attendanceSheet, type SheetMeeting } from './attendance-sheet.ts';
export { invitedUnitIds, isUnitInvited } from './invited-units.ts';
export { isPresent, presentNow, type Presence } from './present-now.ts';
export { computeQuorum, meetingQuorum } from './quorum.ts';
export { QuorumWatch } from './quorum-watch.ts';
export { closeAllAttendance, closeAttendance, openAttendance, type Arrival } from './record-presence.ts';
export { attendanceRoutes } from './routes.ts';
export { sheetCsv } from './sheet-csv.ts';
