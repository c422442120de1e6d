// socket.io rooms that carry pushes: every socket of a user, and a meeting's audience (sockets
// in its media room or watching it); and every socket of one sign-in session, to end them
// together. Named here once; an adapter carries them across nodes.
export const userAudience = (userId: string): string => `user:${userId}`;
export const meetingAudience = (meetingId: string): string => `meeting:${meetingId}`;
export const sessionAudience = (sessionId: string): string => `session:${sessionId}`;
