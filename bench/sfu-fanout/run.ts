// SFU fan-out benchmark (not a test): node bench/sfu-fanout/run.ts [--receivers 100,200,250]
// [--seconds 20] [--warmup 5] [--processes 2] [--rounds 3] [--video-only] [--dry-run]. Runs every contender
// at every receiver count, prints the tables and, unless --dry-run, rewrites the
// "SFU fan-out (bench/sfu-fanout)" section of BENCHMARKS.md. See bench/README.md.
//
// Two contenders, interleaved per receiver count so drift of the machine is shared: bare
// mediasoup (bare.ts) and the application's media plane (application.ts: MediaWorkers with one
// worker and a Room whose big-meeting policy makes the consumers). Sender, receivers and
// measurement are the same for both (fanout.ts); the report compares their worker CPU per count.
import { applicationContender } from './application.ts';
import { bareContender } from './bare.ts';
import { runCli } from './cli.ts';

await runCli([bareContender, applicationContender], { section: true });
