// SFU fan-out benchmark (not a test): node bench/sfu-fanout/run.ts [--receivers 100,200,250]
// [--seconds 20] [--warmup 5] [--processes 2] [--video-only] [--dry-run]. Runs every contender
// at every receiver count, prints the tables and, unless --dry-run, rewrites the
// "SFU fan-out (bench/sfu-fanout)" section of BENCHMARKS.md. See bench/README.md.
//
// To add the application's media plane as a contender: write a FanoutContender (fanout.ts) whose
// start() brings the application's SFU up and whose attachReceiver() makes it forward to a
// receiver sink, and add it to the list below.
import { bareContender } from './bare.ts';
import { runCli } from './cli.ts';

await runCli([bareContender], { section: true });
