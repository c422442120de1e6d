import { io, type Socket } from 'socket.io-client';
import { NOTIFICATION_EVENT, REQUEST_EVENT, type Ack, type Notification, type RequestData, type RequestMethod, type ResponseData } from './protocol.ts';

/** Every request is answered within this or counts as failed (then the caller recovers). */
export const REQUEST_TIMEOUT_MS = 5000;

export type { RequestData } from './protocol.ts';

/** Codes of failures the client itself detects; the server's come from its error catalogue. */
export const CLIENT_TIMEOUT = 'client.timeout';
export const CLIENT_OFFLINE = 'client.offline';
/** The socket.io middleware refuses a socket without a valid session with this message. */
export const UNAUTHENTICATED = 'auth.unauthenticated';

/** A request that failed: the server's code and its message (already localised), or ours. */
export class RequestError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'RequestError';
    this.code = code;
  }

  /** Not the server's verdict: the request may well succeed once the connection is back. */
  get isTransient(): boolean {
    return this.code === CLIENT_TIMEOUT || this.code === CLIENT_OFFLINE;
  }
}

export interface RoomClientEvents {
  connect: () => void;
  disconnect: (reason: string) => void;
  connectError: (error: Error) => void;
  notification: (notification: Notification) => void;
}

/**
 * The signalling connection: socket.io over a WebSocket on the same origin, authenticated by
 * the session cookie. It reconnects by itself with short delays (the meeting should notice no
 * more than a gap); requests fail fast while it is down instead of being queued and replayed
 * against a connection that no longer knows them.
 */
export class RoomClient {
  readonly #socket: Socket;
  readonly #pending = new Set<(error: RequestError) => void>();
  readonly #offlineMessage: () => string;

  constructor(options: { language: () => string; offlineMessage: () => string }) {
    this.#offlineMessage = options.offlineMessage;
    this.#socket = io({
      path: '/socket.io',
      transports: ['websocket'],
      autoConnect: false,
      reconnectionDelay: 500,
      reconnectionDelayMax: 2000,
      randomizationFactor: 0.2,
      // One connection attempt may take this long before the next is tried.
      timeout: 5000,
      // The server answers in the handshake's language: a browser's WebSocket sends the
      // browser's Accept-Language, not the one chosen in the app. Read at every (re)connection,
      // so a reconnect after the language switch speaks the new one.
      auth: (send) => send({ lang: options.language() }),
    });
    // A request in flight when the link drops will never be answered: fail it now, not in 5 s.
    this.#socket.on('disconnect', () => {
      for (const reject of [...this.#pending]) reject(new RequestError(CLIENT_OFFLINE, this.#offlineMessage()));
    });
  }

  get connected(): boolean {
    return this.#socket.connected;
  }

  /** False after the server refused us (middleware error) or after close(): nothing retries. */
  get active(): boolean {
    return this.#socket.active;
  }

  connect(): void {
    if (!this.#socket.connected) this.#socket.connect();
  }

  /**
   * Tries now instead of at the end of the current back-off delay (up to 2 s): called when the
   * browser says the network is back. Disconnecting a socket that is not connected only
   * cancels the pending attempt and resets the back-off; connect() then starts a fresh one.
   */
  reconnectNow(): void {
    if (this.#socket.connected || !this.#socket.active) return;
    this.#socket.disconnect();
    this.#socket.connect();
  }

  on<E extends keyof RoomClientEvents>(event: E, handler: RoomClientEvents[E]): () => void {
    const name = event === 'notification' ? NOTIFICATION_EVENT : event === 'connectError' ? 'connect_error' : event;
    const listener = handler as (...args: unknown[]) => void;
    this.#socket.on(name, listener);
    return () => void this.#socket.off(name, listener);
  }

  request<M extends RequestMethod>(method: M, data: RequestData<M>, timeoutMs = REQUEST_TIMEOUT_MS): Promise<ResponseData[M]> {
    if (!this.#socket.connected) return Promise.reject(new RequestError(CLIENT_OFFLINE, this.#offlineMessage()));
    return new Promise<ResponseData[M]>((resolve, reject) => {
      const settle = (error: RequestError | null, ack?: Ack<ResponseData[M]>): void => {
        if (!this.#pending.delete(fail)) return;
        if (error) reject(error);
        else if (!ack || typeof ack !== 'object') reject(new RequestError('bad_response', `${method}: no answer`));
        else if (ack.ok) resolve(ack.data);
        else reject(new RequestError(ack.error.code, ack.error.message));
      };
      const fail = (error: RequestError): void => settle(error);
      this.#pending.add(fail);
      this.#socket
        .timeout(timeoutMs)
        .emit(REQUEST_EVENT, { method, data }, (timeout: Error | null, ack: Ack<ResponseData[M]>) =>
          settle(timeout ? new RequestError(CLIENT_TIMEOUT, this.#offlineMessage()) : null, ack),
        );
    });
  }

  close(): void {
    for (const reject of [...this.#pending]) reject(new RequestError(CLIENT_OFFLINE, this.#offlineMessage()));
    this.#socket.removeAllListeners();
    this.#socket.disconnect();
  }
}
