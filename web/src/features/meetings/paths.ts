// Addresses of the meeting pages, shared by the list, the form, the detail and the room.
export const MEETINGS_PATH = '/meetings';
export const NEW_MEETING_PATH = '/meetings/new';
export const meetingPath = (meetingId: string): string => `/meetings/${encodeURIComponent(meetingId)}`;
export const editMeetingPath = (meetingId: string): string => `${meetingPath(meetingId)}/edit`;
export const roomPath = (meetingId: string): string => `${meetingPath(meetingId)}/room`;
/** The meeting's agenda and documents (features/agenda owns the page). */
export const agendaPath = (meetingId: string): string => `${meetingPath(meetingId)}/agenda`;
/** The meeting's minutes (features/minutes owns the page). */
export const minutesPath = (meetingId: string): string => `${meetingPath(meetingId)}/minutes`;
