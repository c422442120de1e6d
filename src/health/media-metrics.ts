// Prometheus gauges of the media plane, read from its load figures when /metrics is scraped
// (no timers).
import { Gauge, type Registry } from 'prom-client';
import type { MediaLoad } from '../media/index.ts';

export function registerMediaMetrics(registry: Registry, load: () => MediaLoad): void {
  new Gauge({
    name: 'ecabinet_media_workers',
    help: 'mediasoup workers running',
    registers: [registry],
    collect() {
      this.set(load().workers);
    },
  });
  new Gauge({
    name: 'ecabinet_media_rooms',
    help: 'Meeting rooms open on this node',
    registers: [registry],
    collect() {
      this.set(load().rooms);
    },
  });
  new Gauge({
    name: 'ecabinet_media_consumers',
    help: 'Consumers per mediasoup worker (the load figure rooms are placed by)',
    labelNames: ['worker'],
    registers: [registry],
    collect() {
      this.reset();
      for (const w of load().consumers) this.set({ worker: String(w.worker) }, w.consumers);
    },
  });
}
