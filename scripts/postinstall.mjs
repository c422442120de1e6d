// Makes sure a mediasoup worker that runs on this machine exists after
// `npm install` / `npm ci`. mediasoup's own postinstall is not allowed to run
// (package.json allowScripts) because, when it cannot download the prebuilt
// worker, it pip-installs meson and fetches wraps from GitHub, and fails the
// whole install on machines that reach only npm and Debian's mirrors.
// Order, cheapest first: MEDIASOUP_WORKER_BIN, our cached build, a worker
// mediasoup already has, mediasoup's prebuilt download, a build from Debian
// packages (scripts/mediasoup/build-worker.sh, ~200 s).
// Plain Node (runs on 20 and 24) without dependencies: it runs before anything else works.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildScript,
  cachedWorkerPath,
  mediasoupDir,
  officialWorkerPath,
  workerSelfCheck,
} from './mediasoup/worker-cache.mjs';

const PREBUILT_TIMEOUT_MS = 120_000;

const log = (message) => console.log(`[ecabinet postinstall] ${message}`);

function fail(message) {
  console.error(`[ecabinet postinstall] ERROR: ${message}`);
  process.exit(1);
}

/**
 * Runs mediasoup's own postinstall, but download-only: npm-scripts.mjs has no
 * switch for that (MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD does the opposite),
 * so PYTHON=false makes its local-build fallback fail at its first command
 * (`"$PYTHON" -m pip install invoke`) instead of reaching PyPI and GitHub.
 * MEDIASOUP_FORCE_WORKER_PREBUILT_DOWNLOAD keeps it on the download branch even
 * for git installs. The timeout bounds a network that drops packets silently.
 */
function tryPrebuiltDownload(dir) {
  const env = { ...process.env, PYTHON: 'false', MEDIASOUP_FORCE_WORKER_PREBUILT_DOWNLOAD: '1' };
  delete env.MEDIASOUP_WORKER_BIN; // it would make the script do nothing
  const result = spawnSync(process.execPath, [join(dir, 'npm-scripts.mjs'), 'postinstall'], {
    cwd: dir,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: PREBUILT_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  if (result.error?.code === 'ETIMEDOUT') log(`prebuilt download gave up after ${PREBUILT_TIMEOUT_MS / 1000} s`);
  return workerSelfCheck(officialWorkerPath(dir));
}

function main() {
  if (process.env.ECABINET_SKIP_WORKER_BUILD === '1') {
    log('ECABINET_SKIP_WORKER_BUILD=1: not preparing a mediasoup worker');
    return;
  }

  const explicit = process.env.MEDIASOUP_WORKER_BIN;
  if (explicit) {
    if (existsSync(explicit)) {
      log(`using MEDIASOUP_WORKER_BIN=${explicit}`);
      return;
    }
    // mediasoup will still insist on this path at run time; say so now.
    log(`WARNING: MEDIASOUP_WORKER_BIN=${explicit} does not exist; preparing a worker anyway`);
  }

  const dir = mediasoupDir();
  if (dir === undefined) fail('mediasoup is not installed; run npm install again');

  const cached = cachedWorkerPath();
  if (cached === undefined) fail('scripts/mediasoup build inputs are missing');
  if (workerSelfCheck(cached)) {
    log(`using cached worker ${cached}`);
    return;
  }

  if (workerSelfCheck(officialWorkerPath(dir))) {
    log(`using mediasoup's own worker ${officialWorkerPath(dir)}`);
    return;
  }

  if (process.env.MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD) {
    log('MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD is set: not downloading');
  } else {
    log('trying the official prebuilt worker download');
    if (tryPrebuiltDownload(dir)) {
      log(`using the downloaded official worker ${officialWorkerPath(dir)}`);
      return;
    }
    log('no usable prebuilt worker');
  }

  log('building the worker from Debian packages');
  const started = Date.now();
  const build = spawnSync('bash', [buildScript, dir, cached], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status === 0 && workerSelfCheck(cached)) {
    log(`built ${cached} in ${Math.round((Date.now() - started) / 1000)} s`);
    return;
  }

  fail(
    'no working mediasoup worker: the prebuilt download and the Debian build both failed (see above). ' +
      'Set MEDIASOUP_WORKER_BIN to a worker binary, or ECABINET_SKIP_WORKER_BUILD=1 to skip this step.',
  );
}

main();
