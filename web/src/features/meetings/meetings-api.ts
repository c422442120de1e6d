import type { ApiClient, CreateMeetingInput, MeetingDetail, MeetingSummary, UnitTree, User } from '../../base/api/index.ts';

/** The meetings API as the web app calls it; the shapes are the server's contract (base/api). */
export class MeetingsApi {
  readonly #api: ApiClient;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  list(signal?: AbortSignal): Promise<MeetingSummary[]> {
    return this.#api.get<MeetingSummary[]>('/api/meetings', { signal });
  }

  get(id: string, signal?: AbortSignal): Promise<MeetingDetail> {
    return this.#api.get<MeetingDetail>(`/api/meetings/${encodeURIComponent(id)}`, { signal });
  }

  create(input: CreateMeetingInput): Promise<{ id: string }> {
    return this.#api.post<{ id: string }>('/api/meetings', input);
  }

  /** `GET /api/units`: the caller's unit and everything below it. */
  unitTree(signal?: AbortSignal): Promise<UnitTree> {
    return this.#api.get<UnitTree>('/api/units', { signal });
  }

  unitUsers(unitId: string, signal?: AbortSignal): Promise<User[]> {
    return this.#api.get<User[]>(`/api/units/${encodeURIComponent(unitId)}/users`, { signal });
  }
}
