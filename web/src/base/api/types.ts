// Response shapes of the server's JSON API, defined once for the whole web app.
// Keep in step with the server's route schemas in src/.

export type Role = 'admin' | 'clerk' | 'leader' | 'member';

export interface Unit {
  id: string;
  code: string;
  name: string;
  /** Data, not an enum: the unit tree may have any levels (city, district, commune, …). */
  level: string;
}

/** `GET /api/me`; also `user` in the `POST /api/auth/login` response. */
export interface Me {
  id: string;
  username: string;
  fullName: string;
  title: string | null;
  roles: Role[];
  unit: Unit;
}

export interface LoginRequest {
  username: string;
  password: string;
}

/** `POST /api/auth/login` → 200. */
export interface LoginResponse {
  user: Me;
}

export interface MeetingSummary {
  id: string;
  title: string;
  /** ISO 8601 instant. */
  startsAt: string;
}

export interface DocumentSummary {
  id: string;
  title: string;
}

/** `GET /api/home`. */
export interface HomeResponse {
  upcomingMeetings: MeetingSummary[];
  awaitingDocuments: DocumentSummary[];
}

/** RFC 9457 problem details as the server sends them (`application/problem+json`). */
export interface Problem {
  type: string;
  /** A human message, already in the language asked for with Accept-Language. */
  title: string;
  status: number;
  /** Stable machine code, e.g. `auth.invalid_credentials`. */
  code: string;
  detail?: string;
}
