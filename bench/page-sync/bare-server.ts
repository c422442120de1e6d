// The reference of the page-sync benchmark: socket.io alone on this machine, with nothing of
// the application — no session, no database, no check — doing the same fan-out: `watchMeeting`
// joins a room, `present` is broadcast to it as `presentationChanged` and acknowledged. Run in
// a child process of its own, like the real server. Prints its port on stdout.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, { path: '/socket.io', serveClient: false, pingInterval: 5_000, pingTimeout: 5_000 });
let revision = 0;

io.on('connection', (socket) => {
  socket.on('request', (req: { method: string; data: { meetingId: string; page?: number; documentId?: string; version?: number } }, ack: (a: unknown) => void) => {
    const room = `meeting:${req.data.meetingId}`;
    if (req.method === 'watchMeeting' || req.method === 'join') {
      void socket.join(room);
      return ack({ ok: true, data: {} });
    }
    if (req.method === 'present') {
      revision += 1;
      const data = {
        meetingId: req.data.meetingId,
        revision,
        presentation: {
          presenter: { id: '00000000-0000-4000-8000-000000000000', fullName: 'Chủ tọa' },
          documentId: req.data.documentId,
          version: req.data.version,
          page: req.data.page,
          updatedAt: new Date().toISOString(),
        },
      };
      io.to(room).emit('notification', { method: 'presentationChanged', data });
      return ack({ ok: true, data });
    }
    ack({ ok: false, error: { code: 'bad_request', message: req.method } });
  });
});

http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  if (address && typeof address === 'object') process.stdout.write(`${address.port}\n`);
});
process.on('SIGTERM', () => {
  void io.close();
  process.exit(0);
});
