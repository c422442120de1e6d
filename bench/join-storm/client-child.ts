// One client process of the join-storm benchmark (forked by run.ts): runs its share of the
// signalling clients on the schedule it is given, each one a socket.io connection doing what the
// room page does before the first picture shows — capabilities, join, a send and a receive
// transport, the stage camera's consumer, resume — and times every step.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { Ack, ConsumerInfo, Notification, Request, ResponseData } from '../../src/contract/realtime.ts';
import type { ChildClient, ClientResult, FromChild, Step, ToChild } from './messages.ts';

type Method = Request['method'];
type DataOf<M extends Method> = Extract<Request, { method: M }>['data'];

const send = (m: FromChild) => process.send?.(m);
const sockets: Socket[] = [];
let closing = false;

class StepError extends Error {
  readonly step: Step | 'connect';
  readonly code: string;
  constructor(step: Step | 'connect', code: string) {
    super(`${step}: ${code}`);
    this.step = step;
    this.code = code;
  }
}

async function request<M extends Method>(socket: Socket, step: Step, method: M, data: DataOf<M>, timeoutMs: number): Promise<ResponseData[M]> {
  let ack: Ack<ResponseData[M]>;
  try {
    ack = (await socket.timeout(timeoutMs).emitWithAck('request', { method, data })) as Ack<ResponseData[M]>;
  } catch {
    throw new StepError(step, socket.connected ? 'timeout' : 'disconnected');
  }
  if (!ack.ok) throw new StepError(step, ack.error.code);
  return ack.data;
}

async function joinOne(c: ChildClient, o: Extract<ToChild, { type: 'start' }>): Promise<ClientResult> {
  const result: ClientResult = { index: c.index, username: c.username, lateMs: Date.now() - (o.t0 + c.offsetMs), steps: {}, otherConsumers: 0, otherErrors: [] };
  const t = () => performance.now();
  const tConnect = t();
  const socket = io(o.url, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie: c.cookie, 'accept-language': 'en' },
  });
  sockets.push(socket);
  let onDisconnect: ((reason: string) => void) | undefined;
  socket.on('disconnect', (reason) => {
    if (closing) return;
    result.disconnect ??= { reason, atMs: Date.now() - o.t0 };
    onDisconnect?.(reason);
  });

  // The stage camera's consumer, whenever it comes (it may come before we wait for it).
  let stage: ConsumerInfo | undefined;
  let stageArrived: ((info: ConsumerInfo) => void) | undefined;
  socket.on('notification', (n: Notification) => {
    if ((n.method === 'closed' || n.method === 'rejoin') && !result.disconnect) result.disconnect = { reason: `${n.method}: ${n.data.reason}`, atMs: Date.now() - o.t0 };
    if (n.method !== 'consumerAdded') return;
    if (n.data.role === 'stage' && n.data.source === 'camera' && !stage) {
      stage = n.data;
      stageArrived?.(n.data);
    } else {
      // Like the room page: every other consumer is resumed too, outside the timed path.
      result.otherConsumers++;
      request(socket, 'resumeConsumer', 'resumeConsumer', { consumerId: n.data.consumerId }, o.timeoutMs).catch((err: unknown) =>
        result.otherErrors.push(err instanceof StepError ? err.code : String(err)),
      );
    }
  });

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new StepError('connect', 'timeout')), o.timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('connect_error', (err: Error & { data?: { code?: string } }) => {
        clearTimeout(timer);
        reject(new StepError('connect', err.data?.code ?? err.message));
      });
    });
    result.connectMs = t() - tConnect;

    const t0 = t();
    let last = t0;
    const lap = (step: Step) => {
      const now = t();
      result.steps[step] = now - last;
      last = now;
    };
    const caps = await request(socket, 'getRouterRtpCapabilities', 'getRouterRtpCapabilities', { meetingId: o.meetingId }, o.timeoutMs);
    lap('getRouterRtpCapabilities');
    await request(socket, 'join', 'join', { meetingId: o.meetingId, rtpCapabilities: caps as unknown as Record<string, unknown>, device: 'bench' }, o.timeoutMs);
    lap('join');
    await request(socket, 'createTransport send', 'createTransport', { direction: 'send' }, o.timeoutMs);
    lap('createTransport send');
    await request(socket, 'createTransport recv', 'createTransport', { direction: 'recv' }, o.timeoutMs);
    lap('createTransport recv');
    const consumer =
      stage ??
      (await new Promise<ConsumerInfo>((resolve, reject) => {
        if (!socket.connected) return reject(new StepError('stage consumerAdded', 'disconnected'));
        const timer = setTimeout(() => reject(new StepError('stage consumerAdded', 'timeout')), o.timeoutMs);
        onDisconnect = () => {
          clearTimeout(timer);
          reject(new StepError('stage consumerAdded', 'disconnected'));
        };
        stageArrived = (info) => {
          clearTimeout(timer);
          resolve(info);
        };
      }));
    lap('stage consumerAdded');
    await request(socket, 'resumeConsumer', 'resumeConsumer', { consumerId: consumer.consumerId }, o.timeoutMs);
    lap('resumeConsumer');
    result.joinMs = t() - t0;
    result.doneAtMs = Date.now() - o.t0;
  } catch (err) {
    result.error = err instanceof StepError ? { step: err.step, code: err.code } : { step: 'connect', code: String(err) };
    // Which side gave up: "ping timeout" (this client heard no ping), "transport close" (the server closed it)…
    if (result.error.code === 'disconnected' && result.disconnect) result.error.code = `disconnected (${result.disconnect.reason})`;
    result.doneAtMs = Date.now() - o.t0;
  }
  return result;
}

async function run(o: Extract<ToChild, { type: 'start' }>): Promise<void> {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  await new Promise((r) => setTimeout(r, Math.max(0, o.t0 - Date.now())));
  loop.enable();
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const results = await Promise.all(
    o.clients.map(async (c) => {
      await new Promise((r) => setTimeout(r, Math.max(0, o.t0 + c.offsetMs - Date.now())));
      return joinOne(c, o);
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  loop.disable();
  send({
    type: 'done',
    results,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    wallSeconds: (performance.now() - wall0) / 1000,
    loopDelayP99Ms: loop.percentile(99) / 1e6,
    loopDelayMaxMs: loop.max / 1e6,
  });
}

process.on('message', (m: ToChild) => {
  if (m.type === 'start') void run(m);
  else if (m.type === 'close') {
    closing = true;
    for (const s of sockets) s.disconnect();
    setTimeout(() => process.exit(0), 100);
  }
});
// The parent goes away (Ctrl-C, a crash): so do we.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
