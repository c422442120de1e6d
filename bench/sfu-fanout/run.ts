// SFU fan-out benchmark (not a test): node bench/sfu-fanout/run.ts [--receivers 100,200,250]
// [--seconds 20] [--warmup 5] [--processes 2] [--video-only] [--dry-run]. Runs every contender
// at every receiver count, prints the tables and, unless --dry-run, rewrites the
// "SFU fan-out (bench/sfu-fanout)" section of BENCHMARKS.md. See bench/README.md.
//
// To add the application's media plane as a contender, write a FanoutContender (fanout.ts) and
// add it to the list below; sender, receivers and measurement stay the same. Its start():
// - brings the media plane up (startMediaPlane / MediaWorkers + Rooms) and a room;
// - startSender(options): joins a speaker peer, makes a PlainTransport on its router with
//   senderTransportOptions() (bench/lib/sender.ts), room.attachTransport(peer, t, 'send'), then
//   returns startSender(peer.router, { ...options, transport: t, produce }) where `produce` calls
//   room.produce(peer, { transportId, kind, rtpParameters, source: 'camera' | 'mic' }) and
//   returns the Producer (peer.producers.get(source));
// - attachReceiver(sink, media): joins a listener peer, makes a PlainTransport on its router with
//   receiverTransportOptions() (bench/lib/receivers.ts), connects it to { ip: sink.ip, port:
//   sink.port, srtpParameters: sink.srtpParameters }, room.attachTransport(peer, t, 'recv'), and
//   resumes the consumers the room makes (as a browser would), setting their layers from `media`
//   if the room's policy does not; returns { consumers, close } (consumers may fill in later);
// - workerPids(): every worker the room's routers use (pipeToRouter spreads a room over several).
import { bareContender } from './bare.ts';
import { runCli } from './cli.ts';

await runCli([bareContender], { section: true });
