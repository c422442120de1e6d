// The server under test for the join-storm benchmark: a database with the demo tree plus the
// benchmark's accounts, and the real server (`ecabinet serve`, bin/ecabinet.js) in a child
// process of its own, so the clients' work never shares its event loop. Its stdout (pino JSON
// lines) is kept: warnings and errors during the storm belong in the report.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { eq, inArray } from 'drizzle-orm';
import postgres from 'postgres';
import { hashPassword } from '../../src/auth/password.ts';
import { users } from '../../src/auth/users.table.ts';
import { openDatabase } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { units } from '../../src/org/units.table.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { SERVER_NODE_FLAGS } from '../../src/server-node-flags.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
export const PASSWORD = 'bench-join-storm';

export interface BenchDatabase {
  kind: 'pglite' | 'postgres';
  dataDir: string;
  /** For the server's DATABASE_URL; undefined: PGlite in dataDir. */
  url: string | undefined;
  /** The storm's accounts, in join order. */
  usernames: string[];
  cityUnitId: string;
  chairId: string;
  drop(): Promise<void>;
}

/**
 * A fresh database (PGlite in a temp dir, or a scratch database on the Postgres server behind
 * `serverUrl`), migrated, with the demo seed and `count` member accounts spread round-robin over
 * the demo's communes and wards (579 units), all with the same password. One scrypt hash is
 * computed and inserted for every account in bulk rows, as `createUser` would write them one by one.
 */
export async function prepareDatabase(count: number, serverUrl: string | undefined, log: (s: string) => void): Promise<BenchDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ecabinet-join-storm-'));
  let url: string | undefined;
  let dropScratch = async () => {};
  if (serverUrl) {
    const name = `ecabinet_bench_${randomBytes(6).toString('hex')}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database ${name}`);
    } finally {
      await admin.end();
    }
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    dropScratch = async () => {
      const a = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end();
      }
    };
    log(`scratch database ${name} on ${u.host}`);
  }
  const drop = async () => {
    await dropScratch();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const database = await openDatabase({ databaseUrl: url, dataDir });
    try {
      await migrate(database);
      const { db } = database;
      await seedDemo(db, { password: PASSWORD });
      const local = await db.select({ id: units.id, code: units.code }).from(units).where(inArray(units.level, ['commune', 'ward'])).orderBy(units.code);
      const [city] = await db.select({ id: units.id }).from(units).where(eq(units.code, 'HN'));
      const [chair] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'city.leader'));
      if (!city || !chair || local.length === 0) throw new Error('the demo seed is not what the benchmark expects');
      const passwordHash = await hashPassword(PASSWORD);
      const usernames = Array.from({ length: count }, (_, i) => `bench.${String(i + 1).padStart(4, '0')}`);
      const rows = usernames.map((username, i) => {
        const unit = local[i % local.length] as { id: string; code: string };
        return { unitId: unit.id, username, fullName: `Đại biểu ${unit.code} ${i + 1}`, title: 'Đại biểu', roles: ['member' as const], passwordHash };
      });
      for (let i = 0; i < rows.length; i += 200) await db.insert(users).values(rows.slice(i, i + 200));
      return { kind: database.kind, dataDir, url, usernames, cityUnitId: city.id, chairId: chair.id, drop };
    } finally {
      await database.close();
    }
  } catch (err) {
    await drop().catch(() => {});
    throw err;
  }
}

/** A TCP port free right now on loopback (the server binds it a moment later). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface LogEntry {
  level: number;
  msg: string;
  detail?: string;
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** The mediasoup workers (child processes of the server). */
  workerPids: number[];
  /** Lines at warn level or above, in order. */
  problems: LogEntry[];
  /** Set when the server exits before stop(). */
  exited: { code: number | null; signal: string | null } | undefined;
  stop(): Promise<void>;
}

