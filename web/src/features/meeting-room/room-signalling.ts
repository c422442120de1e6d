import type { Notification, RequestData, RequestMethod, ResponseData } from './protocol.ts';

export type { RequestData };

export interface RoomSignallingEvents {
  connect: () => void;
  disconnect: (reason: string) => void;
  connectError: (error: Error) => void;
  notification: (notification: Notification) => void;
}

/**
 * The signalling connection as the room session uses it: RoomClient (socket.io) in the browser,
 * a fake in unit tests. Requests reject with a RequestError.
 */
export interface RoomSignalling {
  readonly connected: boolean;
  /** False after the server refused us (middleware error) or after close(): nothing retries. */
  readonly active: boolean;
  connect(): void;
  /** Tries now instead of at the end of the current back-off delay. */
  reconnectNow(): void;
  on<E extends keyof RoomSignallingEvents>(event: E, handler: RoomSignallingEvents[E]): () => void;
  request<M extends RequestMethod>(method: M, data: RequestData<M>, timeoutMs?: number): Promise<ResponseData[M]>;
  close(): void;
}
