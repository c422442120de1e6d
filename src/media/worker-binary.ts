import { existsSync } from 'node:fs';
import { cachedWorkerPath } from '../../scripts/mediasoup/worker-cache.mjs';

/**
 * The mediasoup worker binary to pass as `createWorker({ workerBin })`:
 * MEDIASOUP_WORKER_BIN if set, else the worker scripts/postinstall.mjs built from
 * Debian packages for the installed mediasoup, else undefined so that mediasoup
 * uses its own (downloaded) worker. Does not run the binary: postinstall checked it.
 */
export function resolveWorkerBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.MEDIASOUP_WORKER_BIN) return env.MEDIASOUP_WORKER_BIN;
  const cached = cachedWorkerPath(env);
  return cached !== undefined && existsSync(cached) ? cached : undefined;
}
