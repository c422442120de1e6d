import { ApiError, NETWORK_ERROR_CODE, isProblem, parseRetryAfter } from './api-error.ts';

export interface ApiClientOptions {
  /** Sent as Accept-Language so problem titles come back in the UI language. */
  getLanguage: () => string;
  /** Defaults to same origin; tests or a split deployment may point elsewhere. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Thin JSON client over fetch for the same-origin API. The session is an httpOnly cookie, so
 * nothing here stores credentials; every error becomes an `ApiError`.
 */
export class ApiClient {
  readonly #options: ApiClientOptions;

  constructor(options: ApiClientOptions) {
    this.#options = options;
  }

  get<T>(path: string, init?: { signal?: AbortSignal }): Promise<T> {
    return this.request<T>('GET', path, undefined, init?.signal);
  }

  post<T>(path: string, body?: unknown, init?: { signal?: AbortSignal }): Promise<T> {
    return this.request<T>('POST', path, body, init?.signal);
  }

  patch<T>(path: string, body?: unknown, init?: { signal?: AbortSignal }): Promise<T> {
    return this.request<T>('PATCH', path, body, init?.signal);
  }

  put<T>(path: string, body?: unknown, init?: { signal?: AbortSignal }): Promise<T> {
    return this.request<T>('PUT', path, body, init?.signal);
  }

  async request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = {
      Accept: 'application/json, application/problem+json',
      'Accept-Language': this.#options.getLanguage(),
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';

    const doFetch = this.#options.fetch ?? globalThis.fetch.bind(globalThis);
    let response: Response;
    try {
      response = await doFetch(`${this.#options.baseUrl ?? ''}${path}`, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        credentials: 'same-origin',
        signal: signal ?? null,
      });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new ApiError({ status: 0, code: NETWORK_ERROR_CODE, problem: null, cause });
    }

    if (response.ok) {
      if (response.status === 204) return undefined as T;
      return (await response.json()) as T;
    }
    throw await toApiError(response);
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfterSeconds = parseRetryAfter(response.headers.get('Retry-After'));
  const contentType = response.headers.get('Content-Type') ?? '';
  let payload: unknown = null;
  if (contentType.includes('json')) {
    try {
      payload = await response.json();
    } catch {
      payload = null;
    }
  }
  const problem = isProblem(payload) ? payload : null;
  return new ApiError({
    status: response.status,
    code: problem?.code ?? `http_${response.status}`,
    problem,
    retryAfterSeconds,
  });
}
