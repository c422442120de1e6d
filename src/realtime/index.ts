// Signalling over socket.io: authenticated by the session cookie, one MeetingSession per socket,
// the wire protocol (src/contract/realtime.ts) translated to and from the media library.
export { realtimePlugin, type RealtimeOptions } from './socket-server.ts';
export { SocketConnections } from './socket-connections.ts';
export { SocketPusher } from './socket-pusher.ts';
export { meetingRooms } from './meeting-rooms.ts';
export { settleEndedMeeting } from './meeting-ended.ts';
