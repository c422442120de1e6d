// The bare reference of the SFU fan-out benchmark: plain mediasoup, one worker, one router, each
// receiver a PlainTransport with SRTP and its consumers — what the application's media plane
// is compared against. Run alone it prints the tables without touching BENCHMARKS.md:
//   node bench/sfu-fanout/bare.ts [--receivers 100,200,250] [--seconds 20] [--warmup 5] [--video-only]
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { resolveWorkerBinary } from '../../src/media/index.ts';
import { attachPlainSrtp } from '../lib/receivers.ts';
import { startSender } from '../lib/sender.ts';
import { runCli } from './cli.ts';
import type { FanoutContender } from './fanout.ts';

export const MEDIA_CODECS: types.RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
];

export const bareContender: FanoutContender = {
  name: 'bare mediasoup',
  async start() {
    const worker = await mediasoup.createWorker({ workerBin: resolveWorkerBinary(), logLevel: 'warn' });
    worker.on('died', (err) => process.stderr.write(`mediasoup worker died: ${err.message}\n`));
    const router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
    return {
      startSender: (options) => startSender(router, options),
      workerPids: () => [worker.pid],
      attachReceiver: (sink, media, sender) =>
        attachPlainSrtp(sink, media, {
          makeTransport: (_sink, options) => router.createPlainTransport(options),
          rtpCapabilities: router.rtpCapabilities,
          videoProducerId: sender.videoProducer.id,
          audioProducerId: sender.audioProducer?.id,
        }),
      async close() {
        worker.close();
      },
    };
  },
};

if (import.meta.main) await runCli([bareContender], { section: false });
