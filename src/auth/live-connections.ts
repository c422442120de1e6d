/**
 * What auth needs of whatever holds live connections (realtime's sockets): to end those of a
 * session that was signed out or has expired, and those of an account an administrator locked.
 * A port, so auth stays below realtime; realtime implements it over socket.io rooms, which an
 * adapter carries to every node.
 */
export interface LiveConnections {
  endSession(sessionId: string): void;
  endUser(userId: string): void;
}
