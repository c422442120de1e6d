import { z } from 'zod';
import { personRefSchema } from './auth.ts';
import { sha256Schema } from './documents.ts';

// A meeting's agenda and documents: ordered items (title, presenter, planned minutes), the PDFs
// attached to the meeting or to one item, the manifest tablets prefetch, and the pushes that
// tell a meeting's audience something changed.

export const agendaItemInputSchema = z.object({
  title: z.string().trim().min(1).max(500),
  /** Who presents the item (any account; shown on the agenda, and who leads its documents). */
  presenterId: z.uuid().optional(),
  /** Planned duration in minutes. */
  minutes: z.int().min(1).max(600).optional(),
});
export type AgendaItemInput = z.infer<typeof agendaItemInputSchema>;

/** A change to an item: only the fields sent change; `null` clears the presenter or the minutes. */
export const agendaItemPatchSchema = z
  .object({
    title: z.string().trim().min(1).max(500).optional(),
    presenterId: z.uuid().nullable().optional(),
    minutes: z.int().min(1).max(600).nullable().optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'Send at least one of title, presenterId, minutes.' });
export type AgendaItemPatch = z.infer<typeof agendaItemPatchSchema>;

/** The new order: every item id of the agenda, each once. */
export const agendaOrderSchema = z.object({ itemIds: z.array(z.uuid()).max(500) });
/** The item under discussion, or null for none (the chair, while the meeting is live). */
export const currentItemInputSchema = z.object({ itemId: z.uuid().nullable() });

export const agendaItemCreatedSchema = z.object({ id: z.uuid() });
export const agendaItemParamsSchema = z.object({ id: z.uuid(), itemId: z.uuid() });
export const meetingDocumentParamsSchema = z.object({ id: z.uuid(), documentId: z.uuid() });
export const meetingDocumentFileParamsSchema = meetingDocumentParamsSchema.extend({ version: z.coerce.number().int().positive().max(1_000_000) });

/** Multipart text fields of a meeting document upload besides `file`. */
export const meetingDocumentFieldsSchema = z.object({
  title: z.string().trim().min(1).max(300).optional(),
  /** Attach to this agenda item; omitted: a document of the whole meeting. */
  agendaItemId: z.uuid().optional(),
});

/** One document of a meeting at its current version; `url` downloads exactly those bytes. */
export const meetingDocumentSchema = z
  .object({
    id: z.uuid(),
    version: z.int().positive(),
    sha256: sha256Schema,
    size: z.int().nonnegative(),
    url: z.string(),
    title: z.string(),
    pages: z.int().positive(),
    agendaItemId: z.uuid().nullable(),
  })
  .meta({ id: 'MeetingDocument' });
export type MeetingDocument = z.infer<typeof meetingDocumentSchema>;

export const agendaItemSchema = z
  .object({
    id: z.uuid(),
    /** 1-based place on the agenda. */
    position: z.int().positive(),
    title: z.string(),
    presenter: personRefSchema.nullable(),
    minutes: z.int().positive().nullable(),
    documents: z.array(meetingDocumentSchema),
  })
  .meta({ id: 'AgendaItem' });
export type AgendaItem = z.infer<typeof agendaItemSchema>;

/** The agenda as everyone invited sees it (also what `agendaUpdated` pushes). */
export const agendaSchema = z
  .object({
    meetingId: z.uuid(),
    /** Goes up with every change: a client keeps the highest it has seen. */
    revision: z.int().nonnegative(),
    currentItemId: z.uuid().nullable(),
    items: z.array(agendaItemSchema),
    /** Documents of the whole meeting, not of one item. */
    documents: z.array(meetingDocumentSchema),
  })
  .meta({ id: 'Agenda' });
export type Agenda = z.infer<typeof agendaSchema>;

/** `GET /api/meetings/:id/agenda`: the agenda and what the caller may do with it now. */
export const agendaViewSchema = agendaSchema
  .extend({
    /** Add, edit, reorder and remove items (organiser's clerk or leader, before the meeting). */
    canEditItems: z.boolean(),
    /** Add, replace and remove documents (the same people, until the meeting ends). */
    canEditDocuments: z.boolean(),
    /** Set the current item (the chair, while the meeting is live). */
    canSetCurrent: z.boolean(),
  })
  .meta({ id: 'AgendaView' });
export type AgendaView = z.infer<typeof agendaViewSchema>;

/** `GET /api/meetings/:id/manifest`: every document version a tablet needs for the meeting. */
export const manifestSchema = z
  .object({
    meetingId: z.uuid(),
    revision: z.int().nonnegative(),
    documents: z.array(meetingDocumentSchema),
  })
  .meta({ id: 'MeetingManifest' });
export type Manifest = z.infer<typeof manifestSchema>;

/** Where a meeting document's version is served (the meeting's invitation decides access). */
export const meetingDocumentFileUrl = (meetingId: string, documentId: string, version: number): string =>
  `/api/meetings/${meetingId}/documents/${documentId}/versions/${version}/file`;

/** What the agenda pushes to a meeting's audience (socket.io `notification`). */
export type AgendaNotification =
  /** Items, documents or the current item changed: the whole agenda, as GET returns it without the caller's rights. */
  | { method: 'agendaUpdated'; data: Agenda }
  /** A document was added or replaced: tablets fetch this version (it is also in the manifest now). */
  | { method: 'documentVersionAdded'; data: { meetingId: string; document: MeetingDocument } };
