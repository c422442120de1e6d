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
  readonly #signedOut = new Set<() => void>();

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
    this.#signOut();
  }

  /** The server said 401 somewhere: the cookie expired or was revoked. */
  forget(): void {
    this.#signOut();
  }

  /** Called at each sign-out (or expiry): whatever was kept for the user is dropped. */
  onSignedOut(listener: () => void): () => void {
    this.#signedOut.add(listener);
    return () => this.#signedOut.delete(listener);
  }

  #signOut(): void {
    this.#me = null;
    for (const listener of [...this.#signedOut]) listener();
  }
}
