// socket.io on the Fastify server, authenticated by the same session cookie as the HTTP API.
// Each connection gets a MeetingSession; every request is validated against the protocol and
// acknowledged with a result or a typed error, never left hanging.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Server, type Socket } from 'socket.io';
import type { AuditSink } from '../audit/index.ts';
import { resolveSession, SESSION_COOKIE, type Principal } from '../auth/index.ts';
import type { Db } from '../db/index.ts';
import { pickLang } from '../errors/index.ts';
import { QuorumWatch } from '../attendance/index.ts';
import { NOTIFICATION_EVENT, REQUEST_EVENT, requestSchema, type Ack, type Notification } from '../contract/realtime.ts';
import type { Rooms } from '../media/index.ts';
import { LiveTallies, withoutAgenda, type AgendaItems } from '../votes/index.ts';
import { ackError, ackFor } from './ack.ts';
import { auditedFacts } from './audited-facts.ts';
import { FloorDesk } from './floor-desk.ts';
import { meetingFacts } from './meeting-facts.ts';
import { meetingAudience, userAudience } from './audiences.ts';
import { MeetingSession } from './meeting-session.ts';
import { toAppError } from './media-problem.ts';
import { handleRequest, type RequestContext } from './request-handlers.ts';
import type { SocketPusher } from './socket-pusher.ts';

export interface RealtimeOptions {
  db: Db;
  rooms: Rooms;
  /** Attached to this server, so capabilities' pushes reach the sockets. */
  pusher: SocketPusher;
  /** Where joins, leaves and removals are chained in the audit log. */
  audit: AuditSink;
  /** The agenda's items, for votes; without it any item id is taken as given. */
  agenda?: AgendaItems;
}

interface SocketData {
  principal: Principal;
}

export const realtimePlugin = fp(
  async (app: FastifyInstance, { db, rooms, pusher, audit, agenda = withoutAgenda }: RealtimeOptions) => {
    const quorum = new QuorumWatch({ db, pusher, log: app.log });
    const floor = new FloorDesk({ db, rooms, pusher });
    const tallies = new LiveTallies({ db, pusher, log: app.log });
    const databaseFacts = meetingFacts(db, {
      joined: (meetingId) => quorum.changed(meetingId),
      // Leaving lowers one's hand and ends one's floor.
      left: async (meetingId, userId) => {
        quorum.changed(meetingId);
        await floor.change(meetingId, { kind: 'release', userId });
      },
    });
    const io = new Server<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>(app.server, {
      path: '/socket.io',
      serveClient: false,
      // A dead link is noticed within ~10 s even when TCP says nothing; clients reconnect sooner.
      pingInterval: 5_000,
      pingTimeout: 5_000,
      maxHttpBufferSize: 256 * 1024,
    });
    pusher.attach(io);

    io.use((socket, next) => {
      const token = app.parseCookie(socket.request.headers.cookie ?? '')[SESSION_COOKIE];
      const refuse = () => next(Object.assign(new Error('auth.unauthenticated'), { data: { code: 'auth.unauthenticated' } }));
      if (!token) return refuse();
      resolveSession(db, token).then(
        (principal) => {
          if (!principal) return refuse();
          socket.data.principal = principal;
          next();
        },
        (err: unknown) => next(err instanceof Error ? err : new Error(String(err))),
      );
    });

    io.on('connection', (socket: Socket) => {
      const principal = (socket.data as SocketData).principal;
      // The app's language switch travels in the handshake: a browser's WebSocket sends the
      // browser's Accept-Language, not the language chosen in the app.
      const chosen: unknown = socket.handshake.auth.lang;
      const lang = chosen === 'vi' || chosen === 'en' ? chosen : pickLang(socket.request.headers['accept-language']);
      const log = app.log.child({ socket: socket.id, user: principal.username });
      const facts = auditedFacts(databaseFacts, audit, principal);
      const session = new MeetingSession({
        facts,
        rooms,
        principal,
        notify: (n: Notification) => void socket.emit(NOTIFICATION_EVENT, n),
        log,
      });
      void socket.join(userAudience(principal.id));
      const ctx: RequestContext = {
        principal,
        lang,
        facts,
        session,
        watch: (meetingId) => void socket.join(meetingAudience(meetingId)),
        unwatch: (meetingId) => void socket.leave(meetingAudience(meetingId)),
        db,
        pusher,
        floor,
        tallies,
        agenda,
      };
      socket.on(REQUEST_EVENT, (raw: unknown, ack: unknown) => {
        if (typeof ack !== 'function') return; // a request nobody waits for is not served
        const reply = ack as (a: Ack) => void;
        const parsed = requestSchema.safeParse(raw);
        if (!parsed.success) return reply(ackFor('validation_failed', lang));
        handleRequest(ctx, parsed.data).then(
          (data) => reply({ ok: true, data }),
          (err: unknown) => {
            const problem = toAppError(err);
            if (problem.status >= 500) log.error({ err, method: parsed.data.method }, 'signalling request failed');
            reply(ackError(problem, lang));
          },
        );
      });
      socket.on('disconnect', () => session.disconnected());
    });

    // Not io.close(): that would also close Fastify's HTTP server, which Fastify closes itself.
    app.addHook('preClose', async () => {
      quorum.close();
      tallies.close();
      rooms.close('media-restart');
      io.disconnectSockets(true);
      io.engine.close();
    });
  },
  { name: 'ecabinet-realtime', dependencies: ['@fastify/cookie'] },
);
