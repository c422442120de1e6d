// The Pusher port (src/contract/realtime.ts) over socket.io rooms. Made before the routes that
// push and attached to the server once it exists; pushes before that reach nobody, as they
// would reach no socket anyway.
import type { Server } from 'socket.io';
import { NOTIFICATION_EVENT, type Notification, type Pusher } from '../contract/realtime.ts';
import { meetingAudience, userAudience } from './audiences.ts';

export class SocketPusher implements Pusher {
  #io: Server | undefined;

  attach(io: Server): void {
    this.#io = io;
  }

  toUser(userId: string, n: Notification): void {
    this.#io?.to(userAudience(userId)).emit(NOTIFICATION_EVENT, n);
  }

  toMeeting(meetingId: string, n: Notification): void {
    this.#io?.to(meetingAudience(meetingId)).emit(NOTIFICATION_EVENT, n);
  }
}
