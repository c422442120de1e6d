import type { SignatureRequested } from '../../base/api/index.ts';
import { DEVICE_SIGN_ALGORITHM, deviceKeysOf, type StoredDeviceKey } from './device-key-store.ts';
import type { SigningApi } from './signing-api.ts';

/** `NOTIFICATION_EVENT` of src/contract/realtime.ts (only types cross from the server). */
const NOTIFICATION_EVENT = 'notification';

export type AgentEvent = { kind: 'signed' | 'failed'; request: SignatureRequested };

interface SocketLike {
  on(event: string, listener: (payload: unknown) => void): void;
  connect(): void;
  disconnect(): void;
}

const fromBase64 = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const toBase64 = (b: ArrayBuffer): string => btoa(String.fromCharCode(...new Uint8Array(b)));

/**
 * This tablet's part of device signing: while the app is open and the tablet holds a key of the
 * signed-in user, it listens on the user's socket for `signatureRequested`, signs the request's
 * bytes with the matching non-extractable key (WebCrypto hashes them with SHA-256; ECDSA comes
 * back as r||s, which the server converts) and posts the signature. Requests pushed before it
 * connected are fetched on (re)connection. The act behind a request was authorised with the
 * signer's PIN and a one-time code, so no further question is asked here.
 */
export class DeviceAgent {
  readonly #api: SigningApi;
  readonly #language: () => string;
  readonly #listeners = new Set<(e: AgentEvent) => void>();
  readonly #done = new Set<string>();
  #socket: SocketLike | null = null;
  #userId: string | null = null;
  #keys = new Map<string, StoredDeviceKey>();

  constructor(options: { api: SigningApi; language: () => string }) {
    this.#api = options.api;
    this.#language = options.language;
  }

  onEvent(listener: (e: AgentEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Starts listening for `userId` if this tablet holds one of his keys; idempotent. */
  async ensureStarted(userId: string): Promise<void> {
    if (this.#userId !== userId) this.stop();
    this.#keys = new Map((await deviceKeysOf(userId)).map((k) => [k.credentialId, k]));
    if (this.#keys.size === 0 || this.#socket) return;
    this.#userId = userId;
    const { io } = await import('socket.io-client');
    if (this.#socket || this.#userId !== userId) return;
    const socket = io({ path: '/socket.io', transports: ['websocket'], autoConnect: false, auth: (send) => send({ lang: this.#language() }) });
    socket.on('connect', () => void this.#catchUp());
    socket.on(NOTIFICATION_EVENT, (payload: unknown) => {
      const n = payload as { method?: string; data?: SignatureRequested };
      if (n.method === 'signatureRequested' && n.data) void this.#handle(n.data);
    });
    this.#socket = socket;
    socket.connect();
  }

  stop(): void {
    this.#socket?.disconnect();
    this.#socket = null;
    this.#userId = null;
  }

  async #catchUp(): Promise<void> {
    try {
      for (const request of await this.#api.pendingRequests()) await this.#handle(request);
    } catch {
      // The push is the main path; a failed catch-up is retried at the next reconnection.
    }
  }

  async #handle(request: SignatureRequested): Promise<void> {
    const key = this.#keys.get(request.credentialId);
    // Another tablet's key, or a request already answered (push and catch-up can both bring it).
    if (!key || this.#done.has(request.requestId)) return;
    this.#done.add(request.requestId);
    try {
      const signature = await crypto.subtle.sign(DEVICE_SIGN_ALGORITHM, key.privateKey, fromBase64(request.toBeSigned));
      await this.#api.answer(request.requestId, { signature: toBase64(signature) });
      this.#emit({ kind: 'signed', request });
    } catch {
      this.#emit({ kind: 'failed', request });
    }
  }

  #emit(event: AgentEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
