import type { ApiClient } from '../../base/api/index.ts';
import type { CreateMeetingInput, MeetingDetail, MeetingSummary } from '../../../../src/meetings/schemas.ts';

// The meetings API as the web app calls it. The meeting shapes come from the server's own zod
// schemas (types only, nothing of the server is bundled); the unit shapes mirror src/org/routes.ts.
export type { CreateMeetingInput, MeetingDetail, MeetingSummary };
export type MeetingStatus = MeetingSummary['status'];

/** `GET /api/units`: the caller's unit and everything below it. */
export interface UnitNode {
  id: string;
  code: string;
  name: string;
  level: string;
  parentId: string | null;
  children: UnitNode[];
}

/** `GET /api/units/:id/users`. */
export interface UnitUser {
  id: string;
  username: string;
  fullName: string;
  title: string | null;
  roles: string[];
}

/** One failed field of a `validation_failed` problem (src/errors/plugin.ts), e.g. `body.title`. */
export interface FieldIssue {
  field: string;
  message: string;
}

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

  unitTree(signal?: AbortSignal): Promise<UnitNode> {
    return this.#api.get<UnitNode>('/api/units', { signal });
  }

  unitUsers(unitId: string, signal?: AbortSignal): Promise<UnitUser[]> {
    return this.#api.get<UnitUser[]>(`/api/units/${encodeURIComponent(unitId)}/users`, { signal });
  }
}
