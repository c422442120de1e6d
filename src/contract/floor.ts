import { z } from 'zod';
import { delegateSchema } from './attendance.ts';

// The floor queue (issue 10.7): participants raise a hand, one FIFO queue per meeting, the chair
// grants the floor (the holder goes on stage and is heard by everyone), revokes it or moves to
// the next. Socket requests and the `floorUpdated` push; the composition is in realtime.ts.

export const FLOOR_STATUSES = ['waiting', 'speaking', 'done', 'withdrawn', 'revoked'] as const;
export type FloorStatus = (typeof FLOOR_STATUSES)[number];

export const floorEntrySchema = delegateSchema.extend({
  requestId: z.uuid(),
  requestedAt: z.iso.datetime(),
});
export type FloorEntry = z.infer<typeof floorEntrySchema>;

/** The floor holder; clients count the timer from `grantedAt`. */
export const floorHolderSchema = floorEntrySchema.extend({ grantedAt: z.iso.datetime() });
export type FloorHolder = z.infer<typeof floorHolderSchema>;

export const floorStateSchema = z.object({
  meetingId: z.uuid(),
  holder: floorHolderSchema.nullable(),
  /** Waiting hands, first come first served. */
  queue: z.array(floorEntrySchema),
});
export type FloorState = z.infer<typeof floorStateSchema>;

/** Who held the floor when (the minutes' floor log). */
export const floorLogEntrySchema = floorHolderSchema.extend({
  endedAt: z.iso.datetime().nullable(),
  status: z.enum(FLOOR_STATUSES),
});
export type FloorLogEntry = z.infer<typeof floorLogEntrySchema>;

const meeting = z.object({ meetingId: z.uuid() });

export const floorRequestSchema = z.discriminatedUnion('method', [
  /** The queue and the holder, e.g. after (re)joining. Anyone invited. */
  z.object({ method: z.literal('getFloor'), data: meeting }),
  /** A participant in the room asks for the floor; asking again keeps the place. */
  z.object({ method: z.literal('raiseHand'), data: meeting }),
  /** A participant withdraws the request. */
  z.object({ method: z.literal('lowerHand'), data: meeting }),
  /** The chair only: the floor to this waiting request, or without one to the first in the queue. */
  z.object({ method: z.literal('grantFloor'), data: meeting.extend({ requestId: z.uuid().optional() }) }),
  /** The chair only: the holder's floor ends (cut off). */
  z.object({ method: z.literal('revokeFloor'), data: meeting }),
  /** The chair only: the holder is done, the first in the queue gets the floor. */
  z.object({ method: z.literal('nextFloor'), data: meeting }),
]);
export type FloorRequest = z.infer<typeof floorRequestSchema>;

/** Every floor request answers with the floor as it is after it. */
export type FloorResponseData = { [M in FloorRequest['method']]: FloorState };

/** To the meeting's audience after every change of the queue or the holder. */
export type FloorNotification = { method: 'floorUpdated'; data: FloorState };
