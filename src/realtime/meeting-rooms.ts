// The meetings capability's MeetingRooms port over this node's media rooms. Closing goes
// through the meeting's queue, after any join already admitted: a join admitted just before the
// end is closed with the others rather than reopening the room behind it.
import type { Rooms } from '../media/index.ts';
import type { MeetingRooms } from '../meetings/index.ts';

export function meetingRooms(rooms: Rooms): MeetingRooms {
  return {
    endMeeting: (meetingId) => rooms.exclusive(meetingId, async () => rooms.get(meetingId)?.close('meeting-ended')),
  };
}
