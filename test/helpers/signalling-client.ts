import { io, type Socket } from 'socket.io-client';
import type { Ack, Notification, Request, ResponseData } from '../../src/contract/realtime.ts';
import { ApiClient } from './client.ts';
import { DEMO_PASSWORD } from './server.ts';

type Method = Request['method'];
type DataOf<M extends Method> = Extract<Request, { method: M }>['data'];
type NotificationMap = { [K in Notification as K['method']]: K['data'] };
export type NotificationData<N extends Notification['method']> = NotificationMap[N];

/**
 * A signalling participant without a browser: the same socket.io protocol the room page
 * speaks, with the session cookie of a real login. Media parameters are made by hand
 * (fakeRtpParameters), so policies, moderation and admission are tested without WebRTC.
 */
export class SignallingClient {
  readonly socket: Socket;
  readonly notifications: Notification[] = [];
  readonly #waiters: { match: (n: Notification) => boolean; resolve: (n: Notification) => void }[] = [];

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('notification', (n: Notification) => {
      this.notifications.push(n);
      for (const w of [...this.#waiters]) {
        if (w.match(n)) {
          this.#waiters.splice(this.#waiters.indexOf(w), 1);
          w.resolve(n);
        }
      }
    });
  }

  /** Logs in over HTTP and opens a socket with that session. */
  static async connect(baseUrl: string, username: string, password: string, lang: 'vi' | 'en' = 'en'): Promise<SignallingClient> {
    const api = new ApiClient(baseUrl, lang);
    const res = await api.login(username, password);
    if (res.status !== 200) throw new Error(`login ${username} → ${res.status}`);
    return SignallingClient.withCookie(baseUrl, api.sessionCookie ?? '', lang);
  }

  /** `appLang`: the language chosen in the app, sent in the handshake like the room page does. */
  static async withCookie(baseUrl: string, cookie: string, lang: 'vi' | 'en' = 'en', appLang?: 'vi' | 'en'): Promise<SignallingClient> {
    const socket = io(baseUrl, {
      path: '/socket.io',
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { cookie, 'accept-language': lang },
      ...(appLang ? { auth: { lang: appLang } } : {}),
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (err) => reject(err));
    });
    return new SignallingClient(socket);
  }

  async request<M extends Method>(method: M, data: DataOf<M>): Promise<Ack<ResponseData[M]>> {
    return (await this.socket.timeout(10_000).emitWithAck('request', { method, data })) as Ack<ResponseData[M]>;
  }

  /** The answer's data, or an error naming the code. */
  async ok<M extends Method>(method: M, data: DataOf<M>): Promise<ResponseData[M]> {
    const ack = await this.request(method, data);
    if (!ack.ok) throw new Error(`${method} failed: ${ack.error.code} ${ack.error.message}`);
    return ack.data;
  }

  /** The first notification (already received or coming) that matches. */
  next<N extends Notification['method']>(method: N, match: (d: NotificationData<N>) => boolean = () => true, timeoutMs = 10_000): Promise<NotificationData<N>> {
    const test = (n: Notification) => n.method === method && match(n.data as NotificationData<N>);
    const seen = this.notifications.find(test);
    if (seen) return Promise.resolve(seen.data as NotificationData<N>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms`)), timeoutMs);
      this.#waiters.push({
        match: test,
        resolve: (n) => {
          clearTimeout(timer);
          resolve(n.data as NotificationData<N>);
        },
      });
    });
  }

  /** Joins with the router's own capabilities, a send and a receive transport. */
  async joinMeeting(meetingId: string, device = 'test') {
    const caps = await this.ok('getRouterRtpCapabilities', { meetingId });
    const joined = await this.ok('join', { meetingId, rtpCapabilities: caps as unknown as Record<string, unknown>, device });
    const send = await this.ok('createTransport', { direction: 'send' });
    const recv = await this.ok('createTransport', { direction: 'recv' });
    return { caps, joined, send, recv };
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** Demo users connected as a test goes, all closed at the end. */
export function signallingClients(baseUrl: () => string): { connect(username: string): Promise<SignallingClient>; closeAll(): void } {
  const clients: SignallingClient[] = [];
  return {
    connect: async (username) => {
      const c = await SignallingClient.connect(baseUrl(), username, DEMO_PASSWORD);
      clients.push(c);
      return c;
    },
    closeAll: () => {
      for (const c of clients) c.close();
    },
  };
}

let ssrc = 10_000;

/** RTP parameters a browser would send: opus audio, or VP8 with three simulcast encodings. */
export function fakeRtpParameters(kind: 'audio' | 'video'): Record<string, unknown> {
  const cname = `fake-${ssrc}`;
  if (kind === 'audio') {
    return {
      codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 }, rtcpFeedback: [] }],
      headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 1 }],
      encodings: [{ ssrc: ssrc++ }],
      rtcp: { cname },
    };
  }
  return {
    codecs: [
      {
        mimeType: 'video/VP8',
        payloadType: 96,
        clockRate: 90000,
        parameters: {},
        rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }, { type: 'goog-remb' }],
      },
    ],
    headerExtensions: [
      { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 },
      { uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time', id: 7 },
    ],
    encodings: [{ ssrc: ssrc++ }, { ssrc: ssrc++ }, { ssrc: ssrc++ }],
    rtcp: { cname },
  };
}
