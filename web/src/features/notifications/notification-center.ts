import type { Me, NotificationItem } from '../../base/api/index.ts';
import type { LiveSocket } from '../../base/socket/index.ts';
import type { NotificationsApi } from './notifications-api.ts';

export interface NotificationState {
  readonly unread: number;
  /** Newest first; the latest few (the list the bell opens). */
  readonly items: readonly NotificationItem[];
}

const KEPT = 30;

/**
 * The signed-in user's notifications as this tab knows them: read from the server when the
 * user is set and after each reconnection (pushes sent while offline were missed), then kept
 * up to date by the live pushes. The bell renders it; anything else may subscribe.
 */
export class NotificationCenter {
  readonly #api: NotificationsApi;
  readonly #live: LiveSocket;
  readonly #listeners = new Set<(state: NotificationState) => void>();
  #state: NotificationState = { unread: 0, items: [] };
  #userId: string | null = null;
  /** Bumped per user and per read, so an answer to an older request is dropped. */
  #generation = 0;
  #refreshing = false;
  #refreshAgain = false;

  constructor(api: NotificationsApi, live: LiveSocket) {
    this.#api = api;
    this.#live = live;
    live.on('notification', (item) => this.#received(item));
    live.on('notificationsRead', ({ unread }) => {
      this.#set({ ...this.#state, unread });
      void this.refresh();
    });
    live.onConnect(() => void this.refresh());
  }

  get state(): NotificationState {
    return this.#state;
  }

  /** The user whose notifications these are; a new user starts from nothing and reads the server. */
  setUser(me: Me): void {
    this.#live.connectAs(me.id);
    if (this.#userId === me.id) return;
    this.#userId = me.id;
    this.#set({ unread: 0, items: [] });
    void this.refresh();
  }

  /** Signed out: forget everything of the user and drop the connection. */
  clear(): void {
    this.#userId = null;
    this.#generation++;
    this.#live.disconnect();
    this.#set({ unread: 0, items: [] });
  }

  async refresh(): Promise<void> {
    if (!this.#userId) return;
    if (this.#refreshing) {
      // A push that raced the read in flight may be missing from its answer: read once more after it.
      this.#refreshAgain = true;
      return;
    }
    this.#refreshing = true;
    const generation = ++this.#generation;
    try {
      const { items, unread } = await this.#api.list(KEPT);
      if (generation === this.#generation) this.#set({ items, unread });
    } catch {
      // Offline or signed out meanwhile: the count stays as it was until the next connection.
    } finally {
      this.#refreshing = false;
    }
    if (this.#refreshAgain) {
      this.#refreshAgain = false;
      await this.refresh();
    }
  }

  async markRead(ids: readonly string[]): Promise<void> {
    const unreadIds = ids.filter((id) => this.#state.items.some((n) => n.id === id && n.readAt === null));
    if (unreadIds.length === 0) return;
    this.#generation++;
    const now = new Date().toISOString();
    this.#set({
      unread: Math.max(0, this.#state.unread - unreadIds.length),
      items: this.#state.items.map((n) => (unreadIds.includes(n.id) ? { ...n, readAt: now } : n)),
    });
    const { unread } = await this.#api.markRead({ ids: unreadIds });
    this.#set({ ...this.#state, unread });
  }

  async markAllRead(): Promise<void> {
    this.#generation++;
    const now = new Date().toISOString();
    this.#set({ unread: 0, items: this.#state.items.map((n) => (n.readAt ? n : { ...n, readAt: now })) });
    const { unread } = await this.#api.markRead({ all: true });
    this.#set({ ...this.#state, unread });
  }

  subscribe(listener: (state: NotificationState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #received(item: NotificationItem): void {
    if (this.#refreshing) this.#refreshAgain = true;
    if (this.#state.items.some((n) => n.id === item.id)) return;
    this.#set({ unread: this.#state.unread + (item.readAt ? 0 : 1), items: [item, ...this.#state.items].slice(0, KEPT) });
  }

  #set(state: NotificationState): void {
    this.#state = state;
    for (const listener of [...this.#listeners]) listener(state);
  }
}
