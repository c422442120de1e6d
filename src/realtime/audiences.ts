// socket.io rooms that carry pushes: every socket of a user, and a meeting's audience (sockets
// in its media room or watching it). Named here once; an adapter carries them across nodes.
export const userAudience = (userId: string): string => `user:${userId}`;
export const meetingAudience = (meetingId: string): string => `meeting:${meetingId}`;
