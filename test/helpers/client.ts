/** A fetch wrapper that keeps the session cookie, like a browser tab would. */
export class ApiClient {
  private cookie: string | undefined;
  readonly baseUrl: string;
  readonly lang: 'vi' | 'en';

  constructor(baseUrl: string, lang: 'vi' | 'en' = 'vi') {
    this.baseUrl = baseUrl;
    this.lang = lang;
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        'accept-language': this.lang,
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const set = res.headers.getSetCookie();
    for (const c of set) {
      const [pair] = c.split(';');
      if (pair?.startsWith('ecabinet_session=')) this.cookie = /expires=Thu, 01 Jan 1970/i.test(c) ? undefined : pair;
    }
    return res;
  }

  /** The `name=value` session cookie, for a socket.io handshake as the same user. */
  get sessionCookie(): string | undefined {
    return this.cookie;
  }

  /** A client already signed in with `cookie` (`name=value`, e.g. a member made by members.ts). */
  static withSession(baseUrl: string, cookie: string, lang: 'vi' | 'en' = 'vi'): ApiClient {
    const client = new ApiClient(baseUrl, lang);
    client.cookie = cookie;
    return client;
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', path, body, headers);

  async login(username: string, password: string): Promise<Response> {
    return this.post('/api/auth/login', { username, password });
  }

  async json<T = Record<string, unknown>>(path: string): Promise<T> {
    const res = await this.get(path);
    if (!res.ok) throw new Error(`GET ${path} → ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  }
}
