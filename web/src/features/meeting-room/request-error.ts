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
