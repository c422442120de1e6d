import { z } from 'zod';
import { unitRefSchema } from './units.ts';

// Attendance (issue 10.6): who came to a meeting, from which site (unit), when; who is present
// now; quorum. The attendance sheet is `GET /api/meetings/:id/attendance` (this JSON) and
// `…/attendance.csv`; the chair's live quorum is the `attendanceUpdated` push.

/** A person as the meeting's lists show them: name, title and the site (unit) they sit for. */
export const delegateSchema = z.object({
  userId: z.uuid(),
  fullName: z.string(),
  title: z.string().nullable(),
  unit: unitRefSchema,
});
export type Delegate = z.infer<typeof delegateSchema>;

/**
 * Present units over invited units. Invited units are the invitation's units, each with its
 * whole subtree when invited so; a present unit outside them (the organiser's own, when it
 * did not invite itself) is not counted.
 */
export const quorumSchema = z.object({
  presentUnits: z.int().min(0),
  invitedUnits: z.int().min(0),
  /** presentUnits / invitedUnits, 0 when nobody was invited. */
  ratio: z.number().min(0).max(1),
  /** People with an open attendance session, whatever their unit. */
  presentPeople: z.int().min(0),
});
export type Quorum = z.infer<typeof quorumSchema>;

/** One presence: from joining the room to leaving it (or to the end of the reconnect grace). */
export const attendanceSessionSchema = z.object({
  joinedAt: z.iso.datetime(),
  /** Null while present. */
  leftAt: z.iso.datetime().nullable(),
  device: z.string().nullable(),
});

export const attendeeSchema = delegateSchema.extend({
  present: z.boolean(),
  /** Time spent in the meeting over all sessions, up to now for an open one. */
  totalSeconds: z.int().min(0),
  sessions: z.array(attendanceSessionSchema),
});
export type Attendee = z.infer<typeof attendeeSchema>;

export const attendanceUnitSchema = z.object({
  unit: unitRefSchema,
  invited: z.boolean(),
  present: z.boolean(),
});

export const attendanceSheetSchema = z
  .object({
    meeting: z.object({ id: z.uuid(), title: z.string(), startsAt: z.iso.datetime() }),
    generatedAt: z.iso.datetime(),
    quorum: quorumSchema,
    /** Everyone who came, by unit code then name. */
    attendees: z.array(attendeeSchema),
    /** Invited units (present or not) and any other unit someone came from, by code. */
    units: z.array(attendanceUnitSchema),
  })
  .meta({ id: 'AttendanceSheet' });
export type AttendanceSheet = z.infer<typeof attendanceSheetSchema>;

/** Pushed to the chair when presence changes (at most about once a second per meeting). */
export type AttendanceNotification = { method: 'attendanceUpdated'; data: { meetingId: string; quorum: Quorum } };
