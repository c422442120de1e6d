// Prometheus gauges of the media plane, read when /metrics is scraped (no timers).
import { Gauge, type Registry } from 'prom-client';
import type { MediaPlane } from './media-plane.ts';

export function registerMediaMetrics(registry: Registry, media: MediaPlane): void {
  new Gauge({
    name: 'ecabinet_media_workers',
    help: 'mediasoup workers running',
    registers: [registry],
    collect() {
      this.set(media.workers.all.filter((w) => !w.worker.closed).length);
    },
  });
  new Gauge({
    name: 'ecabinet_media_rooms',
    help: 'Meeting rooms open on this node',
    registers: [registry],
    collect() {
      this.set(media.rooms.count);
    },
  });
  new Gauge({
    name: 'ecabinet_media_consumers',
    help: 'Consumers per mediasoup worker (the load figure rooms are placed by)',
    labelNames: ['worker'],
    registers: [registry],
    collect() {
      this.reset();
      for (const w of media.workers.all) this.set({ worker: String(w.index) }, w.consumers);
    },
  });
}
