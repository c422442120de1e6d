// Liveness (/healthz) and Prometheus metrics (/metrics), one registry per app instance.
export { createMetrics, instrumentHttp, type Metrics } from './metrics.ts';
export { healthRoutes, type HealthRoutesOptions } from './routes.ts';
export { registerMediaMetrics } from './media-metrics.ts';
