import type { SignatureRequested } from '../../base/api/index.ts';
import type { LiveSocket } from '../../base/socket/live-socket.ts';
import { DEVICE_SIGN_ALGORITHM, deviceKeysOf, type StoredDeviceKey } from './device-key-store.ts';
import type { SigningApi } from './signing-api.ts';

export type AgentEvent = { kind: 'signed' | 'failed'; request: SignatureRequested };

const fromBase64 = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const toBase64 = (b: ArrayBuffer): string => btoa(String.fromCharCode(...new Uint8Array(b)));

/**
 * This tablet's part of device signing: while the app is open and the tablet holds a key of the
 * signed-in user, it listens on the app's live socket (the user's pushes) for `signatureRequested`,
 * signs the request's bytes with the matching non-extractable key (WebCrypto hashes them with
 * SHA-256; ECDSA comes back as r||s, which the server converts) and posts the signature. Requests
 * pushed before it listened are fetched at start and at each reconnection. The act behind a
 * request was authorised with the signer's PIN and a one-time code, so no further question is
 * asked here.
 */
export class DeviceAgent {
  readonly #api: SigningApi;
  readonly #live: LiveSocket;
  readonly #listeners = new Set<(e: AgentEvent) => void>();
  readonly #done = new Set<string>();
  #unsubscribe: (() => void) | null = null;
  #userId: string | null = null;
  #keys = new Map<string, StoredDeviceKey>();

  constructor(options: { api: SigningApi; live: LiveSocket }) {
    this.#api = options.api;
    this.#live = options.live;
  }

  onEvent(listener: (e: AgentEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Starts listening for `userId` if this tablet holds one of his keys; idempotent. */
  async ensureStarted(userId: string): Promise<void> {
    if (this.#userId !== userId) this.stop();
    this.#keys = new Map((await deviceKeysOf(userId)).map((k) => [k.credentialId, k]));
    if (this.#keys.size === 0 || this.#unsubscribe) return;
    this.#userId = userId;
    const offPush = this.#live.on('signatureRequested', (request) => void this.#handle(request));
    const offConnect = this.#live.onConnect(() => void this.#catchUp());
    this.#unsubscribe = () => {
      offPush();
      offConnect();
    };
    if (this.#live.connected) void this.#catchUp();
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
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
