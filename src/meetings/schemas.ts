import { z } from 'zod';
import { MEETING_STATUSES } from './meetings.table.ts';

// The meeting API's shapes: validation at the edge and the OpenAPI description come from here,
// and the web app's types are inferred from the same schemas.
export const createMeetingSchema = z.object({
  title: z.string().trim().min(3).max(300),
  startsAt: z.iso.datetime({ offset: true }),
  invitedUnitIds: z.array(z.uuid()).max(1000).default([]),
  includeSubunits: z.boolean().default(false),
  chairId: z.uuid(),
  /** Defaults to the caller's unit; a clerk or leader organises for their own unit only. */
  organiserUnitId: z.uuid().optional(),
});
export type CreateMeetingInput = z.infer<typeof createMeetingSchema>;

const unitRef = z.object({ id: z.uuid(), code: z.string(), name: z.string() });
const personRef = z.object({ id: z.uuid(), username: z.string(), fullName: z.string(), title: z.string().nullable() });

export const meetingSummarySchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    startsAt: z.iso.datetime({ offset: true }),
    status: z.enum(MEETING_STATUSES),
    locked: z.boolean(),
    organiserUnit: unitRef,
    chair: personRef,
  })
  .meta({ id: 'MeetingSummary' });
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

export const MEETING_ROLES = ['chair', 'organiser', 'participant'] as const;
export type MeetingRole = (typeof MEETING_ROLES)[number];

export const meetingDetailSchema = meetingSummarySchema
  .extend({
    invitedUnits: z.array(unitRef.extend({ includeSubunits: z.boolean() })),
    /** How the caller takes part: the chair moderates; the organiser unit's clerks and leaders manage. */
    myRole: z.enum(MEETING_ROLES),
  })
  .meta({ id: 'MeetingDetail' });
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;
