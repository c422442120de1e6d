// A meeting's agenda: ordered items, the documents of the meeting and of its items (kept in the
// documents store), the manifest tablets prefetch, and the chair's current item. Above
// meetings (invitation, managers, status) and documents (the store), whose services it calls.
import type { FastifyInstance } from 'fastify';
import { agendaRoutes } from './agenda-routes.ts';
import { meetingDocumentRoutes } from './meeting-document-routes.ts';
import type { AgendaRoutesOptions } from './routes-options.ts';

export { loadAgenda } from './agenda-view.ts';
export { currentAgendaItem } from './current-item.ts';
export { meetingDocumentReader } from './document-reader.ts';
export { currentPresenterId, meetingDocumentVersion } from './presentable.ts';
export { agendaForVotes } from './votes-port.ts';
export type { AgendaRoutesOptions } from './routes-options.ts';

/** The agenda's and the meeting documents' routes. */
export async function agendaPlugin(app: FastifyInstance, opts: AgendaRoutesOptions): Promise<void> {
  await app.register(agendaRoutes, opts);
  await app.register(meetingDocumentRoutes, opts);
}
