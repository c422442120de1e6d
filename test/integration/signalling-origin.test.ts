// socket.io accepts only the app's own pages (issue 9.10): PUBLIC_URL's origin, or the host the
// server was reached at; a page of another site is refused before the session is even read.
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client.ts';
import { databaseKind } from '../helpers/database.ts';
import { rawRequest } from '../helpers/raw-http.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';

const PUBLIC_URL = 'https://ecabinet.hanoi.gov.vn';

describe(`signalling origin check (${databaseKind})`, () => {
  let t: TestServer;
  let cookie: string;
  beforeAll(async () => {
    t = await startTestServer({ PUBLIC_URL });
    const api = new ApiClient(t.url);
    expect((await api.login('city.member', DEMO_PASSWORD)).status).toBe(200);
    cookie = api.sessionCookie ?? '';
  });
  afterAll(() => t?.close());

  /** Connects as the signed-in member with this Origin; resolves 'connected' or the refusal's message. */
  const tryConnect = (origin: string | undefined, transport: 'websocket' | 'polling') =>
    new Promise<string>((resolve) => {
      const socket = io(t.url, {
        path: '/socket.io',
        transports: [transport],
        reconnection: false,
        extraHeaders: { cookie, ...(origin ? { origin } : {}) },
      });
      socket.once('connect', () => {
        socket.disconnect();
        resolve('connected');
      });
      socket.once('connect_error', (err) => {
        socket.disconnect();
        resolve(err.message);
      });
    });

  it.each(['websocket', 'polling'] as const)('over %s: refuses a foreign page, admits the app’s own and clients without Origin', async (transport) => {
    for (const foreign of ['https://evil.example', 'null', `${PUBLIC_URL}.evil.example`, 'http://ecabinet.hanoi.gov.vn']) {
      expect(await tryConnect(foreign, transport), foreign).not.toBe('connected');
    }
    expect(await tryConnect(PUBLIC_URL, transport)).toBe('connected');
    // Reached at another address than PUBLIC_URL (a LAN IP): same host as the page, so same origin.
    expect(await tryConnect(t.url, transport)).toBe('connected');
    expect(await tryConnect(undefined, transport)).toBe('connected');
  });

  it('says why: 403 with the code as the message, before the session is read', async () => {
    const res = await rawRequest(
      t.url,
      `GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\nOrigin: https://evil.example\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`,
    );
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toEqual({ code: 4, message: 'realtime.origin_not_allowed' });
  });
});
