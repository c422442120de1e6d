// Reading a meeting's agenda and manifest: items in order with their documents at their current
// versions, the meeting's own documents, the current item and the revision. Four queries
// whatever the size of the agenda.
import { asc, eq } from 'drizzle-orm';
import { getPeople } from '../auth/index.ts';
import { meetingDocumentFileUrl, type Agenda, type Manifest, type MeetingDocument } from '../contract/agenda.ts';
import type { Tx } from '../db/index.ts';
import { currentVersions } from '../documents/index.ts';
import { agendaItems, meetingAgendaState, meetingDocuments } from './agenda.table.ts';

export async function loadAgenda(db: Tx, meetingId: string): Promise<Agenda> {
  const [items, attached, [state]] = await Promise.all([
    db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position)),
    db.select().from(meetingDocuments).where(eq(meetingDocuments.meetingId, meetingId)).orderBy(asc(meetingDocuments.position)),
    db.select().from(meetingAgendaState).where(eq(meetingAgendaState.meetingId, meetingId)).limit(1),
  ]);
  const [versions, people] = await Promise.all([
    currentVersions(db, attached.map((d) => d.documentId)),
    getPeople(db, items.flatMap((i) => (i.presenterId ? [i.presenterId] : []))),
  ]);
  const versionById = new Map(versions.map((v) => [v.id, v]));
  const personById = new Map(people.map((p) => [p.id, p]));
  const docs: MeetingDocument[] = attached.map((d) => {
    const v = versionById.get(d.documentId);
    if (!v) throw new Error(`agenda: document ${d.documentId} has no current version`);
    return {
      id: v.id,
      version: v.version,
      sha256: v.sha256,
      size: v.size,
      url: meetingDocumentFileUrl(meetingId, v.id, v.version),
      title: v.title,
      pages: v.pages,
      agendaItemId: d.agendaItemId,
    };
  });
  return {
    meetingId,
    revision: state?.revision ?? 0,
    currentItemId: state?.currentItemId ?? null,
    items: items.map((i) => ({
      id: i.id,
      position: i.position,
      title: i.title,
      presenter: i.presenterId ? (personById.get(i.presenterId) ?? null) : null,
      minutes: i.plannedMinutes,
      documents: docs.filter((d) => d.agendaItemId === i.id),
    })),
    documents: docs.filter((d) => d.agendaItemId === null),
  };
}

/** Every document of the agenda at its current version: the meeting's own first, then item by item. */
export function manifestOf(agenda: Agenda): Manifest {
  return {
    meetingId: agenda.meetingId,
    revision: agenda.revision,
    documents: [...agenda.documents, ...agenda.items.flatMap((i) => i.documents)],
  };
}
