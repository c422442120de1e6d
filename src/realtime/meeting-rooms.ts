// The meetings capability's MeetingRooms port over this node's media rooms. Closing goes
// through the meeting's queue, after any join already admitted: a join admitted just before the
// end is closed with the others rather than reopening the room behind it. With several nodes the
// room may live on another one: the meeting's status (Postgres) already refuses new joins there,
// and closing it will travel with the socket.io adapter when meetings are placed on media hosts.
import type { Rooms } from '../media/index.ts';
import type { MeetingRooms } from '../meetings/index.ts';

export function meetingRooms(rooms: Rooms): MeetingRooms {
  return {
    endMeeting: (meetingId) => rooms.exclusive(meetingId, async () => rooms.get(meetingId)?.close('meeting-ended')),
  };
}
