// Where ecabinet keeps a mediasoup worker built from Debian packages, shared by
// scripts/postinstall.mjs (plain Node 20/24, no deps) and src/media/worker-binary.ts,
// so both agree on one path. The binary lives outside node_modules because
// `npm ci` deletes node_modules; the key is the mediasoup version plus a hash of
// our build inputs, so a new mediasoup or a changed patch gets a fresh build.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const projectRoot = resolve(here, '..', '..');
export const buildScript = join(here, 'build-worker.sh');

// Everything that changes the built binary; this module itself does not.
const BUILD_INPUTS = ['build-worker.sh', 'patches', 'compat'];

/** The installed mediasoup package directory, found the way Node finds it at run time. */
export function mediasoupDir(root = projectRoot) {
  try {
    const main = createRequire(join(root, 'package.json')).resolve('mediasoup');
    // main is <pkg>/node/lib/index.js; package.json itself is not exported.
    return resolve(dirname(main), '..', '..');
  } catch {
    return undefined;
  }
}

export function mediasoupVersion(dir) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
}

function listFiles(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => listFiles(join(path, name)));
}

/** Short hash of the build inputs (paths and contents), or undefined if they are not shipped. */
export function patchHash() {
  const inputs = BUILD_INPUTS.map((name) => join(here, name));
  if (!inputs.every((path) => existsSync(path))) return undefined;
  const hash = createHash('sha256');
  for (const file of inputs.flatMap(listFiles).sort()) {
    hash.update(relative(here, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

export function cacheRoot(env = process.env) {
  // XDG says a relative XDG_CACHE_HOME is invalid and must be ignored.
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.cache');
  return join(base, 'ecabinet', 'mediasoup-worker');
}

/** Path of the cached worker for the installed mediasoup; it may not exist yet. */
export function cachedWorkerPath(env = process.env, root = projectRoot) {
  const dir = mediasoupDir(root);
  const hash = patchHash();
  if (dir === undefined || hash === undefined) return undefined;
  return join(cacheRoot(env), `${mediasoupVersion(dir)}-${hash}`, 'mediasoup-worker');
}

/** Where mediasoup itself puts a downloaded or locally built worker. */
export function officialWorkerPath(dir) {
  return join(dir, 'worker', 'out', 'Release', 'mediasoup-worker');
}

/**
 * mediasoup's own check: a worker started without its environment exits with
 * code 41 (see worker/src/main.cpp). Anything else means it cannot run here,
 * e.g. a missing shared library (127) or a wrong architecture.
 */
export function workerSelfCheck(bin) {
  if (!bin || !existsSync(bin)) return false;
  const result = spawnSync(bin, [], { env: {}, stdio: 'ignore', timeout: 10_000 });
  return result.status === 41;
}
