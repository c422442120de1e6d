import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, readlinkSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// One process per embedded database. PGlite (Postgres compiled to WebAssembly) keeps no lock of
// its own that another process would see: two servers on one DATA_DIR both start, both answer,
// and each overwrites the other's pages. So the first process writes a lock file naming itself,
// and every later one reads it and refuses while its owner lives.
//
// Whether the owner lives: on the same kernel and in the same PID namespace, its pid and start
// time say so at once (a crash followed by a restart takes over without waiting). Elsewhere (a
// second container on the same volume) pids mean nothing, so the owner also touches the file
// every few seconds and a lock left untouched for STALE_MS is taken over.

const LOCK_FILE = 'ecabinet.lock';
const HEARTBEAT_MS = 5_000;
const STALE_MS = 30_000;

interface Owner {
  pid: number;
  /** The kernel's boot id and the PID namespace: pids compare only when both match ours. */
  boot: string;
  pidNamespace: string;
  /** Process start time in clock ticks since boot (/proc/<pid>/stat): a reused pid has another. */
  startTicks: string;
  since: string;
}

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

export interface DataDirLock {
  readonly path: string;
  /** Removes the lock if it is still ours. Idempotent. */
  release(): void;
}

/** Takes the data directory's lock or throws DataDirLockedError naming the process that holds it. */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  const me = currentOwner();
  const mine = JSON.stringify(me);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(path, mine)) return held(path, mine);
    const seen = readText(path);
    if (seen === undefined) continue; // released meanwhile: try again
    if (!isStale(path, seen, me)) throw lockedError(dataDir, path, seen);
    takeOver(path, seen, me);
  }
  throw lockedError(dataDir, path, readText(path) ?? '');
}

function held(path: string, mine: string): DataDirLock {
  const heartbeat = setInterval(() => {
    const now = new Date();
    try {
      utimesSync(path, now, now);
    } catch {
      // Gone (someone deleted it by hand): nothing to keep fresh.
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      if (readText(path) === mine) unlinkSync(path);
    },
  };
}

/** Creates `path` with `content`, atomically and only if it does not exist (link(2) of a full temp file). */
function createExclusive(path: string, content: string): boolean {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temp, content, { mode: 0o644 });
  try {
    linkSync(temp, path);
    return true;
  } catch (err) {
    if (isErrno(err, 'EEXIST')) return false;
    throw err;
  } finally {
    unlinkSync(temp);
  }
}

/**
 * Replaces a stale lock. A second guard file makes the check-and-remove one step: two processes
 * that both found the same stale lock cannot both remove it and each believe it won.
 */
function takeOver(path: string, seen: string, me: Owner): void {
  const guard = `${path}.takeover`;
  if (!createExclusive(guard, JSON.stringify(me))) {
    // Another process is taking over right now; a guard left by one that died is cleared.
    if (ageMs(guard) > STALE_MS) unlinkQuietly(guard);
    return;
  }
  try {
    if (readText(path) === seen) unlinkQuietly(path);
  } finally {
    unlinkQuietly(guard);
  }
}

function isStale(path: string, content: string, me: Owner): boolean {
  const owner = parseOwner(content);
  if (owner && owner.boot === me.boot && owner.pidNamespace === me.pidNamespace) {
    // Our own pid: this very process holds it (same start time), or an earlier process that had
    // our pid left it behind (a container restarts as pid 1 again).
    if (owner.pid === me.pid) return owner.startTicks !== me.startTicks;
    return !isRunning(owner);
  }
  return ageMs(path) > STALE_MS;
}

function isRunning(owner: Owner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if (isErrno(err, 'ESRCH')) return false;
  }
  const ticks = startTicksOf(owner.pid);
  return ticks === '' || owner.startTicks === '' || ticks === owner.startTicks;
}

function currentOwner(): Owner {
  return {
    pid: process.pid,
    boot: readQuietly('/proc/sys/kernel/random/boot_id').trim(),
    pidNamespace: linkQuietly('/proc/self/ns/pid'),
    startTicks: startTicksOf(process.pid),
    since: new Date().toISOString(),
  };
}

/** Field 22 of /proc/<pid>/stat (after the command name, which may hold spaces and parentheses). */
function startTicksOf(pid: number): string {
  const stat = readQuietly(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? '';
}

function parseOwner(content: string): Owner | undefined {
  try {
    const o = JSON.parse(content) as Partial<Owner>;
    if (typeof o.pid !== 'number' || typeof o.boot !== 'string' || typeof o.pidNamespace !== 'string') return undefined;
    return { pid: o.pid, boot: o.boot, pidNamespace: o.pidNamespace, startTicks: String(o.startTicks ?? ''), since: String(o.since ?? '') };
  } catch {
    return undefined;
  }
}

function lockedError(dataDir: string, path: string, content: string): DataDirLockedError {
  const owner = parseOwner(content);
  const who = owner ? `process ${owner.pid}, running since ${owner.since}` : 'another process';
  return new DataDirLockedError(
    `DATA_DIR ${dataDir} is in use by another ecabinet server (${who}). ` +
      `Two servers on one embedded database lose each other's writes: stop the other one, or give this one ` +
      `its own DATA_DIR or a DATABASE_URL. If no such server runs, delete ${path}.`,
  );
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return undefined;
    throw err;
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function readQuietly(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function linkQuietly(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    if (!isErrno(err, 'ENOENT')) throw err;
  }
}

function isErrno(err: unknown, code: string): boolean {
  return err instanceof Error && 'code' in err && err.code === code;
}
