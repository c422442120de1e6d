// The application contender of the SFU fan-out benchmark: the application's own media plane
// (src/media/: MediaWorkers with ONE worker, a meeting Room with its big-meeting policy) in place
// of bare mediasoup. The sender is the chair: its PlainTransport is attached to the room as
// 'send' and it produces through room.produce, so the policy puts its camera on stage. Each
// receiver is a participant whose receive PlainTransport (SRTP, to the shared receiver sinks) is
// attached as 'recv'; the room's policy makes its consumers (the stage's video at spatial layer 2
// and the chair's audio) and the receiver resumes them, as a browser does on `consumerAdded`.
// Run alone it prints the tables without touching BENCHMARKS.md:
//   node bench/sfu-fanout/application.ts [--receivers 100,200,250] [--seconds 20] [--warmup 5]
import { benchMediaConfig, joinSite, receiveAt, startAppMedia, startSiteSender, type Site } from '../lib/app-room.ts';
import { runCli } from './cli.ts';
import type { FanoutContender } from './fanout.ts';

const CHAIR = 'chair';

export const applicationContender: FanoutContender = {
  name: 'application',
  async start() {
    const media = await startAppMedia(benchMediaConfig({ MEDIA_WORKERS: '1' }), { chairId: CHAIR });
    const { room } = media;
    const sites: Site[] = [];
    let next = 0;
    return {
      async startSender(options) {
        const chair = await joinSite(room, { userId: CHAIR, name: 'City hall (chair)' });
        return startSiteSender(room, chair, options);
      },
      workerPids: () => media.workerPids(),
      async attachReceiver(sink, want) {
        const site = await joinSite(room, {
          userId: `receiver-${next++}`,
          // What `want` does not include the site leaves paused (e.g. audio with --video-only)…
          take: (info) => (info.kind === 'audio' ? !!want.audio : !!want.video),
          // …and a lower layer than the policy's it asks for, as a client may (--layer 0).
          ceiling: (info) => (info.kind === 'video' && want.video && want.video.spatialLayer < 2 ? want.video : undefined),
        });
        sites.push(site);
        const transport = await receiveAt(room, site, sink);
        return {
          get consumers() {
            return [...site.consumers.values()].map((c) => c.consumer);
          },
          close: () => transport.close(),
        };
      },
      async close() {
        media.close();
      },
    };
  },
};

if (import.meta.main) await runCli([applicationContender], { section: false });
