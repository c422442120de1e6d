// The floor queue in the meeting room (issue 10.7): raise and lower hands, the chair's grant,
// next and revoke, the holder's timer. Mounted by the room page through the MeetingLink port.
export { floorPanel } from './floor-panel.ts';
