export const attendancePath = (meetingId: string): string => `/meetings/${encodeURIComponent(meetingId)}/attendance`;
export const attendanceApiPath = (meetingId: string): string => `/api/meetings/${encodeURIComponent(meetingId)}/attendance`;
export const attendanceCsvPath = (meetingId: string): string => `${attendanceApiPath(meetingId)}.csv`;
