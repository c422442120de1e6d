import type {
  ApiClient,
  CreateMeetingBody,
  MeetingDetail,
  MeetingStatus,
  MeetingSummary,
  UnitTree,
  UpdateMeetingInput,
  User,
} from '../../base/api/index.ts';

export interface MeetingQuery {
  /** Start time bounds (ISO instants). */
  since?: string;
  until?: string;
  status?: MeetingStatus;
}

/** The meetings API as the web app calls it; the shapes are the server's contract (base/api). */
export class MeetingsApi {
  readonly #api: ApiClient;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  list(query: MeetingQuery = {}, signal?: AbortSignal): Promise<MeetingSummary[]> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
    const search = params.size > 0 ? `?${params}` : '';
    return this.#api.get<MeetingSummary[]>(`/api/meetings${search}`, { signal });
  }

  get(id: string, signal?: AbortSignal): Promise<MeetingDetail> {
    return this.#api.get<MeetingDetail>(meetingUrl(id), { signal });
  }

  create(input: CreateMeetingBody): Promise<{ id: string }> {
    return this.#api.post<{ id: string }>('/api/meetings', input);
  }

  update(id: string, input: UpdateMeetingInput): Promise<MeetingDetail> {
    return this.#api.patch<MeetingDetail>(meetingUrl(id), input);
  }

  publish(id: string): Promise<MeetingDetail> {
    return this.#api.post<MeetingDetail>(`${meetingUrl(id)}/publish`);
  }

  cancel(id: string, reason: string): Promise<MeetingDetail> {
    return this.#api.post<MeetingDetail>(`${meetingUrl(id)}/cancel`, reason ? { reason } : {});
  }

  end(id: string): Promise<MeetingDetail> {
    return this.#api.post<MeetingDetail>(`${meetingUrl(id)}/end`);
  }

  close(id: string): Promise<MeetingDetail> {
    return this.#api.post<MeetingDetail>(`${meetingUrl(id)}/close`);
  }

  /** `GET /api/units`: the caller's unit and everything below it. */
  unitTree(signal?: AbortSignal): Promise<UnitTree> {
    return this.#api.get<UnitTree>('/api/units', { signal });
  }

  unitUsers(unitId: string, signal?: AbortSignal): Promise<User[]> {
    return this.#api.get<User[]>(`/api/units/${encodeURIComponent(unitId)}/users`, { signal });
  }
}

const meetingUrl = (id: string): string => `/api/meetings/${encodeURIComponent(id)}`;
