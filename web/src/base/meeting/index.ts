// What features shown inside the meeting room (the floor, votes, quorum) need of the room's
// connection, as a port: the room session implements it, so those features neither know
// mediasoup nor reach into the room's internals, and the room knows nothing of them.
import type { Notification, RequestData, RequestMethod, ResponseData } from '../../../../src/contract/realtime.ts';

export type { Notification, RequestData, RequestMethod, ResponseData };

export interface MeetingLink {
  readonly meetingId: string;
  /** Who this client is in the meeting, once joined. */
  readonly me: { readonly userId: string; readonly isChair: boolean } | null;
  /** A request on the room's socket; rejects with an Error whose message is ready to show. */
  request<M extends RequestMethod>(method: M, data: RequestData<M>): Promise<ResponseData[M]>;
  /** Every push on the room's socket; returns the unsubscribe. */
  onNotification(listener: (n: Notification) => void): () => void;
  /** After every (re)join: pushes sent while the link was down were missed, read state again. */
  onJoined(listener: () => void): () => void;
  /** A short message in the room's toast area. */
  say(text: string, tone?: 'info' | 'error'): void;
  /** Turns the microphone on or off, as the control bar does (the floor holder speaks). */
  setMic(on: boolean): Promise<void>;
}
