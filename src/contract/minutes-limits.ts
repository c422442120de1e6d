// The minutes' plain constants, without zod, so the web app can import them without building
// schemas in the browser (zod's first object schema probes `Function('')`, which the CSP blocks).

/** Free text the secretary types; a few pages at most. */
export const CONCLUSIONS_MAX = 20_000;

/** Where the minutes PDF of a meeting is read (the draft now, or the stored final bytes). */
export const minutesFileUrl = (meetingId: string): string => `/api/meetings/${encodeURIComponent(meetingId)}/minutes/file`;
