import { CLIENT_OFFLINE, RequestError, UNAUTHENTICATED } from './request-error.ts';
import type { Translate } from './room-errors.ts';
import type { RoomSignalling } from './room-signalling.ts';
import type { EndReason, RoomStore } from './room-store.ts';

/** Errors a rejoin cannot fix: the page ends with the server's message. */
const FATAL_CODES = new Set([
  UNAUTHENTICATED,
  'meeting.removed',
  'meeting.ended',
  'meeting.not_invited',
  'meeting.not_found',
  'meeting.locked',
  'auth.forbidden_scope',
]);

/**
 * Media failures in a row (a transport's first connection, an ICE restart, the connection
 * after a rejoin) before the session stops trying and tells the user: a blocked media port
 * or a wrong announced address does not heal by retrying every few seconds.
 */
export const MAX_MEDIA_FAILURES = 3;

/** What recovery needs of the session it keeps alive. */
export interface RecoveringSession {
  started(): boolean;
  ended(): boolean;
  /** Throws this join's media away and joins again with the same account. */
  rejoin(): Promise<void>;
  finish(reason: EndReason, message: string | null): void;
  /** Media failed too often in a row: stop repairing and tell the user (and the server). */
  giveUpMedia(failures: number): void;
}

export interface ConnectionRecoveryOptions {
  readonly client: RoomSignalling;
  readonly store: RoomStore;
  readonly t: Translate;
  readonly session: RecoveringSession;
}

/**
 * Getting back into the meeting after the socket was lost, the server asked for it, or the
 * media could not be repaired by an ICE restart: joins again, with back-off, until it works,
 * the failure is final (removed, meeting ended, signed out) or the page ends. The server
 * replaces the old connection, so the others see one participant throughout.
 */
export class ConnectionRecovery {
  readonly #client: RoomSignalling;
  readonly #store: RoomStore;
  readonly #t: Translate;
  readonly #session: RecoveringSession;
  #recovering = false;
  #again = false;
  #mediaFailures = 0;
  readonly #connectWaiters = new Set<{ resolve: () => void; reject: (error: Error) => void }>();

  constructor(options: ConnectionRecoveryOptions) {
    this.#client = options.client;
    this.#store = options.store;
    this.#t = options.t;
    this.#session = options.session;
  }

  get recovering(): boolean {
    return this.#recovering;
  }

  /** Joins again until it works; a call while recovering makes the loop join once more. */
  async recover(): Promise<void> {
    const session = this.#session;
    if (session.ended() || !session.started()) return;
    if (this.#recovering) {
      this.#again = true;
      return;
    }
    this.#recovering = true;
    this.#store.setStatus('reconnecting');
    try {
      for (let attempt = 0; !session.ended(); attempt++) {
        this.#again = false;
        try {
          await this.waitForConnect();
          await session.rejoin();
          if (!this.#again) return;
        } catch (error) {
          if (session.ended()) return;
          if (error instanceof RequestError && FATAL_CODES.has(error.code)) {
            session.finish(error.code === UNAUTHENTICATED ? 'unauthenticated' : 'error', error.message);
            return;
          }
          await sleep(Math.min(250 * 2 ** attempt, 2000));
        }
      }
    } finally {
      this.#recovering = false;
    }
  }

  /** One more media failure; false once they are too many in a row (the session gave up). */
  mediaFailed(): boolean {
    this.#mediaFailures++;
    if (this.#mediaFailures < MAX_MEDIA_FAILURES) return true;
    this.#session.giveUpMedia(this.#mediaFailures);
    return false;
  }

  /** Media flows: failures in a row start again from zero. */
  mediaFlowing(): void {
    this.#mediaFailures = 0;
  }

  /** The user asks to try again after the session gave up on the media. */
  retryMedia(): void {
    this.#mediaFailures = 0;
    void this.recover();
  }

  /** Resolves once the socket is connected; rejects after `timeoutMs` or when the session ends. */
  waitForConnect(timeoutMs?: number): Promise<void> {
    if (this.#client.connected) return Promise.resolve();
    if (this.#session.ended()) return Promise.reject(new RequestError(CLIENT_OFFLINE, 'ended'));
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error: Error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              this.#connectWaiters.delete(waiter);
              reject(new RequestError(CLIENT_OFFLINE, this.#t('room.error.offline')));
            }, timeoutMs);
      this.#connectWaiters.add(waiter);
    });
  }

  /** The socket connected (null) or can never connect (the reason): whoever waits learns it. */
  settleWaiters(error: Error | null): void {
    const waiters = [...this.#connectWaiters];
    this.#connectWaiters.clear();
    for (const waiter of waiters) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
  }

  onDisconnect(reason: string): void {
    if (this.#session.ended() || reason === 'io client disconnect') return;
    // The server hung up on us (a restart): socket.io leaves reconnecting to us in that case.
    if (reason === 'io server disconnect') this.#client.connect();
    void this.recover();
  }

  onConnectError(error: Error): void {
    const session = this.#session;
    if (session.ended()) return;
    if (error.message === UNAUTHENTICATED) {
      const refusal = new RequestError(UNAUTHENTICATED, this.#t('room.error.unauthenticated'));
      this.settleWaiters(refusal);
      if (session.started()) session.finish('unauthenticated', refusal.message);
      return;
    }
    // Refused by another middleware error: socket.io does not retry those by itself.
    if (!this.#client.active) setTimeout(() => !session.ended() && this.#client.connect(), 1000);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
