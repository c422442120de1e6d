// The documents of a meeting, on this tablet: each version in the manifest is downloaded once,
// checked against the manifest's SHA-256 (crypto.subtle) and only then put in Cache Storage,
// where the service worker and the viewer find it without a network. Versions are immutable and
// their URL names them, so the URL is the key; a version no manifest on this tablet lists any
// more is dropped. Downloads run one after another, in agenda order, so a weak link in a
// commune hall brings the first documents first.
import { ApiError, type ApiClient, type Manifest, type MeetingDocument } from '../../base/api/index.ts';
import { download, DownloadError } from './download.ts';
import { API_CACHE, DOCUMENTS_CACHE, MANIFEST_PATH, manifestPath } from './offline-caches.ts';
import { sha256Hex } from './sha256.ts';

export type OfflineStatus =
  | { readonly state: 'stored' }
  | { readonly state: 'downloading'; readonly percent: number }
  /** `mismatch`: the last download did not match the manifest's SHA-256; `failed`: it did not complete. */
  | { readonly state: 'missing'; readonly problem?: 'mismatch' | 'failed' };

/** What the viewer and the prefetch need of a manifest entry. */
export type StoredDocument = Pick<MeetingDocument, 'url' | 'sha256' | 'size'>;

/** A meeting whose manifest was not read again for this long is no longer kept (nor its documents). */
const MANIFEST_KEPT_MS = 30 * 86_400_000;
const MISSING: OfflineStatus = { state: 'missing' };

/** Cache Storage and WebCrypto exist only in a secure context (https, or localhost). */
const storageAvailable = (): boolean => typeof caches !== 'undefined' && typeof crypto?.subtle !== 'undefined';
const absolute = (url: string): string => new URL(url, location.origin).href;
const meetingPagePath = (meetingId: string): string => `/api/meetings/${encodeURIComponent(meetingId)}`;

