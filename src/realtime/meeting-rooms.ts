// The meetings capability's MeetingRooms port over this node's media rooms. Closing goes
// through the meeting's queue, after any join already admitted: a join admitted just before the
// end is closed with the others rather than reopening the room behind it. With several nodes the
// room may live on another one: the meeting's status (Postgres) already refuses new joins there,
// and closing it will travel with the socket.io adapter when meetings are placed on media hosts.
// Before the room closes, the meeting's other live facts settle (attendance closes at the end
// time, the floor ends, an open vote closes with its result frozen), so the leaves the closing
// room causes find nothing left to record.
import type { Pusher } from '../contract/realtime.ts';
import type { Db } from '../db/index.ts';
import type { Rooms } from '../media/index.ts';
import type { MeetingRooms } from '../meetings/index.ts';
import { settleEndedMeeting } from './meeting-ended.ts';

export function meetingRooms({ rooms, db, pusher }: { rooms: Rooms; db: Db; pusher: Pusher }): MeetingRooms {
  return {
    endMeeting: (meetingId) =>
      rooms.exclusive(meetingId, async () => {
        await settleEndedMeeting(db, pusher, meetingId);
        rooms.get(meetingId)?.close('meeting-ended');
      }),
  };
}