export async function startServerProcess(
  db: BenchDatabase,
  o: { mediaWorkers?: number; log: (s: string) => void; env?: Record<string, string> },
): Promise<ServerProcess> {
  const port = await freePort();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: db.dataDir,
    SEED_DEMO: 'true',
    DEV_PKI: 'false',
    ECABINET_DEMO_PASSWORD: PASSWORD,
    MEDIA_LISTEN_IP: '127.0.0.1',
    MEDIA_PORT: '0',
    LOG_LEVEL: 'warn',
    // Each account logs in once; raised anyway so a rerun against the same accounts never waits.
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
  };
  delete env.DATABASE_URL;
  if (db.url) env.DATABASE_URL = db.url;
  if (o.mediaWorkers) env.MEDIA_WORKERS = String(o.mediaWorkers);
  Object.assign(env, o.env);
  const child: ChildProcess = spawn(process.execPath, [...SERVER_NODE_FLAGS, join(ROOT, 'bin/ecabinet.js'), 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const problems: LogEntry[] = [];
  let stopping = false;
  const server: ServerProcess = {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? -1,
    workerPids: [],
    problems,
    exited: undefined,
    stop: async () => {
      stopping = true;
      if (server.exited || child.exitCode !== null) return;
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await gone;
      clearTimeout(timer);
    },
  };
  child.once('exit', (code, signal) => {
    if (!stopping) {
      server.exited = { code, signal };
      o.log(`server exited unexpectedly (code ${code}, signal ${signal})`);
    }
  });
  const keep = (line: string) => {
    if (line.includes('web app not built')) return; // the benchmark needs no web app
    let entry: LogEntry;
    try {
      const j = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string; type?: string }; method?: string };
      if ((j.level ?? 0) < 40) return;
      entry = { level: j.level ?? 40, msg: j.msg ?? '', detail: [j.method, j.err?.type, j.err?.message].filter(Boolean).join(' ') || undefined };
    } catch {
      if (!line.trim()) return;
      entry = { level: 50, msg: line.slice(0, 300) };
    }
    problems.push(entry);
  };
  if (child.stdout) createInterface({ input: child.stdout }).on('line', keep);
  if (child.stderr) createInterface({ input: child.stderr }).on('line', keep);

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exited) throw new Error(`the server exited during start: ${problems.map((p) => p.msg).join('; ')}`);
    try {
      const res = await fetch(`${server.url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error('the server did not answer /healthz within 60 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  server.workerPids = childPids(server.pid);
  return server;
}

/** Direct children of `pid` (the mediasoup workers of the server), from /proc. */
function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * A thread's time on a CPU and time spent runnable but waiting for one (the run queue), s, from
 * /proc/<pid>/task/<tid>/schedstat; the main thread when `tid` is omitted. A stalled event loop
 * whose thread neither ran nor waited was blocked in the kernel (I/O), not starved.
 */
export function threadSched(pid: number, tid = pid): { cpu: number; wait: number } {
  try {
    const [cpu, wait] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return { cpu: (cpu ?? NaN) / 1e9, wait: (wait ?? NaN) / 1e9 };
  } catch {
    return { cpu: NaN, wait: NaN };
  }
}

/** Resident memory of a process now and at its peak (VmRSS, VmHWM), MiB. */
export function memoryMiB(pid: number): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return { rss: NaN, peak: NaN };
  }
}

/** The server's own event-loop figures from /metrics (prom-client resets them at every scrape). */
export async function scrapeLoopLag(url: string): Promise<{ p99Ms: number; maxMs: number }> {
  try {
    const text = await (await fetch(`${url}/metrics`)).text();
    const get = (name: string) => Number(new RegExp(`^ecabinet_${name} ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? NaN) * 1000;
    return { p99Ms: get('nodejs_eventloop_lag_p99_seconds'), maxMs: get('nodejs_eventloop_lag_max_seconds') };
  } catch {
    return { p99Ms: NaN, maxMs: NaN };
  }
}
