// Command line shared by bare.ts, application.ts and run.ts: which receiver counts, how long,
// which media; runs every contender at every count (contenders interleaved per count, their order
// alternating from round to round, --rounds times over), prints the tables and, for run.ts,
// rewrites the "SFU fan-out (bench/sfu-fanout)" section of BENCHMARKS.md.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as mediasoup from 'mediasoup';
import { resolveWorkerBinary } from '../../src/media/index.ts';
import { describeMachine } from '../lib/machine.ts';
import { benchClip } from '../lib/media-clip.ts';
import { writeSection } from '../lib/report.ts';
import { SRTP_SUITE, type ReceiverMedia } from '../lib/receivers.ts';
import { runFanout, type FanoutContender, type FanoutResult } from './fanout.ts';
import { comparisonTable, contextTable, renderReport, resultsTable, verdict } from './render.ts';

export const SECTION = 'SFU fan-out (bench/sfu-fanout)';
/** Other processes' CPU during a window (% of one core) above which a stage is run again. */
const NOISY_CPU = 20;
const ROOT = new URL('../../', import.meta.url).pathname;

export async function runCli(contenders: readonly FanoutContender[], opts: { section: boolean }): Promise<FanoutResult[]> {
  const { values: args } = parseArgs({
    options: {
      receivers: { type: 'string', default: '100,200,250' },
      seconds: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '5' },
      processes: { type: 'string', default: '2' },
      'wait-quiet': { type: 'string', default: '10' },
      retries: { type: 'string', default: '1' },
      rounds: { type: 'string', default: '3' },
      'video-only': { type: 'boolean', default: false },
      layer: { type: 'string', default: '2' },
      'single-layer': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const num = (name: string, v: string, min: number): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}`);
    return n;
  };
  const counts = args.receivers.split(',').map((v) => num('receivers', v.trim(), 1));
  const seconds = num('seconds', args.seconds, 1);
  const warmupSeconds = num('warmup', args.warmup, 0);
  const receiverProcesses = num('processes', args.processes, 1);
  const waitQuietSeconds = num('wait-quiet', args['wait-quiet'], 0);
  const retries = num('retries', args.retries, 0);
  const rounds = num('rounds', args.rounds, 1);
  const spatialLayer = num('layer', args.layer, 0);
  const media = (): ReceiverMedia => ({ video: { spatialLayer }, audio: !args['video-only'] });
  const log = (s: string) => process.stderr.write(`${s}\n`);

  const machine = describeMachine();
  const clip = await benchClip(undefined, log);
  log(`clip: ${clip.dir}${clip.generated ? ' (encoded now)' : ' (cached)'}`);
  const results: FanoutResult[] = [];
  // Rounds: the same sweep again, so a figure is a median of runs spread over the whole run
  // rather than one window on a shared machine; the contenders' order alternates per round.
  for (let round = 0; round < rounds; round++) {
    for (const n of counts) {
      for (const contender of round % 2 === 0 ? contenders : [...contenders].reverse()) {
        log(`${contender.name}, ${n} receivers${rounds > 1 ? `, round ${round + 1}/${rounds}` : ''}…`);
        let r: FanoutResult | undefined;
        // On a shared machine other work can land in the window: run the stage again (up to
        // --retries times) when it took more than NOISY_CPU % of a core, and keep the quietest run.
        for (let attempt = 0; attempt <= retries; attempt++) {
          const run = await runFanout({ contender, receivers: n, media, seconds, warmupSeconds, receiverProcesses, senderLayers: args['single-layer'] ? [2] : undefined, clip, waitQuietSeconds, log });
          if (!r || run.otherCpu < r.otherCpu) r = run;
          if (run.otherCpu <= NOISY_CPU) break;
          if (attempt < retries) log(`  other work took ${run.otherCpu.toFixed(0)}% of a core during the window: running the stage again`);
        }
        if (!r) throw new Error('no run');
        r.round = round;
        results.push(r);
        log(resultsTable([r]).split('\n').at(-1) as string);
      }
    }
  }
  const comparison = comparisonTable(results);
  process.stdout.write(`${verdict(results)}\n${comparison ? `${comparison}\n\n` : ''}${resultsTable(results)}\n\n${contextTable(results)}\n`);
  if (opts.section && !args['dry-run']) {
    const markdown = renderReport({
      machine, srtpSuite: SRTP_SUITE, warmupSeconds, seconds, receiverProcesses, rounds, results, mediasoupVersion: mediasoup.version,
      workerBin: workerLabel(resolveWorkerBinary()),
    });
    await writeSection(join(ROOT, 'BENCHMARKS.md'), SECTION, markdown);
    log('BENCHMARKS.md updated.');
  }
  return results;
}

function workerLabel(bin: string | undefined): string {
  if (!bin) return 'mediasoup prebuilt worker';
  // scripts/mediasoup/worker-cache.mjs keeps the Debian-built worker under ~/.cache/ecabinet/.
  return bin.includes('/.cache/ecabinet/') ? 'worker built from Debian packages' : bin;
}
