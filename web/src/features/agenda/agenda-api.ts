import type { AgendaItemInput, AgendaItemPatch, AgendaView, ApiClient, DocumentStored, MeetingDetail, User } from '../../base/api/index.ts';
import { uploadPdf, type UploadOptions } from './upload-pdf.ts';

const meetingPath = (meetingId: string): string => `/api/meetings/${encodeURIComponent(meetingId)}`;

/** The agenda and meeting documents API as the web app calls it (shapes from src/contract/agenda.ts). */
export class AgendaApi {
  readonly #api: ApiClient;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  meeting(meetingId: string, signal?: AbortSignal): Promise<MeetingDetail> {
    return this.#api.get<MeetingDetail>(meetingPath(meetingId), { signal });
  }

  agenda(meetingId: string, signal?: AbortSignal): Promise<AgendaView> {
    return this.#api.get<AgendaView>(`${meetingPath(meetingId)}/agenda`, { signal });
  }

  /** Accounts of a unit (the organiser's), to pick a presenter from. */
  unitUsers(unitId: string, signal?: AbortSignal): Promise<User[]> {
    return this.#api.get<User[]>(`/api/units/${encodeURIComponent(unitId)}/users`, { signal });
  }

  addItem(meetingId: string, input: AgendaItemInput): Promise<{ id: string }> {
    return this.#api.post<{ id: string }>(`${meetingPath(meetingId)}/agenda`, input);
  }

  updateItem(meetingId: string, itemId: string, patch: AgendaItemPatch): Promise<AgendaView> {
    return this.#api.request<AgendaView>('PATCH', `${meetingPath(meetingId)}/agenda/${encodeURIComponent(itemId)}`, patch);
  }

  removeItem(meetingId: string, itemId: string): Promise<AgendaView> {
    return this.#api.request<AgendaView>('DELETE', `${meetingPath(meetingId)}/agenda/${encodeURIComponent(itemId)}`);
  }

  reorder(meetingId: string, itemIds: readonly string[]): Promise<AgendaView> {
    return this.#api.post<AgendaView>(`${meetingPath(meetingId)}/agenda/order`, { itemIds });
  }

  setCurrent(meetingId: string, itemId: string | null): Promise<AgendaView> {
    return this.#api.post<AgendaView>(`${meetingPath(meetingId)}/agenda/current`, { itemId });
  }

  /** A new document of the meeting, or of one item when `agendaItemId` is given. */
  upload(meetingId: string, file: File, agendaItemId: string | null, options: UploadOptions): Promise<DocumentStored> {
    return uploadPdf(`${meetingPath(meetingId)}/documents`, file, agendaItemId ? { agendaItemId } : {}, options);
  }

  /** The next version of a meeting document. */
  replace(meetingId: string, documentId: string, file: File, options: UploadOptions): Promise<DocumentStored> {
    return uploadPdf(`${meetingPath(meetingId)}/documents/${encodeURIComponent(documentId)}/versions`, file, {}, options);
  }

  removeDocument(meetingId: string, documentId: string): Promise<void> {
    return this.#api.request<void>('DELETE', `${meetingPath(meetingId)}/documents/${encodeURIComponent(documentId)}`);
  }
}
