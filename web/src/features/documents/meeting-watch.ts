// Which meetings this tablet keeps ready: the upcoming ones of the home page and the one whose
// page is open. For each, the socket watches the meeting (so `documentVersionAdded` and
// `agendaUpdated` reach it) and the offline store keeps its documents; a new version is
// fetched the moment it is announced, and after a reconnection every manifest is read again
// (pushes sent meanwhile were missed).
import type { LiveSocket } from '../../base/socket/index.ts';
import type { OfflineDocuments } from './offline-store.ts';

export class MeetingWatch {
  readonly #live: LiveSocket;
  readonly #offline: OfflineDocuments;
  #kept = new Set<string>();
  readonly #held = new Map<string, number>();
  /** Meetings whose manifest is being read, and those to read again once it is done. */
  readonly #syncing = new Set<string>();
  readonly #again = new Set<string>();

  constructor(options: { live: LiveSocket; offline: OfflineDocuments }) {
    this.#live = options.live;
    this.#offline = options.offline;
    this.#live.onConnect(() => {
      for (const id of this.#ids()) this.#watch(id);
    });
    this.#live.on('documentVersionAdded', ({ meetingId, document }) => {
      if (!this.#ids().has(meetingId)) return;
      this.#offline.fetchNow(document);
      this.#sync(meetingId);
    });
    this.#live.on('agendaUpdated', ({ meetingId }) => {
      if (this.#ids().has(meetingId)) this.#sync(meetingId);
    });
  }

  /** The home page's upcoming meetings: these (and held ones) are kept, no others added. */
  keep(meetingIds: readonly string[]): void {
    void this.#offline.keepReads(['/api/me', '/api/home']);
    const before = this.#ids();
    this.#kept = new Set(meetingIds);
    for (const id of meetingIds) if (!before.has(id)) this.#start(id);
  }

  /** A page holds its meeting while it is open; returns the release. */
  hold(meetingId: string): () => void {
    const before = this.#ids().has(meetingId);
    this.#held.set(meetingId, (this.#held.get(meetingId) ?? 0) + 1);
    if (!before) this.#start(meetingId);
    else this.#sync(meetingId);
    return () => {
      const n = (this.#held.get(meetingId) ?? 1) - 1;
      if (n > 0) this.#held.set(meetingId, n);
      else this.#held.delete(meetingId);
    };
  }

  /** At sign-out. */
  clear(): void {
    this.#kept.clear();
    this.#held.clear();
  }

  #ids(): Set<string> {
    return new Set([...this.#kept, ...this.#held.keys()]);
  }

  #start(meetingId: string): void {
    if (this.#live.connected) this.#watch(meetingId);
    else this.#sync(meetingId);
  }

  #watch(meetingId: string): void {
    this.#live.request('watchMeeting', { meetingId }).then(
      () => this.#sync(meetingId),
      () => this.#sync(meetingId),
    );
  }

  #sync(meetingId: string): void {
    if (this.#syncing.has(meetingId)) {
      this.#again.add(meetingId);
      return;
    }
    this.#syncing.add(meetingId);
    this.#offline
      .syncMeeting(meetingId)
      .catch(() => undefined)
      .finally(() => {
        this.#syncing.delete(meetingId);
        if (this.#again.delete(meetingId)) this.#sync(meetingId);
      });
  }
}
