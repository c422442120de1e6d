// One watcher process of the page-sync benchmark (forked by run.ts): its share of the tablets,
// each a socket.io connection that watches the meeting (`watchMeeting`, as a tablet reading the
// documents without media does) and notes when each `presentationChanged` arrives, on the
// clock the presenter's side reads too (performance.timeOrigin + now: one machine, one clock).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { Ack, Notification } from '../../src/contract/realtime.ts';
import type { FromChild, Receipt, ToChild, Watcher } from './messages.ts';

const send = (m: FromChild) => process.send?.(m);
const now = () => performance.timeOrigin + performance.now();
let sockets: Socket[] = [];
let receipts: Receipt[] = [];
let disconnects = 0;
let closing = false;
const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();

async function connectOne(url: string, meetingId: string, w: Watcher, timeoutMs: number): Promise<void> {
  const socket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { 'accept-language': 'en', ...(w.cookie ? { cookie: w.cookie } : {}) },
  });
  sockets.push(socket);
  socket.on('notification', (n: Notification) => {
    if (n.method === 'presentationChanged') receipts.push([w.index, n.data.revision, now()]);
  });
  socket.on('disconnect', () => {
    if (!closing) disconnects++;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('connect timeout')), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  const ack = (await socket.timeout(timeoutMs).emitWithAck('request', { method: 'watchMeeting', data: { meetingId } })) as Ack;
  if (!ack.ok) throw new Error(`watchMeeting: ${ack.error.code}`);
}

process.on('message', (m: ToChild) => {
  void (async () => {
    switch (m.type) {
      case 'connect': {
        closing = false;
        const failures: string[] = [];
        // 25 at a time: a burst of 300 handshakes would be its own benchmark.
        for (let i = 0; i < m.watchers.length; i += 25) {
          const batch = m.watchers.slice(i, i + 25);
          const results = await Promise.allSettled(batch.map((w) => connectOne(m.url, m.meetingId, w, m.timeoutMs)));
          for (const r of results) if (r.status === 'rejected') failures.push(String(r.reason));
        }
        loop.reset();
        return send({ type: 'ready', failures });
      }
      case 'report': {
        const out = receipts;
        receipts = [];
        send({ type: 'report', receipts: out, disconnects, loopDelayMaxMs: loop.max / 1e6 });
        disconnects = 0;
        loop.reset();
        return;
      }
      case 'disconnect':
        closing = true;
        for (const s of sockets) s.disconnect();
        sockets = [];
        return send({ type: 'closed' });
      case 'exit':
        process.exit(0);
    }
  })();
});

send({ type: 'ready', failures: [] });
