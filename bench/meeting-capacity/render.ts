// Tables, the 611-site budget and the BENCHMARKS.md section of the meeting-capacity benchmark.
import { machineLine, type Machine } from '../lib/machine.ts';
import { table } from '../lib/stats.ts';
import type { IngressResult, StageResult } from './meeting.ts';

const int = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : 'n/a');
const fixed = (v: number, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');
const pct = (ratio: number) => (ratio === 0 ? '0' : ratio < 0.001 ? `${(ratio * 100).toFixed(3)}%` : `${(ratio * 100).toFixed(2)}%`);

/** Per-core ceiling of the budget: a worker past ~80% of a core is at the knee (BENCHMARKS.md, SFU fan-out). */
export const CORE_CEILING = 0.8;

export const held = (r: StageResult): boolean => r.lost === 0 && r.silent === 0;

export function sitesTable(stages: readonly StageResult[]): string {
  return table(
    ['sites', 'consumers per site: mean (max)', 'packets/s per site: mean', 'p95', 'max', 'stage', 'thumbnails', 'audio', 'packets/s all sites', 'expected/s', 'loss', 'video on asked layers'],
    stages.map((r) => [
      String(r.sites), `${fixed(r.consumersMean)} (${r.consumersMax})`, fixed(r.mean), fixed(r.p95), fixed(r.max),
      fixed(r.meanByRole.stage), fixed(r.meanByRole.thumbnail), fixed(r.meanByRole.audio),
      int(r.packetsPerSecond), int(r.expectedPerSecond), pct(r.lossRatio) + (r.silent ? ` (${r.silent} silent)` : ''), `${r.onAskedLayer}/${r.videoConsumers}`,
    ]),
  );
}

export function workersTable(stages: readonly StageResult[]): string {
  return table(
    ['sites', 'worker CPU % per worker', 'workers total %', 'consumers per worker', 'sites per worker', 'µs worker CPU / packet', 'receivers CPU %', 'harness CPU %', 'other CPU %', 'machine busy %', 'socket drops: SFU ingress / pipes / receivers / all UDP', 'lost by sites per worker', 'ingress lost', 'sender packets > 10 ms late', 'set-up s'],
    stages.map((r) => [
      String(r.sites), r.workers.map((w) => fixed(w.cpu)).join(' / '), fixed(r.workerCpuTotal), r.workers.map((w) => String(w.consumers)).join(' / '),
      r.workers.map((w) => String(w.sites)).join(' / '), fixed(r.workerUsPerPacket), fixed(r.receiverCpu, 0), fixed(r.harnessCpu, 0), fixed(r.otherCpu, 0),
      fixed(r.machineBusy, 0), `${r.ingressSocketDrops} / ${r.pipeSocketDrops} / ${r.receiverSocketDrops} / ${r.udp.RcvbufErrors}`, r.lostByWorker.join(' / '), String(r.ingressLost), String(r.senderLateOver10ms), fixed(r.setupSeconds),
    ]),
  );
}

export function ingressTable(i: IngressResult): string {
  return table(
    ['senders', 'packets/s in', 'worker CPU % per worker', 'µs worker CPU / ingress packet', 'other CPU %'],
    [[String(i.senders), int(i.packetsPerSecond), i.workerCpu.map((c) => fixed(c)).join(' / '), fixed(i.usPerPacket, 2), fixed(i.otherCpu, 0)]],
  );
}

export interface Budget {
  /** The stage the per-packet cost and the per-site mix are taken from: the largest that held. */
  reference: StageResult;
  sites: number;
  rows: { what: string; packetsPerSecond: number; cores: number; needed: number }[];
  /**
   * The ingress of the whole meeting, computed: the stage camera with every layer, every other
   * camera at its lowest layer (producerDemand), each with its microphone — silent with opus DTX
   * (as the measured non-chair senders), or every one of them talking at once.
   */
  ingress?: { sites: number; stagePerSecond: number; otherPerSecond: number; otherSilentPerSecond: number; packetsPerSecond: number; silentPacketsPerSecond: number; cores: number; silentCores: number; needed: number };
}

/** Cores (at ≤ 80% each) for `sites` sites, computed from the reference stage's measured figures. */
export function budget(stages: readonly StageResult[], sites: number, goalPerSite: number, ingress?: IngressResult): Budget | undefined {
  const reference = [...stages].reverse().find(held);
  if (!reference) return undefined;
  const us = reference.workerUsPerPacket;
  const row = (what: string, perSite: number) => {
    const packetsPerSecond = perSite * sites;
    const cores = (packetsPerSecond * us) / 1e6;
    return { what, packetsPerSecond, cores, needed: Math.ceil(cores / CORE_CEILING) };
  };
  const b: Budget = {
    reference,
    sites,
    rows: [
      row(`${sites} sites × ${fixed(reference.mean)} packets/s (the measured mean per site)`, reference.mean),
      row(`${sites} sites × ${fixed(reference.max)} packets/s (the measured maximum per site)`, reference.max),
      row(`${sites} sites × ${goalPerSite} packets/s (the goal per site)`, goalPerSite),
    ],
  };
  const ro = receiveOnlySite(reference);
  if (ro) b.rows.splice(2, 0, row(`${sites} sites × ${fixed(ro.allTalking)} packets/s (every audible microphone talking at once: computed)`, ro.allTalking));
  const chair = reference.senderStreams.find((x) => x.chair);
  const others = reference.senderStreams.filter((x) => !x.chair);
  if (ingress && chair && others.length) {
    const mean = (f: (x: (typeof others)[number]) => number) => others.reduce((t, x) => t + f(x), 0) / others.length;
    const otherPerSecond = mean((x) => x.total - x.audio) + chair.audio;
    const otherSilentPerSecond = mean((x) => x.total);
    const packetsPerSecond = chair.total + (sites - 1) * otherPerSecond;
    const silentPacketsPerSecond = chair.total + (sites - 1) * otherSilentPerSecond;
    const cores = (packetsPerSecond * ingress.usPerPacket) / 1e6;
    b.ingress = {
      sites, stagePerSecond: chair.total, otherPerSecond, otherSilentPerSecond, packetsPerSecond, silentPacketsPerSecond, cores,
      silentCores: (silentPacketsPerSecond * ingress.usPerPacket) / 1e6, needed: Math.ceil(cores / CORE_CEILING),
    };
  }
  return b;
}

export function budgetTable(b: Budget): string {
  const rows = b.rows.map((r) => [r.what, int(r.packetsPerSecond), fixed(r.cores, 2), String(r.needed)]);
  if (b.ingress) {
    const i = b.ingress;
    rows.push([
      `+ ingress (not in the rows above): the stage camera and microphone (${fixed(i.stagePerSecond)} packets/s) + ${i.sites - 1} cameras at their lowest layer and microphones silent (opus DTX, ${fixed(i.otherSilentPerSecond)} each, as measured)`,
      int(i.silentPacketsPerSecond), fixed(i.silentCores, 2), String(Math.ceil(i.silentCores / CORE_CEILING)),
    ]);
    rows.push([`+ ingress, the same with all ${i.sites - 1} microphones talking at once (${fixed(i.otherPerSecond)} each)`, int(i.packetsPerSecond), fixed(i.cores, 2), String(i.needed)]);
  }
  return table(['computed for the city meeting', 'packets/s', 'worker CPU (cores)', `cores needed at ≤ ${CORE_CEILING * 100}% each`], rows);
}

export interface Report {
  machine: Machine;
  /** The receivers' SRTP suite (bench/lib/receivers.ts). */
  srtpSuite: string;
  mediasoupVersion: string;
  workerBin: string;
  workers: number;
  consumersPerWorker: number;
  thumbnailsPerPage: number;
  audibleSpeakers: number;
  /** The districts that spoke before city hall. */
  speakers: string[];
  warmupSeconds: number;
  seconds: number;
  receiverProcesses: number;
  ramp: number[];
  stages: StageResult[];
  ingress?: IngressResult;
  budget?: Budget;
  goalPerSite: number;
  backgroundBusy: number;
  totalSeconds: number;
}

/**
 * A receive-only site as measured (city hall talking, the recent speakers silent with DTX), and
 * the same site computed with every microphone it hears talking at once (each at the rate of
 * city hall's, which talks all through the window).
 */
export function receiveOnlySite(r: StageResult): { sites: number; stage: number; thumbnails: number; audio: number; audioStreams: number; total: number; allTalking: number } | undefined {
  const sites = r.perSite.filter((p) => !p.sender);
  if (sites.length === 0) return undefined;
  const mean = (f: (p: (typeof sites)[number]) => number) => sites.reduce((t, p) => t + f(p), 0) / sites.length;
  const stage = mean((p) => p.byRole.stage);
  const thumbnails = mean((p) => p.byRole.thumbnail);
  const audio = mean((p) => p.byRole.audio);
  const audioStreams = mean((p) => p.consumersByRole.audio);
  const talking = r.senderStreams.find((x) => x.chair)?.audio ?? 0;
  return { sites: sites.length, stage, thumbnails, audio, audioStreams, total: mean((p) => p.packetsPerSecond), allTalking: stage + thumbnails + audioStreams * talking };
}

export function summary(r: Report): string {
  const ok = r.stages.filter(held);
  const largest = ok.at(-1);
  const first = r.stages.find((s) => !held(s));
  const lines: string[] = [];
  if (largest) {
    lines.push(
      `- Per site (${largest.sites} sites, the largest that held): ${fixed(largest.mean)} packets/s on average (stage ${fixed(largest.meanByRole.stage)}, thumbnails ${fixed(largest.meanByRole.thumbnail)}, audio ${fixed(largest.meanByRole.audio)}), p95 ${fixed(largest.p95)}, max ${fixed(largest.max)}; ${fixed(largest.consumersMean)} consumers per site (max ${largest.consumersMax}). Goal ≤ ${r.goalPerSite}: ${largest.max <= r.goalPerSite ? 'met' : 'not met'}.`,
    );
  }
  const ro = largest && receiveOnlySite(largest);
  if (ro) {
    lines.push(
      `- A receive-only site: ${fixed(ro.total)} packets/s = stage ${fixed(ro.stage)} + thumbnails ${fixed(ro.thumbnails)} + audio ${fixed(ro.audio)} (${fixed(ro.audioStreams)} microphones: city hall talking, ${r.speakers.join(' and ')} — the recent speakers the ActiveSpeakerObserver picked — silent with opus DTX, as the web client sends them: \`opusDtx: true\` in web/src/features/meeting-room/media-session.ts). Computed, not measured: with all ${fixed(ro.audioStreams, 0)} talking at once, ${fixed(ro.allTalking, 0)} packets/s.`,
    );
  }
  lines.push(
    largest
      ? `- Largest site count this machine held at 0% loss: ${largest.sites}${first ? `; at ${first.sites} sites ${pct(first.lossRatio)} loss — packets lost by the sites on each worker ${first.lostByWorker.join(' / ')}; kernel receive-buffer drops on the senders' sockets (SFU ingress) ${first.ingressSocketDrops}, on the pipes between the workers ${first.pipeSocketDrops}, on the receivers' sockets ${first.receiverSocketDrops}; CPU: workers ${first.workers.map((w) => fixed(w.cpu, 0)).join(' + ')}% of a core, receivers ${fixed(first.receiverCpu, 0)}%, senders and harness ${fixed(first.harnessCpu, 0)}%, other ${fixed(first.otherCpu, 0)}%, machine ${fixed(first.machineBusy, 0)}% busy` : ` (the ramp stopped at ${r.ramp.at(-1)} without loss)`}.`
      : `- No stage held at 0% loss (${first ? `${first.sites} sites: ${pct(first.lossRatio)}` : 'no stage ran'}).`,
  );
  if (r.budget) {
    const mean = r.budget.rows[0];
    const goal = r.budget.rows.at(-1);
    lines.push(
      `- ${r.budget.sites} sites, computed at ${fixed(r.budget.reference.workerUsPerPacket)} µs of worker CPU per delivered packet (measured at ${r.budget.reference.sites} sites): ${mean ? `${int(mean.packetsPerSecond)} packets/s, ${fixed(mean.cores, 2)} cores of worker CPU → ${mean.needed} cores at ≤ ${CORE_CEILING * 100}%` : ''}${goal ? `; at the goal's ${r.goalPerSite} packets/s per site ${goal.needed} cores` : ''}.`,
    );
    if (r.budget.ingress) {
      const i = r.budget.ingress;
      lines.push(
        `- Not in that figure: the ingress. In the real meeting every site sends its camera and microphone whether anyone receives them or not; with producerDemand a camera nobody has on stage sends only its lowest layer (these senders do the same). Computed: the stage's ${fixed(i.stagePerSecond)} packets/s + ${i.sites - 1} × ${fixed(i.otherSilentPerSecond)} (lowest layer + a silent microphone, DTX) = ${int(i.silentPacketsPerSecond)} packets/s in, at the ${fixed(r.ingress?.usPerPacket ?? NaN, 2)} µs per ingress packet measured here another ${fixed(i.silentCores, 2)} cores; ${int(i.packetsPerSecond)} packets/s and ${fixed(i.cores, 2)} cores if every microphone carried sound — a floor: browsers' ingress is SRTP with RTCP feedback, these senders' plain RTP.`,
      );
    }
  }
  return lines.join('\n');
}

export function renderReport(r: Report): string {
  return `Measured on ${machineLine(r.machine)}; machine ${fixed(r.backgroundBusy, 0)}% busy just before, ${fixed(r.totalSeconds / 60)} min in all.

${summary(r)}

**Method.** \`node bench/meeting-capacity/run.ts\` builds one meeting on the application's media plane
(\`src/media/\`): \`MediaWorkers.create()\` with the media config \`loadConfig()\` gives by default on this
machine (${r.workers} workers, MEDIA_CONSUMERS_PER_WORKER=${r.consumersPerWorker}, MEDIA_THUMBNAILS_PER_PAGE=${r.thumbnailsPerPage},
MEDIA_AUDIBLE_SPEAKERS=${r.audibleSpeakers}; only MEDIA_LISTEN_IP=127.0.0.1 and MEDIA_PORT=0 set, for the unused
WebRtcServers) and one \`Room\`, which places each site on a worker by its consumer count and pipes
producers between its routers (\`pipeToRouter\`) — part of what is measured. The sites are the city's:
city hall (the chair), 30 districts, 580 communes, joining in that order. Real RTP senders only where
the big-meeting policy sends media anywhere: city hall (on stage, as chair with no floor holder) and
the districts of the first thumbnail page (${r.thumbnailsPerPage}) (the benchmark checks that the policy wants nobody else's
media). Their microphones carry audio levels (RFC 6464): silent, a sender does what opus DTX does
in a browser (one packet per 400 ms, level 127); talking, the levels rise and fall over 500 ms
words. Before anyone receives, ${r.speakers.join(' and ')} take turns talking, then city hall, each until the
room's ActiveSpeakerObserver has picked it; so the policy's ${r.audibleSpeakers} audible speakers are real recent
speakers, silent while city hall — on stage — goes on talking through every window.
Each sender is the benchmark sender (bench/lib/sender.ts) producing through \`room.produce()\`: the
cached synthetic clip as VP8 with 3 simulcast layers (320×180 ~150 kbit/s, 640×360 ~500 kbit/s,
1280×720 ~1.5 Mbit/s) and 20 ms opus, into a PlainTransport attached as 'send'. Its VP8 carries
L1T3 labels (\`scalabilityMode: 'L1T3'\` on each encoding; TID 0, 2, 1, 2 from each key frame with
the T bit, TL0PICIDX and the Y bit in the RFC 7741 descriptor) so the thumbnails' temporal layer 0
is honoured: the frames are *labelled*, not re-encoded as an L1T3 encoder would (each frame keeps
its size, so the base layer's share of the bitrate is not an encoder's), which is fine for a packet
rate. Every site — senders included — also receives: it joins as a participant with the router's
capabilities without bandwidth estimation and attaches a receive PlainTransport (SRTP,
${r.srtpSuite}, what Chromium negotiates with mediasoup) to a UDP sink in one of ${r.receiverProcesses} receiver processes, which count packets and
sequence gaps per SSRC; the room's policy makes its consumers (stage at spatial layer 2, one page of
thumbnails at spatial 0 / temporal 0, audio from the chair, the stage and the audible speakers) and
the site resumes each on \`consumerAdded\`, as a browser does. The ramp (${r.ramp.join(', ')} sites) grows the
same meeting, sites joining 8 at a time, and stops at the first stage with any loss; after each step
${r.warmupSeconds} s of warm-up, then everything is sampled twice ${r.seconds} s apart (worker CPU from \`/proc/<pid>/stat\`,
the sinks' counters by consumer role, the senders' counters, kernel socket drops, the machine's
CPU; a window where other work took over 20% of a core is measured again, keeping the quieter).
Kernel receive-buffer drops are read per socket (\`/proc/net/udp\`): the senders' PlainTransports
(SFU ingress), the PipeTransports the room made between its workers (found through the workers'
observers; \`pipeToRouter\`'s defaults: plain UDP on loopback, the system's default buffer, no
retransmission) and the receivers' sinks.
*Loss* is sequence gaps / (received + gaps) over every site; *expected/s* is, per consumer, the
sender's rate of the stream (and temporal layers) it asked for. *µs worker CPU / packet* is all
workers' CPU over the packets the sites got, so the senders' ingress and the pipes are in it. The
${r.budget?.sites ?? 611}-site figures are computed, not measured: the reference stage's mean (and maximum) packets/s
per site × ${r.budget?.sites ?? 611} sites × its µs per packet, over cores loaded to at most ${CORE_CEILING * 100}%. Ingress: before any site
receives, ${r.ingress?.senders ?? 0} senders (the ${1 + r.thumbnailsPerPage} above and cameras nobody consumes) run alone for ${fixed(r.ingress?.seconds ?? 0, 0)} s: worker CPU over the
packets they send (nobody receiving, so after the room's 2 s settling each sends its lowest layer
and its microphone, silent but city hall's). Every sender follows the room's \`producerDemand\` as the web client does
(\`setMaxSpatialLayer(max(0, demand))\`): the stage camera sends its three layers, the thumbnails' only
the lowest. On ${r.machine.nproc} vCPUs the workers, the receivers and the senders share the cores, so the
largest count held here understates dedicated cores; mediasoup ${r.mediasoupVersion}, ${r.workerBin}.

${sitesTable(r.stages)}

${workersTable(r.stages)}
${r.ingress ? `\nIngress only (before the ramp):\n\n${ingressTable(r.ingress)}\n` : ''}${r.budget ? `\n${budgetTable(r.budget)}\n` : ''}`;
}
