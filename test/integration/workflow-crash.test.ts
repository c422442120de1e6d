import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxItem, VerificationReportView } from '../../src/contract/workflow.ts';
import { ECABINET_BIN } from '../helpers/cli.ts';
import { createScratchDatabase, databaseKind } from '../helpers/database.ts';
import { DEMO_PASSWORD } from '../helpers/server.ts';
import { defineRoute, PIN, routeOf, SigningUser, uploadLetter } from '../helpers/workflow.ts';

// The server as an operator runs it (`ecabinet serve` in its own process), paused by
// WORKFLOW_TEST_STORE_DELAY_MS between signing a PDF and storing its version: two signers of
// one step racing through that window make one version, and a kill -9 inside it leaves the
// previous version current and the step signable again after a restart.

const PAUSE_MS = 2_500;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

class ServerProcess {
  readonly child: ChildProcess;
  output = '';
  readonly exited: Promise<NodeJS.Signals | number | null>;

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, [ECABINET_BIN, 'serve'], { env: { ...process.env, ...env } });
    this.child.stdout?.on('data', (d) => (this.output += d));
    this.child.stderr?.on('data', (d) => (this.output += d));
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve(signal ?? code)));
  }

  async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!pattern.test(this.output)) {
      if (Date.now() > until || this.child.exitCode !== null) throw new Error(`never saw ${pattern}:\n${this.output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe(`signing workflow across a crash (${databaseKind})`, () => {
  let dataDir: string;
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let env: Record<string, string>;
  let url: string;
  let server: ServerProcess;
  let clerk: SigningUser;
  let leader: SigningUser;
  let member: SigningUser;

  const start = async (extra: Record<string, string> = {}) => {
    server = new ServerProcess({ ...env, ...extra });
    await server.waitFor(/ecabinet is listening/);
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ecabinet-crash-'));
    scratch = await createScratchDatabase();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = {
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      DATABASE_URL: scratch.url ?? '',
      SEED_DEMO: 'true',
      DEV_PKI: 'true',
      ECABINET_DEMO_PASSWORD: DEMO_PASSWORD,
      MEDIA_WORKERS: '1',
      MEDIA_LISTEN_IP: '127.0.0.1',
      MEDIA_PORT: '0',
      LOG_LEVEL: 'info',
      WORKFLOW_TEST_STORE_DELAY_MS: String(PAUSE_MS),
    };
    await start();
  }, 120_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await scratch?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('two signers of one step at once: exactly one new version, one signature; the other gets 409', async () => {
    [clerk, leader, member] = [await SigningUser.login(url, 'd01.clerk'), await SigningUser.login(url, 'd01.leader'), await SigningUser.login(url, 'd01.member')];
    for (const u of [clerk, leader, member]) await u.enrol();
    const id = await uploadLetter(clerk.client);
    expect((await defineRoute(clerk.client, id, [{ kind: 'review', signers: ['d01.member', 'd01.leader'] }])).status).toBe(201);
    const codes = [await member.code(), await leader.code()];
    const answers = await Promise.all(
      [member, leader].map((u, i) => u.client.post(`/api/documents/${id}/sign`, { pin: PIN, code: codes[i] })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect((await answers.find((a) => a.status === 409)?.json())?.code).toBe('document.version_conflict');
    const detail = await clerk.client.json<{ version: number }>(`/api/documents/${id}`);
    expect(detail.version).toBe(2);
    const route = await routeOf(clerk.client, id);
    expect(route.steps[0]?.signers.filter((s) => s.status === 'signed')).toHaveLength(1);
    const report = await clerk.client.json<VerificationReportView>(`/api/documents/${id}/verification`);
    expect(report.signatures).toHaveLength(1);
  }, 120_000);

  it('kill -9 between signing and storing leaves the previous version current and the step signable', async () => {
    const id = await uploadLetter(clerk.client);
    expect((await defineRoute(clerk.client, id, [{ kind: 'personal', signers: ['d01.leader'] }])).status).toBe(201);

    const signing = leader.sign(id).catch((err: unknown) => err);
    await server.waitFor(new RegExp(`test pause between signing and storing.*${id}|${id}.*test pause between signing and storing`));
    server.child.kill('SIGKILL');
    expect(await server.exited).toBe('SIGKILL');
    expect(await signing).toBeInstanceOf(Error);

    await start({ WORKFLOW_TEST_STORE_DELAY_MS: '0' });
    const again = await SigningUser.login(url, 'd01.leader');
    again.adopt(leader);
    const clerkAgain = await SigningUser.login(url, 'd01.clerk');
    const detail = await clerkAgain.client.json<{ version: number; versions: unknown[] }>(`/api/documents/${id}`);
    expect(detail.version).toBe(1);
    expect(detail.versions).toHaveLength(1);
    expect((await routeOf(clerkAgain.client, id)).steps[0]?.signers[0]?.status).toBe('pending');
    expect((await again.client.json<{ items: InboxItem[] }>('/api/me/inbox')).items.map((i) => i.documentId)).toContain(id);

    const retry = await again.sign(id);
    expect(retry.status, await retry.clone().text()).toBe(200);
    expect(await retry.json()).toMatchObject({ version: 2 });
    const report = await clerkAgain.client.json<VerificationReportView>(`/api/documents/${id}/verification`);
    expect(report).toMatchObject({ ok: true, signatures: [{ status: 'valid', coversWholeFile: true }] });
  }, 180_000);
});
