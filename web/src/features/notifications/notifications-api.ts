import type { ApiClient, MarkReadInput, NotificationList, UnreadCount } from '../../base/api/index.ts';

/** The notifications API as the web app calls it; the shapes are the server's contract. */
export class NotificationsApi {
  readonly #api: ApiClient;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  list(limit = 30): Promise<NotificationList> {
    return this.#api.get<NotificationList>(`/api/notifications?limit=${limit}`);
  }

  markRead(which: MarkReadInput): Promise<UnreadCount> {
    return this.#api.post<UnreadCount>('/api/notifications/read', which);
  }
}
