import { ApiError, type ApiClient, type LoginRequest, type LoginResponse, type Me } from '../../base/api/index.ts';

/**
 * Who is signed in, as far as this tab knows. The session itself is an httpOnly cookie the
 * page cannot read, so "unknown" is a real state: resolved by asking `GET /api/me`.
 */
export class Session {
  readonly #api: ApiClient;
  /** undefined: not asked yet; null: signed out. */
  #me: Me | null | undefined = undefined;
  #inFlight: Promise<Me | null> | null = null;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  /** The signed-in user, or null. Asks the server once, then answers from memory. */
  current(): Promise<Me | null> {
    if (this.#me !== undefined) return Promise.resolve(this.#me);
    this.#inFlight ??= this.#api
      .get<Me>('/api/me')
      .then(
        (me) => (this.#me = me),
        (error: unknown) => {
          if (error instanceof ApiError && error.isUnauthenticated) return (this.#me = null);
          throw error;
        },
      )
      .finally(() => (this.#inFlight = null));
    return this.#inFlight;
  }

  async login(username: string, password: string): Promise<Me> {
    const { user } = await this.#api.post<LoginResponse>('/api/auth/login', { username, password } satisfies LoginRequest);
    this.#me = user;
    return user;
  }

  async logout(): Promise<void> {
    try {
      await this.#api.post<void>('/api/auth/logout');
    } catch (error) {
      // Already signed out on the server: the outcome the user asked for.
      if (!(error instanceof ApiError && error.isUnauthenticated)) throw error;
    }
    this.#me = null;
  }

  /** The server said 401 somewhere: the cookie expired or was revoked. */
  forget(): void {
    this.#me = null;
  }
}
