// Meeting-capacity benchmark (not a test): node bench/meeting-capacity/run.ts
// [--sites 50,75,100,…] [--seconds 20] [--warmup 5] [--processes 2] [--ingress-senders 40]
// [--ingress-seconds 20] [--budget-sites 611] [--goal 300] [--wait-quiet 120] [--retries 1] [--dry-run]
// The 611-site city meeting (city hall, 30 districts, 580 communes) under the big-meeting policy
// on the application's media plane with the default media config: packets/s and consumers per
// site, worker CPU per worker and per packet, the largest site count this machine holds at 0%
// loss (the ramp stops at the first loss), and the cores a 611-site meeting needs, computed from
// the measured figures. Prints the tables and, unless --dry-run, rewrites the "Meeting capacity
// (bench/meeting-capacity)" section of BENCHMARKS.md. See bench/README.md.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as mediasoup from 'mediasoup';
import { resolveWorkerBinary } from '../../src/media/index.ts';
import { benchMediaConfig } from '../lib/app-room.ts';
import { describeMachine } from '../lib/machine.ts';
import { waitForQuiet } from '../lib/measure.ts';
import { benchClip } from '../lib/media-clip.ts';
import { SRTP_SUITE } from '../lib/receivers.ts';
import { writeSection } from '../lib/report.ts';
import { CITY_SITES, Meeting, type IngressResult, type StageResult } from './meeting.ts';
import { budget, budgetTable, held, ingressTable, renderReport, sitesTable, summary, workersTable, type Report } from './render.ts';

export const SECTION = 'Meeting capacity (bench/meeting-capacity)';
/** Other processes' CPU during a window (% of one core) above which the window is measured again. */
const NOISY_CPU = 20;
const ROOT = new URL('../../', import.meta.url).pathname;

const { values: args } = parseArgs({
  options: {
    sites: { type: 'string', default: `50,75,100,125,150,175,200,250,300,400,500,${CITY_SITES}` },
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    processes: { type: 'string', default: '2' },
    'ingress-senders': { type: 'string', default: '40' },
    'ingress-seconds': { type: 'string', default: '20' },
    'budget-sites': { type: 'string', default: String(CITY_SITES) },
    goal: { type: 'string', default: '300' },
    'wait-quiet': { type: 'string', default: '120' },
    retries: { type: 'string', default: '1' },
    'dry-run': { type: 'boolean', default: false },
  },
});
const num = (name: string, v: string, min: number): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}`);
  return n;
};
const ramp = args.sites.split(',').map((v) => num('sites', v.trim(), 1)).sort((a, b) => a - b);
const seconds = num('seconds', args.seconds, 1);
const warmupSeconds = num('warmup', args.warmup, 0);
const receiverProcesses = num('processes', args.processes, 1);
const ingressSenders = num('ingress-senders', args['ingress-senders'], 0);
const ingressSeconds = num('ingress-seconds', args['ingress-seconds'], 1);
const budgetSites = num('budget-sites', args['budget-sites'], 1);
const goalPerSite = num('goal', args.goal, 1);
const waitQuietSeconds = num('wait-quiet', args['wait-quiet'], 0);
const retries = num('retries', args.retries, 0);
const tStart = performance.now();
const log = (s: string) => process.stderr.write(`[${((performance.now() - tStart) / 1000).toFixed(0)} s] ${s}\n`);

const machine = describeMachine();
const clip = await benchClip(undefined, log);
const config = benchMediaConfig();
if (ramp[0] !== undefined && ramp[0] <= config.thumbnailsPerPage) throw new Error(`--sites must start above the ${1 + config.thumbnailsPerPage} senders`);
log(`media config: ${config.workers} workers, ${config.consumersPerWorker} consumers per worker, ${config.thumbnailsPerPage} thumbnails per page, ${config.audibleSpeakers} audible speakers`);
const backgroundBusy = await waitForQuiet({ maxBusyPercent: 15, timeoutSeconds: waitQuietSeconds, log });
log(`machine ${backgroundBusy.toFixed(0)}% busy before the run`);

const meeting = await Meeting.start({ config, clip, maxSites: ramp.at(-1) as number, receiverProcesses, log });
process.once('SIGINT', () => void meeting.close().finally(() => process.exit(130)));
const stages: StageResult[] = [];
let ingress: IngressResult | undefined;
try {
  await meeting.startSenders();
  log(`${meeting.senderIndexes.length} senders producing through the room (city hall + the first thumbnail page)`);
  if (ingressSenders > 0) {
    await meeting.startExtraSenders(Math.max(0, ingressSenders - meeting.senderIndexes.length));
    log(`ingress only: ${ingressSenders} senders, nobody receiving…`);
    ingress = await meeting.measureIngress({ warmupSeconds, seconds: ingressSeconds });
    await meeting.dropExtraSenders();
    log(ingressTable(ingress).split('\n').at(-1) as string);
  }
  for (const n of ramp) {
    log(`growing the meeting to ${n} sites…`);
    const setupSeconds = await meeting.grow(n);
    log(`  ${n} sites joined and receiving in ${setupSeconds.toFixed(1)} s`);
    let r: StageResult | undefined;
    for (let attempt = 0; attempt <= retries; attempt++) {
      const run = await meeting.measure({ warmupSeconds: attempt === 0 ? warmupSeconds : 0, seconds, setupSeconds });
      if (!r || run.otherCpu < r.otherCpu) r = run;
      if (run.otherCpu <= NOISY_CPU) break;
      if (attempt < retries) log(`  other work took ${run.otherCpu.toFixed(0)}% of a core during the window: measuring again`);
    }
    if (!r) throw new Error('no window');
    stages.push(r);
    log(sitesTable([r]).split('\n').at(-1) as string);
    log(workersTable([r]).split('\n').at(-1) as string);
    if (r.errors.length) log(`  errors: ${r.errors.slice(0, 5).join('; ')}`);
    if (!held(r)) {
      log(`  loss at ${n} sites: the ramp stops here`);
      break;
    }
  }
} finally {
  await meeting.close();
}

const report: Report = {
  machine,
  srtpSuite: SRTP_SUITE,
  mediasoupVersion: mediasoup.version,
  workerBin: resolveWorkerBinary()?.includes('/.cache/ecabinet/') ? 'worker built from Debian packages' : (resolveWorkerBinary() ?? 'mediasoup prebuilt worker'),
  workers: config.workers,
  consumersPerWorker: config.consumersPerWorker,
  thumbnailsPerPage: config.thumbnailsPerPage,
  audibleSpeakers: config.audibleSpeakers,
  speakers: meeting.speakers,
  warmupSeconds,
  seconds,
  receiverProcesses,
  ramp,
  stages,
  ingress,
  budget: budget(stages, budgetSites, goalPerSite, ingress),
  goalPerSite,
  backgroundBusy,
  totalSeconds: (performance.now() - tStart) / 1000,
};
process.stdout.write(`\n${summary(report)}\n\n${sitesTable(stages)}\n\n${workersTable(stages)}\n`);
if (ingress) process.stdout.write(`\n${ingressTable(ingress)}\n`);
if (report.budget) process.stdout.write(`\n${budgetTable(report.budget)}\n`);
if (!args['dry-run']) {
  await writeSection(join(ROOT, 'BENCHMARKS.md'), SECTION, renderReport(report));
  log('BENCHMARKS.md updated.');
}
