// Tables and the BENCHMARKS.md section of the SFU fan-out benchmark.
import { machineLine, type Machine } from '../lib/machine.ts';
import { median, table } from '../lib/stats.ts';
import type { FanoutResult } from './fanout.ts';

const int = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : 'n/a');
const fixed = (v: number, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');
const pct = (ratio: number) => (ratio === 0 ? '0' : ratio < 0.001 ? `${(ratio * 100).toFixed(3)}%` : `${(ratio * 100).toFixed(2)}%`);

export function resultsTable(results: readonly FanoutResult[]): string {
  return table(
    ['round', 'contender', 'receivers', 'consumers', 'media', 'worker CPU (% of one core)', 'µs worker CPU / packet', 'packets/s out', 'expected/s', 'loss', 'on asked layer'],
    results.map((r) => [
      String(r.round + 1), r.contender, String(r.receivers), String(r.consumers), r.mediaLabel, fixed(r.workerCpu), fixed(r.workerUsPerPacket), int(r.packetsPerSecond),
      int(r.expectedPacketsPerSecond), pct(r.lossRatio) + (r.silent ? ` (${r.silent} silent)` : ''), r.videoConsumers ? `${r.onRequestedLayer}/${r.videoConsumers}` : '—',
    ]),
  );
}

/** What else was going on: where a contended or lossy figure comes from. */
export function contextTable(results: readonly FanoutResult[]): string {
  return table(
    ['round', 'contender', 'receivers', 'sender packets/s', 'sender packets > 10 ms late', 'key-frame requests', 'ingress lost', 'socket drops: SFU ingress / receivers', 'receivers CPU %', 'harness CPU %', 'other CPU % (of it steal)', 'machine busy % (before)', 'median kbit/s per receiver', 'set-up s'],
    results.map((r) => [
      String(r.round + 1), r.contender, String(r.receivers), int(r.sender.packetsPerSecond), String(r.sender.lateOver10ms), String(r.sender.keyFrameRequests), String(r.ingressLost),
      `${r.ingressSocketDrops} / ${r.receiverSocketDrops}`, fixed(r.receiverCpu, 0), fixed(r.harnessCpu, 0), `${fixed(r.otherCpu, 0)} (${fixed(r.steal, 0)})`, `${fixed(r.machineBusy, 0)} (${fixed(r.backgroundBusy, 0)})`, int(r.medianReceiverKbps), fixed(r.setupSeconds),
    ]),
  );
}

/**
 * The application against bare mediasoup at each receiver count (when both ran): medians over
 * the rounds of worker CPU, the ratio of the medians and each round's ratio (the two contenders
 * ran back to back in a round), the ratio of CPU per forwarded packet (the fairer one when loss
 * differs), packets/s and each round's loss.
 */
export function comparisonTable(results: readonly FanoutResult[], base = 'bare mediasoup', other = 'application'): string | undefined {
  const counts = [...new Set(results.map((r) => r.receivers))];
  const rows = counts.flatMap((n) => {
    const b = results.filter((r) => r.receivers === n && r.contender === base);
    const a = results.filter((r) => r.receivers === n && r.contender === other);
    if (a.length === 0 || b.length === 0) return [];
    const m = (rs: FanoutResult[], f: (r: FanoutResult) => number) => median(rs.map(f));
    const paired = b.flatMap((rb) => {
      const ra = a.find((x) => x.round === rb.round);
      return ra ? [fixed(ra.workerCpu / rb.workerCpu, 2)] : [];
    });
    const cpu = (rs: FanoutResult[]) => `${fixed(m(rs, (r) => r.workerCpu))}${rs.length > 1 ? ` (${rs.map((r) => fixed(r.workerCpu, 0)).join(', ')})` : ''}`;
    return [[
      String(n), cpu(b), cpu(a), fixed(m(a, (r) => r.workerCpu) / m(b, (r) => r.workerCpu), 2), paired.join(', '),
      fixed(m(a, (r) => r.workerUsPerPacket) / m(b, (r) => r.workerUsPerPacket), 2),
      int(m(b, (r) => r.packetsPerSecond)), int(m(a, (r) => r.packetsPerSecond)), b.map((r) => pct(r.lossRatio)).join(', '), a.map((r) => pct(r.lossRatio)).join(', '),
    ]];
  });
  if (rows.length === 0) return undefined;
  return table(
    ['receivers', `${base}: worker CPU % (each round)`, `${other}: worker CPU % (each round)`, `${other}/${base} CPU`, 'same, each round', `${other}/${base} µs per packet`, `${base}: packets/s`, `${other}: packets/s`, `${base}: loss`, `${other}: loss`],
    rows,
  );
}

export interface Report {
  machine: Machine;
  /** The receivers' SRTP suite (bench/lib/receivers.ts). */
  srtpSuite: string;
  warmupSeconds: number;
  seconds: number;
  receiverProcesses: number;
  rounds: number;
  results: FanoutResult[];
  mediasoupVersion: string;
  workerBin: string;
}

/**
 * The goals, read off the results: the application's worker CPU within 10% of bare's at every
 * count (judged where neither lost packets: a saturated worker reads ~100% whatever it does, so
 * there the CPU per forwarded packet is compared instead), and 0% loss at the largest count.
 */
export function verdict(results: readonly FanoutResult[], base = 'bare mediasoup', other = 'application'): string {
  const counts = [...new Set(results.map((r) => r.receivers))].sort((x, y) => x - y);
  const lines: string[] = [];
  const rows = counts.flatMap((n) => {
    const b = results.filter((r) => r.receivers === n && r.contender === base);
    const a = results.filter((r) => r.receivers === n && r.contender === other);
    if (!a.length || !b.length) return [];
    const m = (rs: FanoutResult[], f: (r: FanoutResult) => number) => median(rs.map(f));
    return [{
      n,
      cpu: m(a, (r) => r.workerCpu) / m(b, (r) => r.workerCpu),
      perPacket: m(a, (r) => r.workerUsPerPacket) / m(b, (r) => r.workerUsPerPacket),
      saturated: [...a, ...b].some((r) => r.lossRatio > 0),
    }];
  });
  if (rows.length) {
    const clean = rows.filter((x) => !x.saturated);
    const saturated = rows.filter((x) => x.saturated);
    const within = clean.every((x) => x.cpu <= 1.1) && saturated.every((x) => x.perPacket <= 1.1);
    const parts = [
      ...clean.map((x) => `${fixed(x.cpu, 2)} at ${x.n}`),
      ...saturated.map((x) => `at ${x.n} both workers were saturated in some rounds (CPU ratio ${fixed(x.cpu, 2)}), CPU per forwarded packet ${fixed(x.perPacket, 2)}`),
    ];
    lines.push(`- Goal "the application's worker CPU within 10% of bare mediasoup at every N": ${within ? 'met' : 'not met'}${saturated.length ? ' as far as this machine can tell' : ''} — ${other}/${base} worker CPU, medians over the rounds: ${parts.join('; ')}.`);
  }
  const top = counts.at(-1);
  const app = results.filter((r) => r.receivers === top && r.contender === other);
  if (top !== undefined && app.length) {
    const worst = Math.max(...app.map((r) => r.lossRatio));
    const lossy = results.filter((r) => r.lossRatio > 0);
    const ceiling = lossy.length ? median(lossy.map((r) => r.packetsPerSecond)) : NaN;
    const need = median(app.map((r) => r.expectedPacketsPerSecond));
    lines.push(
      `- Goal "0% loss at N = ${top} on one worker": ${worst === 0 ? 'met' : `not met on this machine — ${other} loss ${app.map((r) => pct(r.lossRatio)).join(', ')} with its worker at ${app.map((r) => fixed(r.workerCpu, 0)).join(', ')}% of a core (bare: ${results.filter((r) => r.receivers === top && r.contender === base).map((r) => `${pct(r.lossRatio)} at ${fixed(r.workerCpu, 0)}%`).join(', ')}). A saturated worker forwarded ~${int(ceiling)} packets/s here (median of the lossy runs); N = ${top} needs ${int(need)}, which at ≤ 80% of one core means ≤ ${fixed((0.8 * 1e6) / need)} µs of worker CPU per packet against the ${fixed(median(results.filter((r) => r.lossRatio === 0).map((r) => r.workerUsPerPacket)))} µs measured in the runs without loss`}.`,
    );
  }
  return lines.length ? `\n${lines.join('\n')}\n` : '';
}

function comparison(results: readonly FanoutResult[]): string {
  const t = comparisonTable(results);
  return t ? `\n${t}\n` : '';
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
SRTP (${r.srtpSuite}, what Chromium negotiates with mediasoup) sending to a UDP socket in one of ${r.receiverProcesses} child processes
that count packets, bytes and sequence-number gaps per SSRC (the RTP header is readable under
SRTP). Video consumers ask for their layer with \`preferredLayers\`; they consume without
transport-cc/REMB, since the receivers send no feedback and mediasoup's bandwidth estimate would
otherwise hold them below the top layer. After ${r.warmupSeconds} s of warm-up, everything is sampled twice
${r.seconds} s apart: worker CPU from \`/proc/<pid>/stat\` (utime + stime, % of one core), the
receivers' counters, the sender's counters, the producers' \`packetsLost\`, the kernel's per-socket
drops (\`/proc/net/udp\`) and the machine's CPU (\`/proc/stat\`). *packets/s out* is what the
receivers got; *expected/s* the sender's rate of each stream a receiver consumes, summed; *loss* is
sequence gaps / (received + gaps). *bare mediasoup*: mediasoup ${r.mediasoupVersion}, one worker
(${r.workerBin}), one router, each receiver's consumers made directly on its PlainTransport,
nothing else. *application*: the application's media plane (\`src/media/\`) on the same worker
binary — \`MediaWorkers.create()\` with the config \`loadConfig()\` gives for \`MEDIA_WORKERS=1\`
(MEDIA_LISTEN_IP=127.0.0.1, MEDIA_PORT=0, every other setting its default) and one meeting
\`Room\` (its router with the application's codecs and an ActiveSpeakerObserver on the
microphones). The sender is the chair: its PlainTransport is attached to the room as 'send' and
it produces camera and microphone through \`room.produce()\`; each receiver joins as a participant
(\`room.join()\`, the router's capabilities without bandwidth estimation) and attaches its
receive PlainTransport (the same SRTP sink) as 'recv'; the room's big-meeting policy makes its
consumers (stage video at spatial layer 2 and the chair's audio, paused) and the receiver resumes
each on \`consumerAdded\` with \`room.resumeConsumer()\`, as a browser does. The sender sends no
audio-level header extension, so the ActiveSpeakerObserver sees packets but no levels. The
contenders run back to back at each receiver count and the whole sweep ${r.rounds === 1 ? 'runs once' : `runs ${r.rounds} times, the
contenders' order alternating from round to round`}, so drift of the machine is shared; the comparison takes
medians over the rounds. Sender, receivers and worker share the machine's CPUs; *other CPU* is
the machine's CPU time during the window that none of them used (other work on the machine, and
*steal*: time the hypervisor gave this VM's vCPUs to someone else): a stage is waited for
(machine ≤ 15% busy) and run again when that exceeds 20% of a core, keeping the quietest run.
${verdict(r.results)}${comparison(r.results)}
${resultsTable(r.results)}

${contextTable(r.results)}`;
}
