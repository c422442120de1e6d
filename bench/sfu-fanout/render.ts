// Tables and the BENCHMARKS.md section of the SFU fan-out benchmark.
import { machineLine, type Machine } from '../lib/machine.ts';
import { table } from '../lib/stats.ts';
import type { FanoutResult } from './fanout.ts';

const int = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : 'n/a');
const fixed = (v: number, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');
const pct = (ratio: number) => (ratio === 0 ? '0' : ratio < 0.001 ? `${(ratio * 100).toFixed(3)}%` : `${(ratio * 100).toFixed(2)}%`);

export function resultsTable(results: readonly FanoutResult[]): string {
  return table(
    ['contender', 'receivers', 'consumers', 'media', 'worker CPU (% of one core)', 'µs worker CPU / packet', 'packets/s out', 'expected/s', 'loss', 'on asked layer'],
    results.map((r) => [
      r.contender, String(r.receivers), String(r.consumers), r.mediaLabel, fixed(r.workerCpu), fixed(r.workerUsPerPacket), int(r.packetsPerSecond),
      int(r.expectedPacketsPerSecond), pct(r.lossRatio) + (r.silent ? ` (${r.silent} silent)` : ''), r.videoConsumers ? `${r.onRequestedLayer}/${r.videoConsumers}` : '—',
    ]),
  );
}

/** What else was going on: where a contended or lossy figure comes from. */
export function contextTable(results: readonly FanoutResult[]): string {
  return table(
    ['contender', 'receivers', 'sender packets/s', 'sender packets > 10 ms late', 'key-frame requests', 'ingress lost', 'socket drops: SFU ingress / receivers', 'receivers CPU %', 'harness CPU %', 'other CPU %', 'machine busy % (before)', 'median kbit/s per receiver', 'set-up s'],
    results.map((r) => [
      r.contender, String(r.receivers), int(r.sender.packetsPerSecond), String(r.sender.lateOver10ms), String(r.sender.keyFrameRequests), String(r.ingressLost),
      `${r.ingressSocketDrops} / ${r.receiverSocketDrops}`, fixed(r.receiverCpu, 0), fixed(r.harnessCpu, 0), fixed(r.otherCpu, 0), `${fixed(r.machineBusy, 0)} (${fixed(r.backgroundBusy, 0)})`, int(r.medianReceiverKbps), fixed(r.setupSeconds),
    ]),
  );
}

export interface Report {
  machine: Machine;
  warmupSeconds: number;
  seconds: number;
  receiverProcesses: number;
  results: FanoutResult[];
  mediasoupVersion: string;
  workerBin: string;
}

export function renderReport(r: Report): string {
  return `Measured on ${machineLine(r.machine)}.

**Method.** \`node bench/sfu-fanout/run.ts\` runs each contender at each receiver count on a fresh
SFU. A sender in the benchmark's own process publishes a pre-encoded synthetic clip (ffmpeg
testsrc2 + noise and a sine tone, encoded once with libvpx/libopus and cached under
\`node_modules/.cache/\`): VP8 with 3 simulcast layers (320×180 ~150 kbit/s, 640×360 ~500 kbit/s,
1280×720 ~1.5 Mbit/s; key frame every second, capped at 3 average frames; L1T1) and 20 ms opus
packets, packetized in JavaScript (RFC 7741, picture IDs, marker bits) and sent at the frames'
timestamps from one UDP socket into a PlainTransport (comedia, no SRTP), with an RTCP sender
report per SSRC every second and NACKs answered. Each receiver is its own PlainTransport with
SRTP (AES_CM_128_HMAC_SHA1_80) sending to a UDP socket in one of ${r.receiverProcesses} child processes
that count packets, bytes and sequence-number gaps per SSRC (the RTP header is readable under
SRTP). Video consumers ask for their layer with \`preferredLayers\`; they consume without
transport-cc/REMB, since the receivers send no feedback and mediasoup's bandwidth estimate would
otherwise hold them below the top layer. After ${r.warmupSeconds} s of warm-up, everything is sampled twice
${r.seconds} s apart: worker CPU from \`/proc/<pid>/stat\` (utime + stime, % of one core), the
receivers' counters, the sender's counters, the producers' \`packetsLost\`, the kernel's per-socket
drops (\`/proc/net/udp\`) and the machine's CPU (\`/proc/stat\`). *packets/s out* is what the
receivers got; *expected/s* the sender's rate of each stream a receiver consumes, summed; *loss* is
sequence gaps / (received + gaps). *bare mediasoup*: mediasoup ${r.mediasoupVersion}, one worker
(${r.workerBin}), one router, nothing else. Sender, receivers and worker share the machine's
CPUs; *other CPU* is the machine's CPU time during the window that none of them used (other work
on the machine): a stage is waited for (machine ≤ 15% busy) and run again when that exceeds 20% of
a core, keeping the quietest run.

${resultsTable(r.results)}

${contextTable(r.results)}`;
}
