// auth's LiveConnections port over socket.io rooms: signing out, an expired session or an
// administrator's lock disconnects the sockets concerned on every node (the adapter carries
// disconnectSockets), and each of them leaves its meeting room for good.
import type { Server } from 'socket.io';
import type { LiveConnections } from '../auth/index.ts';
import { sessionAudience, userAudience } from './audiences.ts';

export class SocketConnections implements LiveConnections {
  #io: Server | undefined;

  attach(io: Server): void {
    this.#io = io;
  }

  endSession(sessionId: string): void {
    this.#io?.in(sessionAudience(sessionId)).disconnectSockets(true);
  }

  endUser(userId: string): void {
    this.#io?.in(userAudience(userId)).disconnectSockets(true);
  }
}
