// One voter process of the vote benchmark (forked by run.ts): its share of the 600 voters, each
// a socket.io connection that joined the meeting's room (so it is present, as a voter must be),
// then casts its ballot when the vote opens, timed from send to acknowledgement.
import { io, type Socket } from 'socket.io-client';
import type { Ack, Notification, Request, ResponseData } from '../../src/contract/realtime.ts';
import type { VoteChoice } from '../../src/contract/votes.ts';
import type { ChildVoter, FromChild, RoundReport, ToChild } from './messages.ts';

type Method = Request['method'];
type DataOf<M extends Method> = Extract<Request, { method: M }>['data'];

const CHOICES: readonly VoteChoice[] = ['yes', 'no', 'abstain'];
const send = (m: FromChild) => process.send?.(m);
const voters: { v: ChildVoter; socket: Socket }[] = [];
let meetingId = '';
let timeoutMs = 30_000;
let armed: { round: string; spreadMs: number; pending: Promise<void>[]; report: RoundReport; cpu0: NodeJS.CpuUsage } | null = null;

class Refused extends Error {}

async function request<M extends Method>(socket: Socket, method: M, data: DataOf<M>): Promise<ResponseData[M]> {
  let ack: Ack<ResponseData[M]>;
  try {
    ack = (await socket.timeout(timeoutMs).emitWithAck('request', { method, data })) as Ack<ResponseData[M]>;
  } catch {
    throw new Refused(socket.connected ? 'timeout' : 'disconnected');
  }
  if (!ack.ok) throw new Refused(ack.error.code);
  return ack.data;
}

function emptyReport(round: string): RoundReport {
  return { type: 'round', round, latenciesMs: [], pushMs: [], failures: {}, cast: { yes: 0, no: 0, abstain: 0 }, firstSentAt: Infinity, lastAckAt: 0, cpuSeconds: 0 };
}

/** Times one request of one voter into `report`. */
async function timed(report: RoundReport, work: () => Promise<unknown>): Promise<boolean> {
  const sentAt = Date.now();
  report.firstSentAt = Math.min(report.firstSentAt, sentAt);
  const t0 = performance.now();
  try {
    await work();
    report.latenciesMs.push(performance.now() - t0);
    report.lastAckAt = Math.max(report.lastAckAt, Date.now());
    return true;
  } catch (err) {
    const code = err instanceof Refused ? err.message : String(err);
    report.failures[code] = (report.failures[code] ?? 0) + 1;
    return false;
  }
}

function onNotification(v: ChildVoter, socket: Socket, n: Notification): void {
  if (n.method !== 'voteOpened' || n.data.meetingId !== meetingId || !armed) return;
  const round = armed;
  // The vote's opening time is the database's clock, on this same machine.
  round.report.pushMs.push(Date.now() - Date.parse(n.data.openedAt));
  const choice = CHOICES[v.index % 3] as VoteChoice;
  const voteId = n.data.id;
  round.pending.push(
    (async () => {
      await new Promise((r) => setTimeout(r, Math.random() * round.spreadMs));
      if (await timed(round.report, () => request(socket, 'castBallot', { voteId, choice }))) round.report.cast[choice]++;
    })(),
  );
  if (round.pending.length === voters.length) void finish(round);
}

async function finish(round: NonNullable<typeof armed>): Promise<void> {
  await Promise.all(round.pending);
  const cpu = process.cpuUsage(round.cpu0);
  round.report.cpuSeconds = (cpu.user + cpu.system) / 1e6;
  armed = null;
  send(round.report);
}

async function joinAll(m: Extract<ToChild, { type: 'join' }>): Promise<void> {
  meetingId = m.meetingId;
  timeoutMs = m.timeoutMs;
  const failures: Record<string, number> = {};
  let joined = 0;
  // Twenty at a time: the joins are not what is measured here (bench/join-storm measures them).
  for (let i = 0; i < m.voters.length; i += 20) {
    await Promise.all(
      m.voters.slice(i, i + 20).map(async (v) => {
        const socket = io(m.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: v.cookie, 'accept-language': 'en' } });
        try {
          await new Promise<void>((resolve, reject) => {
            socket.once('connect', () => resolve());
            socket.once('connect_error', (err) => reject(new Refused(`connect: ${err.message}`)));
          });
          const caps = await request(socket, 'getRouterRtpCapabilities', { meetingId });
          await request(socket, 'join', { meetingId, rtpCapabilities: caps as unknown as Record<string, unknown>, device: 'bench voter' });
          socket.on('notification', (n: Notification) => onNotification(v, socket, n));
          voters.push({ v, socket });
          joined++;
        } catch (err) {
          const code = err instanceof Refused ? err.message : String(err);
          failures[code] = (failures[code] ?? 0) + 1;
          socket.disconnect();
        }
      }),
    );
  }
  send({ type: 'joined', joined, failures });
}

async function probe(round: string): Promise<void> {
  const report = emptyReport(round);
  const cpu0 = process.cpuUsage();
  await Promise.all(voters.map(({ socket }) => timed(report, () => request(socket, 'unwatchMeeting', { meetingId }))));
  const cpu = process.cpuUsage(cpu0);
  report.cpuSeconds = (cpu.user + cpu.system) / 1e6;
  send(report);
}

process.on('message', (m: ToChild) => {
  switch (m.type) {
    case 'join':
      return void joinAll(m);
    case 'probe':
      return void probe(m.round);
    case 'arm':
      armed = { round: m.round, spreadMs: m.spreadMs, pending: [], report: emptyReport(m.round), cpu0: process.cpuUsage() };
      return send({ type: 'armed', round: m.round });
    case 'close':
      for (const { socket } of voters) socket.disconnect();
      setTimeout(() => process.exit(0), 100);
  }
});
// The parent goes away (Ctrl-C, a crash): so do we.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
