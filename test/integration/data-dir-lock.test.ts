import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../src/db/data-dir-lock.ts';
import { ECABINET_BIN, runCli } from '../helpers/cli.ts';

// One writer per data directory (issue 9.4). The embedded database only: these tests unset
// DATABASE_URL whichever database the integration run uses.

const BIN = ECABINET_BIN;
const LOCK = 'ecabinet.lock';

const run = (args: string[], env: Record<string, string>, timeoutMs?: number) => runCli(args, { ...env, DATABASE_URL: '' }, timeoutMs);

/** A lock file as another process would have written it. */
function writeLock(dir: string, owner: { pid?: number; boot?: string; pidNamespace?: string; startTicks?: string }): void {
  const mine = JSON.parse(readFileSync(join(dir, LOCK), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, LOCK), JSON.stringify({ ...mine, since: '2025-01-01T00:00:00.000Z', ...owner }));
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  if (r.pid === undefined) throw new Error('no pid');
  return r.pid;
}

describe('one writer per data directory', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ecabinet-lock-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  const dirFor = async (name: string) => mkdtemp(join(root, `${name}-`));

  it('refuses a second holder while the first lives, and frees the directory on release', async () => {
    const dir = await dirFor('basic');
    const first = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by another ecabinet server \\(process ${process.pid}`));
    first.release();
    first.release();
    expect(readdirSync(dir)).toEqual([]);
    lockDataDir(dir).release();
  });

  it('takes over the lock of a process that died (same host, same PID namespace)', async () => {
    const dir = await dirFor('dead');
    // The file a crashed server leaves behind: ours, rewritten to name a dead pid (release() then
    // leaves it, as it is no longer ours).
    const probe = lockDataDir(dir);
    writeLock(dir, { pid: deadPid() });
    probe.release();
    expect(readdirSync(dir)).toEqual([LOCK]);
    const taken = lockDataDir(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK), 'utf8'))).toMatchObject({ pid: process.pid });
    taken.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('takes over a lock left by an earlier process with our own pid (a container restarting as pid 1)', async () => {
    const dir = await dirFor('same-pid');
    const probe = lockDataDir(dir);
    writeLock(dir, { startTicks: '1' });
    probe.release();
    const taken = lockDataDir(dir);
    taken.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('judges a lock from another host or container by its heartbeat', async () => {
    const dir = await dirFor('foreign');
    const probe = lockDataDir(dir);
    writeLock(dir, { pid: 1, boot: 'another-host', pidNamespace: 'pid:[1]' });
    probe.release();
    expect(() => lockDataDir(dir)).toThrow(/process 1, running since 2025-01-01/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, LOCK), old, old);
    lockDataDir(dir).release();
  });

  it('keeps the lock fresh while it is held', async () => {
    const dir = await dirFor('heartbeat');
    const held = lockDataDir(dir);
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, LOCK), old, old);
    await new Promise((r) => setTimeout(r, 5_500));
    expect(Date.now() - statSync(join(dir, LOCK)).mtimeMs).toBeLessThan(2_000);
    held.release();
  });

  it('a second serve on the same DATA_DIR fails with a clear message before touching anything', async () => {
    const dir = await dirFor('serve');
    const held = lockDataDir(dir);
    try {
      for (const command of [['serve'], ['migrate'], ['seed', '--demo']]) {
        const r = await run(command, { DATA_DIR: dir, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' });
        expect(r.code, command.join(' ')).toBe(1);
        expect(r.stderr).toMatch(new RegExp(`DATA_DIR ${dir} is in use by another ecabinet server \\(process ${process.pid}`));
        expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
        // No database, no PKI, no migrations: only the lock that was there.
        expect(readdirSync(dir)).toEqual([LOCK]);
      }
    } finally {
      held.release();
    }
  });

  it('two real servers: the second is refused and the first keeps serving', async () => {
    const dir = await dirFor('two');
    const env = {
      ...process.env,
      DATA_DIR: dir,
      DATABASE_URL: '',
      NODE_ENV: 'test',
      SEED_DEMO: 'false',
      DEV_PKI: 'false',
      PORT: '0',
      HOST: '127.0.0.1',
      MEDIA_PORT: '0',
      MEDIA_LISTEN_IP: '127.0.0.1',
      MEDIA_WORKERS: '1',
      LOG_LEVEL: 'info',
    };
    const first = spawn(process.execPath, [BIN, 'serve'], { env });
    let out = '';
    const exited = new Promise<number | null>((resolve) => first.on('close', (code) => resolve(code)));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
        first.stdout.on('data', (d: Buffer) => {
          out += d;
          const m = /"Server listening at http:\/\/127\.0\.0\.1:(\d+)"/.exec(out);
          if (m?.[1]) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
        first.stderr.on('data', (d: Buffer) => (out += d));
      });
      const second = await run(['serve'], { DATA_DIR: dir, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', DEV_PKI: 'false' });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(new RegExp(`in use by another ecabinet server \\(process ${first.pid}`));
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      first.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    // A clean stop leaves no lock behind.
    expect(readdirSync(dir)).not.toContain(LOCK);
  });
});
