import { z } from 'zod';
import { personRefSchema } from './auth.ts';
import { dateTime, text } from './text.ts';
import { unitRefSchema } from './units.ts';

// The meeting API's shapes. The meetings table takes its status enum from here.

export const MEETING_STATUSES = ['draft', 'scheduled', 'live', 'ended', 'closed'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const createMeetingSchema = z.object({
  title: text({ min: 3, max: 300 }),
  startsAt: dateTime(),
  invitedUnitIds: z.array(z.uuid()).max(1000).default([]),
  includeSubunits: z.boolean().default(false),
  chairId: z.uuid(),
  /** Defaults to the caller's unit; a clerk or leader organises for their own unit only. */
  organiserUnitId: z.uuid().optional(),
});
/** The body after validation (defaults applied), as the server handles it. */
export type CreateMeetingInput = z.infer<typeof createMeetingSchema>;

export const meetingCreatedSchema = z.object({ id: z.uuid() });
export type MeetingCreated = z.infer<typeof meetingCreatedSchema>;
export const meetingIdParamsSchema = z.object({ id: z.uuid() });
export const meetingListQuerySchema = z.object({ since: dateTime().optional() });

export const meetingSummarySchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    startsAt: z.iso.datetime({ offset: true }),
    status: z.enum(MEETING_STATUSES),
    locked: z.boolean(),
    organiserUnit: unitRefSchema,
    chair: personRefSchema,
  })
  .meta({ id: 'MeetingSummary' });
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

export const MEETING_ROLES = ['chair', 'organiser', 'participant'] as const;
export type MeetingRole = (typeof MEETING_ROLES)[number];

export const meetingDetailSchema = meetingSummarySchema
  .extend({
    invitedUnits: z.array(unitRefSchema.extend({ includeSubunits: z.boolean() })),
    /** How the caller takes part: the chair moderates; the organiser unit's clerks and leaders manage. */
    myRole: z.enum(MEETING_ROLES),
  })
  .meta({ id: 'MeetingDetail' });
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;
