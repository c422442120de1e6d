import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, databaseKind } from '../helpers/database.ts';
import { ECABINET_BIN, runCli } from '../helpers/cli.ts';

const BIN = ECABINET_BIN;

const run = runCli;

describe(`ecabinet CLI (${databaseKind})`, () => {
  let dataDir: string;
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let env: Record<string, string | undefined>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ecabinet-cli-'));
    scratch = await createScratchDatabase();
    env = { DATA_DIR: dataDir, DATABASE_URL: scratch.url, LOG_LEVEL: 'info', NODE_ENV: 'test', SEED_DEMO: 'false' };
  });
  afterAll(async () => {
    await scratch?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a bad configuration value with a message naming the variable', async () => {
    const r = await run(['serve'], { ...env, PORT: 'eighty' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Invalid configuration:[\s\S]*PORT/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
  });

  it('migrates, then seeds the demo once (idempotent)', async () => {
    const m = await run(['migrate'], env);
    expect(m.stderr).toBe('');
    expect(m.code).toBe(0);
    const first = await run(['seed', '--demo'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/demo seeded: 616 units, 11 accounts/);
    const second = await run(['seed', '--demo'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/already present/);
  });

  it('rejects unknown commands with usage and exit code 2', async () => {
    const r = await run(['frobnicate'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"[\s\S]*ecabinet help/);
  });

  /** `ecabinet serve` on a free port; resolves once it listens. */
  async function serve(): Promise<{ child: ChildProcessWithoutNullStreams; port: number; output: () => string; exited: Promise<number | null> }> {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', MEDIA_PORT: '0', MEDIA_LISTEN_IP: '127.0.0.1', MEDIA_WORKERS: '1' },
    });
    let out = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
      const onData = (d: Buffer) => {
        out += d;
        const m = /"Server listening at http:\/\/127\.0\.0\.1:(\d+)"/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', (d) => (out += d));
    });
    return { child, port, output: () => out, exited };
  }

  it('serves, then on SIGTERM stops listening, closes the database and exits 0', async () => {
    const { child, port, output, exited } = await serve();
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output()).toMatch(/shutting down/);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('stops within 5 s and exits 0 although a slow client holds a connection, answering the request in flight (issue 9.9)', async () => {
    const { child, port, exited } = await serve();
    // A client that never finishes its headers, and one whose body is still arriving at SIGTERM.
    const slow = connect(port, '127.0.0.1');
    slow.on('error', () => {});
    slow.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    const body = JSON.stringify({ username: 'nobody.here', password: 'not-it' });
    const inFlight = connect(port, '127.0.0.1');
    let answer = '';
    inFlight.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    inFlight.write(`POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`);
    await new Promise((r) => setTimeout(r, 300));

    const started = Date.now();
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    inFlight.write(body.slice(10));
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer).toContain('"code":"auth.invalid_credentials"');
    inFlight.destroy();
    slow.destroy();
  });
});
