import { io, type Socket } from 'socket.io-client';
import type { Ack, Notification, RequestData, RequestMethod, ResponseData } from '../../../../src/contract/realtime.ts';

/** `NOTIFICATION_EVENT` and `REQUEST_EVENT` of src/contract/realtime.ts (types only cross over, so repeated here). */
const NOTIFICATION_EVENT = 'notification';
const REQUEST_EVENT = 'request';
/** A request not answered within this has failed. */
const REQUEST_TIMEOUT_MS = 5000;

/** A request that failed: the server's code (its error catalogue), or `client.offline` / `client.timeout`. */
export class LiveRequestError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'LiveRequestError';
    this.code = code;
  }
}

type Method = Notification['method'];
type DataOf<M extends Method> = Extract<Notification, { method: M }>['data'];
type Listener = (data: never) => void;

/**
 * The app's one socket outside the meeting room: what the server pushes to the signed-in user
 * (`user:<id>` on the server), for the header and any page. Connected as a user and dropped at
 * sign-out, so a shared tablet never shows the previous user's pushes. It reconnects by itself;
 * listeners of `onConnect` re-read what they show, since pushes sent meanwhile were missed.
 */
export class LiveSocket {
  readonly #language: () => string;
  readonly #listeners = new Map<Method, Set<Listener>>();
  readonly #connectListeners = new Set<() => void>();
  #socket: Socket | null = null;
  #userId: string | null = null;

  /** `getLanguage`: the app's language, sent at each (re)connection so the server answers in it. */
  constructor(options: { getLanguage: () => string }) {
    this.#language = options.getLanguage;
  }

  /** Connects for this user; a no-op when already so, a reconnection when another was. */
  connectAs(userId: string): void {
    if (this.#userId === userId && this.#socket) return;
    this.disconnect();
    this.#userId = userId;
    const socket = io({
      path: '/socket.io',
      transports: ['websocket'],
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10_000,
      auth: (send) => send({ lang: this.#language() }),
    });
    socket.on('connect', () => {
      for (const listener of [...this.#connectListeners]) listener();
    });
    socket.on(NOTIFICATION_EVENT, (n: Notification) => {
      for (const listener of [...(this.#listeners.get(n.method) ?? [])]) (listener as (data: unknown) => void)(n.data);
    });
    this.#socket = socket;
  }

  disconnect(): void {
    this.#socket?.disconnect();
    this.#socket = null;
    this.#userId = null;
  }

  get connected(): boolean {
    return this.#socket?.connected ?? false;
  }

  /**
   * A request of the socket protocol outside the meeting room (watching a meeting, the
   * presenter's page). Fails at once while disconnected: callers re-ask after `onConnect`.
   */
  async request<M extends RequestMethod>(method: M, data: RequestData<M>): Promise<ResponseData[M]> {
    const socket = this.#socket;
    if (!socket?.connected) throw new LiveRequestError('client.offline', 'not connected');
    let ack: Ack<ResponseData[M]>;
    try {
      ack = (await socket.timeout(REQUEST_TIMEOUT_MS).emitWithAck(REQUEST_EVENT, { method, data })) as Ack<ResponseData[M]>;
    } catch {
      throw new LiveRequestError('client.timeout', `${method}: no answer within ${REQUEST_TIMEOUT_MS} ms`);
    }
    if (!ack.ok) throw new LiveRequestError(ack.error.code, ack.error.message);
    return ack.data;
  }

  /** Each push of `method` until the returned function is called. */
  on<M extends Method>(method: M, listener: (data: DataOf<M>) => void): () => void {
    let set = this.#listeners.get(method);
    if (!set) this.#listeners.set(method, (set = new Set()));
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  /** After each (re)connection, until the returned function is called. */
  onConnect(listener: () => void): () => void {
    this.#connectListeners.add(listener);
    return () => this.#connectListeners.delete(listener);
  }
}
