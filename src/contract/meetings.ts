import { z } from 'zod';
import { personRefSchema } from './auth.ts';
import { dateTime, text } from './text.ts';
import { unitRefSchema } from './units.ts';

// The meeting API's shapes. The meetings table takes its status enum from here.

/**
 * draft → scheduled → live → ended → closed; a draft or scheduled meeting may instead be
 * cancelled. A draft is seen only by those preparing it; opening the room makes it live.
 */
export const MEETING_STATUSES = ['draft', 'scheduled', 'live', 'ended', 'closed', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const createMeetingSchema = z.object({
  title: text({ min: 3, max: 300 }),
  startsAt: dateTime(),
  invitedUnitIds: z.array(z.uuid()).max(1000).default([]),
  includeSubunits: z.boolean().default(false),
  chairId: z.uuid(),
  /** Defaults to the caller's unit; a clerk or leader organises for their own unit only. */
  organiserUnitId: z.uuid().optional(),
  /** Without it the meeting is scheduled and its invitees see it at once; a draft waits for publish. */
  status: z.enum(['draft', 'scheduled']).optional(),
  /** Takes the minutes and closes the meeting: an active account of the organising unit other than the chair. */
  secretaryId: z.uuid().nullable().optional(),
});
/** The body after validation (defaults applied), as the server handles it. */
export type CreateMeetingInput = z.infer<typeof createMeetingSchema>;
/** The body as a client sends it (defaults optional). */
export type CreateMeetingBody = z.input<typeof createMeetingSchema>;

/**
 * `PATCH /api/meetings/:id`: edit or reschedule a draft or scheduled meeting. Absent fields stay;
 * `invitedUnitIds` replaces the invitation list; `includeSubunits` alone re-applies to the current one.
 */
export const updateMeetingSchema = z.object({
  title: createMeetingSchema.shape.title.optional(),
  startsAt: createMeetingSchema.shape.startsAt.optional(),
  chairId: z.uuid().optional(),
  /** null: no secretary (the organising unit's clerks and leaders close the meeting). */
  secretaryId: z.uuid().nullable().optional(),
  invitedUnitIds: z.array(z.uuid()).max(1000).optional(),
  includeSubunits: z.boolean().optional(),
});
export type UpdateMeetingInput = z.infer<typeof updateMeetingSchema>;

/** `POST /api/meetings/:id/cancel`: the reason is shown to the invitees. */
export const cancelMeetingSchema = z.object({ reason: z.string().trim().max(500).optional() });

export const meetingCreatedSchema = z.object({ id: z.uuid() });
export type MeetingCreated = z.infer<typeof meetingCreatedSchema>;
export const meetingIdParamsSchema = z.object({ id: z.uuid() });
const statusSchema = z.enum(MEETING_STATUSES);
/** `GET /api/meetings`: `since`/`until` bound the start time; `status` once or repeated. */
export const meetingListQuerySchema = z.object({
  since: dateTime().optional(),
  until: dateTime().optional(),
  status: z.union([statusSchema, z.array(statusSchema).max(MEETING_STATUSES.length)]).optional(),
});

export const meetingSummarySchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    startsAt: z.iso.datetime({ offset: true }),
    status: z.enum(MEETING_STATUSES),
    locked: z.boolean(),
    organiserUnit: unitRefSchema,
    chair: personRefSchema,
    secretary: personRefSchema.nullable(),
  })
  .meta({ id: 'MeetingSummary' });
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

export const MEETING_ROLES = ['chair', 'organiser', 'secretary', 'participant'] as const;
export type MeetingRole = (typeof MEETING_ROLES)[number];

/** What the caller may do to the meeting now (the server checks again on each request). */
export const MEETING_ACTIONS = ['edit', 'publish', 'cancel', 'end', 'close'] as const;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];

export const meetingDetailSchema = meetingSummarySchema
  .extend({
    invitedUnits: z.array(unitRefSchema.extend({ includeSubunits: z.boolean() })),
    /** How the caller takes part: the chair moderates; the organiser unit's clerks and leaders manage; the secretary closes. */
    myRole: z.enum(MEETING_ROLES),
    actions: z.array(z.enum(MEETING_ACTIONS)),
    /** Why it was cancelled, when it was and the organiser said. */
    cancelReason: z.string().nullable(),
    endedAt: z.iso.datetime({ offset: true }).nullable(),
    closedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'MeetingDetail' });
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;