export class OfflineDocuments {
  readonly #api: ApiClient;
  readonly #statuses = new Map<string, OfflineStatus>();
  readonly #listeners = new Set<(url: string, status: OfflineStatus) => void>();
  readonly #manifests = new Map<string, Manifest>();
  readonly #manifestListeners = new Set<(manifest: Manifest) => void>();
  /** Downloads under way, by URL: asking again waits for the same one. */
  readonly #inFlight = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
  #queue: Promise<unknown> = Promise.resolve();
  /** Bumped at sign-out: work begun for the previous user stores nothing. */
  #epoch = 0;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  status(url: string): OfflineStatus {
    return this.#statuses.get(absolute(url)) ?? MISSING;
  }

  /** Whether this tablet has looked for the version yet: until then `status` cannot tell stored from missing. */
  isKnown(url: string): boolean {
    return this.#statuses.has(absolute(url));
  }

  /** Looks on this tablet for a version nobody has looked for yet (a badge asks as it is drawn). */
  async check(url: string): Promise<void> {
    const key = absolute(url);
    if (this.#statuses.has(key)) return;
    let found = false;
    try {
      found = storageAvailable() && (await (await caches.open(DOCUMENTS_CACHE)).match(key)) !== undefined;
    } catch {
      // No storage to look in: not on this tablet.
    }
    if (!this.#statuses.has(key) && !this.#inFlight.has(key)) this.#set(key, found ? { state: 'stored' } : MISSING);
  }

  /** Each status change (URL as given in manifests, made absolute) until the returned function is called. */
  onStatus(listener: (url: string, status: OfflineStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The meeting's manifest as last read, if it was. */
  manifest(meetingId: string): Manifest | undefined {
    return this.#manifests.get(meetingId);
  }

  /** Each manifest read until the returned function is called. */
  onManifest(listener: (manifest: Manifest) => void): () => void {
    this.#manifestListeners.add(listener);
    return () => this.#manifestListeners.delete(listener);
  }

  /**
   * Reads the meeting's manifest (the server's, else the copy kept on this tablet), says what is
   * already here and fetches the rest. Null when the meeting is not (or no longer) the user's.
   */
  async syncMeeting(meetingId: string): Promise<Manifest | null> {
    const epoch = this.#epoch;
    let manifest: Manifest | null;
    try {
      manifest = await this.#api.get<Manifest>(manifestPath(meetingId));
      if (epoch === this.#epoch) await this.#keepManifest(manifest);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 403 || err.status === 404)) {
        this.#manifests.delete(meetingId);
        await this.#dropManifest(meetingId);
        return null;
      }
      if (!(err instanceof ApiError && err.isNetworkError)) throw err;
      manifest = await this.#keptManifest(meetingId);
    }
    if (!manifest || epoch !== this.#epoch) return manifest;
    // What the meeting's pages read, kept too: they open without a network as well.
    void this.keepReads(['/api/me', meetingPagePath(meetingId), `${meetingPagePath(meetingId)}/agenda`]);
    await this.#readStatuses(manifest.documents);
    this.#manifests.set(meetingId, manifest);
    for (const listener of [...this.#manifestListeners]) listener(manifest);
    for (const doc of manifest.documents) if (this.status(doc.url).state === 'missing') this.#enqueue(doc);
    void this.#prune().catch(() => undefined);
    return manifest;
  }

  /**
   * Reads these API paths now and keeps their answers where the service worker looks when the
   * network is gone: a page first opened before the worker took control is covered too.
   */
  async keepReads(paths: readonly string[]): Promise<void> {
    if (!storageAvailable()) return;
    const epoch = this.#epoch;
    const cache = await caches.open(API_CACHE);
    await Promise.all(
      paths.map(async (path) => {
        try {
          const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
          if (response.status === 200 && epoch === this.#epoch) await cache.put(absolute(path), response);
        } catch {
          // Offline: what was kept stays.
        }
      }),
    );
  }

  /** The bytes of a version for the viewer: from this tablet, else downloaded now (checked, then kept). */
  async bytes(doc: StoredDocument): Promise<Uint8Array<ArrayBuffer>> {
    const url = absolute(doc.url);
    if (storageAvailable()) {
      const hit = await (await caches.open(DOCUMENTS_CACHE)).match(url);
      if (hit) {
        const bytes = new Uint8Array(await hit.arrayBuffer());
        // Checked again on the way out: a cache can be damaged or tampered with on the device.
        if ((await sha256Hex(bytes)) === doc.sha256) return bytes;
        await (await caches.open(DOCUMENTS_CACHE)).delete(url);
        this.#set(url, { state: 'missing', problem: 'mismatch' });
      }
    }
    return this.#fetch(doc, this.#epoch);
  }

  /**
   * A version no manifest lists (an earlier one the presenter went back to): checked against
   * the server's strong ETag, which is its SHA-256 (the documents store's sendVersion), and not kept.
   */
  async unlistedBytes(url: string): Promise<Uint8Array<ArrayBuffer>> {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (response.status !== 200) throw new DownloadError('http', `${url}: HTTP ${response.status}`);
    const etag = /^"([0-9a-f]{64})"$/.exec(response.headers.get('ETag') ?? '')?.[1];
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (!etag || (await sha256Hex(bytes)) !== etag) throw new DownloadError('size', `${url}: SHA-256 differs from the ETag`);
    return bytes;
  }

  /** A new version was pushed: fetched at once, ahead of the queue. */
  fetchNow(doc: StoredDocument): void {
    if (this.status(doc.url).state === 'stored') return;
    void this.#fetch(doc, this.#epoch).catch(() => undefined);
  }

  /** At sign-out: nothing of this user stays on a shared tablet. */
  async forgetAll(): Promise<void> {
    this.#epoch += 1;
    this.#statuses.clear();
    this.#inFlight.clear();
    this.#manifests.clear();
    if (!storageAvailable()) return;
    await Promise.all([caches.delete(DOCUMENTS_CACHE), caches.delete(API_CACHE)]);
  }

  #set(url: string, status: OfflineStatus): void {
    const before = this.#statuses.get(url);
    if (before && before.state === status.state && (before.state !== 'downloading' || (status.state === 'downloading' && before.percent === status.percent))) return;
    this.#statuses.set(url, status);
    for (const listener of [...this.#listeners]) listener(url, status);
  }

  async #readStatuses(docs: readonly StoredDocument[]): Promise<void> {
    if (!storageAvailable()) return;
    const cache = await caches.open(DOCUMENTS_CACHE);
    for (const doc of docs) {
      const url = absolute(doc.url);
      if (this.#inFlight.has(url)) continue;
      if (await cache.match(url)) this.#set(url, { state: 'stored' });
      else if (!this.#statuses.has(url)) this.#set(url, MISSING);
    }
  }

  #enqueue(doc: StoredDocument): void {
    const epoch = this.#epoch;
    this.#queue = this.#queue.then(() => (this.status(doc.url).state === 'stored' ? undefined : this.#fetch(doc, epoch))).catch(() => undefined);
  }

  #fetch(doc: StoredDocument, epoch: number): Promise<Uint8Array<ArrayBuffer>> {
    const url = absolute(doc.url);
    const running = this.#inFlight.get(url);
    if (running) return running;
    const task = this.#downloadAndKeep(url, doc, epoch).finally(() => this.#inFlight.delete(url));
    this.#inFlight.set(url, task);
    return task;
  }

  async #downloadAndKeep(url: string, doc: StoredDocument, epoch: number): Promise<Uint8Array<ArrayBuffer>> {
    this.#set(url, { state: 'downloading', percent: 0 });
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = await download(url, doc.size, (received) => {
        if (epoch === this.#epoch) this.#set(url, { state: 'downloading', percent: doc.size === 0 ? 100 : Math.floor((received * 100) / doc.size) });
      });
      if ((await sha256Hex(bytes)) !== doc.sha256) throw new DownloadError('size', `${url}: SHA-256 differs from the manifest`);
    } catch (err) {
      if (epoch === this.#epoch) this.#set(url, { state: 'missing', problem: err instanceof DownloadError && err.kind === 'size' ? 'mismatch' : 'failed' });
      throw err;
    }
    if (epoch !== this.#epoch) return bytes;
    if (storageAvailable()) {
      const headers = { 'Content-Type': 'application/pdf', 'Content-Length': String(bytes.length), ETag: `"${doc.sha256}"` };
      await (await caches.open(DOCUMENTS_CACHE)).put(url, new Response(bytes.slice(), { headers }));
      this.#set(url, { state: 'stored' });
    }
    return bytes;
  }

  /** The manifest as last read, kept with the time it was read (for the pruning). */
  async #keepManifest(manifest: Manifest): Promise<void> {
    if (!storageAvailable()) return;
    const headers = { 'Content-Type': 'application/json', Date: new Date().toUTCString() };
    await (await caches.open(API_CACHE)).put(absolute(manifestPath(manifest.meetingId)), new Response(JSON.stringify(manifest), { headers }));
  }

  async #keptManifest(meetingId: string): Promise<Manifest | null> {
    if (!storageAvailable()) return null;
    const hit = await (await caches.open(API_CACHE)).match(absolute(manifestPath(meetingId)), { ignoreVary: true });
    return hit ? ((await hit.json()) as Manifest) : null;
  }

  async #dropManifest(meetingId: string): Promise<void> {
    if (!storageAvailable()) return;
    await (await caches.open(API_CACHE)).delete(absolute(manifestPath(meetingId)));
    await this.#prune();
  }

  /** Drops every version that no kept manifest lists, and manifests not read for a month. */
  async #prune(): Promise<void> {
    if (!storageAvailable()) return;
    const api = await caches.open(API_CACHE);
    const keep = new Set<string>();
    for (const request of await api.keys()) {
      if (!MANIFEST_PATH.test(new URL(request.url).pathname)) continue;
      const response = await api.match(request, { ignoreVary: true });
      if (!response) continue;
      const readAt = Date.parse(response.headers.get('Date') ?? '');
      if (Number.isFinite(readAt) && Date.now() - readAt > MANIFEST_KEPT_MS) {
        await api.delete(request);
        continue;
      }
      const manifest = (await response.json()) as Manifest;
      for (const doc of manifest.documents) keep.add(absolute(doc.url));
    }
    const documents = await caches.open(DOCUMENTS_CACHE);
    for (const request of await documents.keys()) {
      if (keep.has(request.url) || this.#inFlight.has(request.url)) continue;
      await documents.delete(request);
      this.#statuses.delete(request.url);
    }
  }
}
