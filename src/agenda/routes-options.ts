import type { Pusher } from '../contract/realtime.ts';
import type { Db } from '../db/index.ts';
import type { DocumentStore } from '../documents/index.ts';

export interface AgendaRoutesOptions {
  db: Db;
  /** Where meeting documents are kept. */
  store: DocumentStore;
  /** Tells the meeting's audience (sockets in its room or watching it) what changed. */
  pusher: Pusher;
}
