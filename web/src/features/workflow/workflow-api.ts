import { ApiError, isProblem, NETWORK_ERROR_CODE, type ApiClient, type User } from '../../base/api/index.ts';
import type { DocumentDetail } from '../../../../src/contract/documents.ts';
import type {
  BatchResponse,
  BatchSignRequest,
  DocumentRouteExtension,
  Drafts,
  Inbox,
  RouteDefinition,
  RouteView,
  SignRequest,
  SignResponse,
  VerificationResponse,
} from '../../../../src/contract/workflow.ts';

/** `GET /api/documents/:id` with the workflow's extension (the latest route). */
export type DocumentWithRoute = DocumentDetail & Partial<DocumentRouteExtension>;

const doc = (id: string): string => `/api/documents/${encodeURIComponent(id)}`;

/** The signing workflow as the web app calls it; every shape from src/contract/workflow.ts. */
export class WorkflowApi {
  readonly #api: ApiClient;
  readonly #language: () => string;

  constructor(api: ApiClient, language: () => string) {
    this.#api = api;
    this.#language = language;
  }

  inbox(signal?: AbortSignal): Promise<Inbox> {
    return this.#api.get<Inbox>('/api/me/inbox', { signal });
  }

  /** The documents whose route I drafted, and where each is. */
  drafts(signal?: AbortSignal): Promise<Drafts> {
    return this.#api.get<Drafts>('/api/me/drafts', { signal });
  }

  document(id: string, signal?: AbortSignal): Promise<DocumentWithRoute> {
    return this.#api.get<DocumentWithRoute>(doc(id), { signal });
  }

  /** The bytes of one version, from its `url` in the document's detail (the viewer and the placement read them). */
  async file(url: string): Promise<Uint8Array> {
    let response: Response;
    try {
      response = await fetch(url, { credentials: 'same-origin' });
    } catch (cause) {
      throw new ApiError({ status: 0, code: NETWORK_ERROR_CODE, problem: null, cause });
    }
    if (!response.ok) throw new ApiError({ status: response.status, code: `http_${response.status}`, problem: null });
    return new Uint8Array(await response.arrayBuffer());
  }

  /** Where a version's bytes are served (src/contract/documents.ts documentFileUrl; only types cross into the web app). */
  versionUrl(id: string, version: number): string {
    return `${doc(id)}/versions/${version}/file`;
  }

  defineRoute(id: string, body: RouteDefinition): Promise<RouteView> {
    return this.#api.post<RouteView>(`${doc(id)}/route`, body);
  }

  sign(id: string, body: SignRequest): Promise<SignResponse> {
    return this.#api.post<SignResponse>(`${doc(id)}/sign`, body);
  }

  reject(id: string, reason: string): Promise<RouteView> {
    return this.#api.post<RouteView>(`${doc(id)}/reject`, { reason });
  }

  batch(body: BatchSignRequest): Promise<BatchResponse> {
    return this.#api.post<BatchResponse>('/api/me/signing/batch', body);
  }

  verification(id: string, version?: number, signal?: AbortSignal): Promise<VerificationResponse> {
    const query = version === undefined ? '' : `?version=${version}`;
    return this.#api.get<VerificationResponse>(`${doc(id)}/verification${query}`, { signal });
  }

  unitUsers(unitId: string, signal?: AbortSignal): Promise<User[]> {
    return this.#api.get<User[]>(`/api/units/${encodeURIComponent(unitId)}/users`, { signal });
  }

  /** `POST /api/verification`: the report of an uploaded PDF (nothing is stored). */
  async verifyFile(file: File): Promise<VerificationResponse> {
    const form = new FormData();
    form.append('file', file, file.name);
    let response: Response;
    try {
      response = await fetch('/api/verification', {
        method: 'POST',
        body: form,
        credentials: 'same-origin',
        headers: { Accept: 'application/json, application/problem+json', 'Accept-Language': this.#language() },
      });
    } catch (cause) {
      throw new ApiError({ status: 0, code: NETWORK_ERROR_CODE, problem: null, cause });
    }
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) return body as VerificationResponse;
    const problem = isProblem(body) ? body : null;
    throw new ApiError({ status: response.status, code: problem?.code ?? `http_${response.status}`, problem });
  }
}
