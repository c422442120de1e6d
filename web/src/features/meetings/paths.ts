// Addresses of the meeting pages, shared by the list, the form and the room.
export const MEETINGS_PATH = '/meetings';
export const NEW_MEETING_PATH = '/meetings/new';
export const roomPath = (meetingId: string): string => `/meetings/${encodeURIComponent(meetingId)}/room`;
/** The meeting's agenda and documents (features/agenda owns the page). */
export const agendaPath = (meetingId: string): string => `/meetings/${encodeURIComponent(meetingId)}/agenda`;
