import { z } from 'zod';

// "The presenter leads": the document and page the meeting is looking at, set by the chair or
// the current agenda item's presenter, kept in Postgres (one row per meeting) and pushed to the
// meeting's audience — every tablet in the room or watching it (`watchMeeting`) — whose viewers
// follow unless their reader browsed away.

const instant = z.iso.datetime({ offset: true });

/** What is being presented, and by whom. */
export const presentationSchema = z.object({
  presenter: z.object({ id: z.uuid(), fullName: z.string() }),
  documentId: z.uuid(),
  version: z.int().positive(),
  /** 1-based. */
  page: z.int().positive(),
  /** When the server wrote it (the page-sync benchmark measures from the request, not from this). */
  updatedAt: instant,
});
export type Presentation = z.infer<typeof presentationSchema>;

/** A meeting's presentation; `null` when nobody presents (never started, or stopped). */
export const presentationStateSchema = z.object({
  meetingId: z.uuid(),
  /**
   * Goes up with every change. Pushes of two leaders may cross on the way: a client keeps the
   * highest revision it has seen and ignores anything older.
   */
  revision: z.int().nonnegative(),
  presentation: presentationSchema.nullable(),
});
export type PresentationState = z.infer<typeof presentationStateSchema>;

export const presentInputSchema = z.object({
  meetingId: z.uuid(),
  documentId: z.uuid(),
  version: z.int().positive().max(1_000_000),
  page: z.int().min(1).max(100_000),
});
export type PresentInput = z.infer<typeof presentInputSchema>;

/** Socket requests (src/contract/realtime.ts composes them into the protocol). */
export const presentationRequestSchema = z.discriminatedUnion('method', [
  /**
   * Lead: every follower goes to this document version and page. The chair or the presenter of
   * the current agenda item only, while the meeting is live; the document must be the
   * meeting's and the page within it.
   */
  z.object({ method: z.literal('present'), data: presentInputSchema }),
  /** Stop leading (the same people). */
  z.object({ method: z.literal('stopPresenting'), data: z.object({ meetingId: z.uuid() }) }),
  /** What is presented now, for a newcomer or a tablet coming back (anyone invited). */
  z.object({ method: z.literal('getPresentation'), data: z.object({ meetingId: z.uuid() }) }),
]);
export type PresentationRequest = z.infer<typeof presentationRequestSchema>;

export interface PresentationResponseData {
  present: PresentationState;
  stopPresenting: PresentationState;
  /** `canLead`: whether the caller may present now (it changes with the current agenda item). */
  getPresentation: PresentationState & { canLead: boolean };
}

/** Pushed to the meeting's audience after each change is written. */
export type PresentationNotification = { method: 'presentationChanged'; data: PresentationState };
