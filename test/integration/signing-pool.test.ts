// The signing pool: signPdf's exact bytes with the document steps in worker processes, from
// bytes or from file to file, the same error codes, and a clean shutdown — also when the server
// dies. Integration because it starts real worker processes.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OID } from '../../src/signing/cms/index.ts';
import { SigningError } from '../../src/signing/errors.ts';
import { readDss, readSignatures } from '../../src/signing/pdf/index.ts';
import { createSigningPool, type SigningPool } from '../../src/signing/pool/index.ts';
import { signPdf, type SignPdfOptions } from '../../src/signing/sign-pdf.ts';
import type { Signer } from '../../src/signing/signer.ts';
import { createTimestampAuthority, parseTimeStampResp, type TimestampClient } from '../../src/signing/timestamp/index.ts';
import { encodeTimeStampReq } from '../../src/signing/timestamp/tsp-messages.ts';
import { basePdf, startsWith } from '../helpers/pdf-fixtures.ts';
import { FIXED_NOW, keyOf, pkiFile, signerOf, testPki } from '../helpers/signing-pki.ts';

/** An in-process TSA with a fixed clock and serial, so B-T output is reproducible. */
async function fixedTimestamp(): Promise<TimestampClient> {
  const { index } = await testPki();
  const tsa = createTimestampAuthority({ ...(await keyOf('tsa')), policyOid: index.tsaPolicyOid, now: () => FIXED_NOW, serial: () => 7n });
  return async (data) => {
    const hashedMessage = createHash('sha256').update(data).digest();
    const resp = parseTimeStampResp(await tsa.respond(encodeTimeStampReq({ hashAlgorithm: OID.sha256, hashedMessage, nonce: 1n, certReq: true })));
    if (!resp.token) throw new Error(`TSA refused: ${resp.statusText ?? resp.status}`);
    return resp.token;
  };
}

/** The /T of the one signature field a signed copy of `input` has. */
function readFieldName(signed: Uint8Array): string {
  return /\/T \((F\d+)\)/.exec(Buffer.from(signed).toString('latin1'))?.[1] ?? '?';
}

async function errorOf(p: Promise<unknown>): Promise<unknown> {
  return p.then(() => undefined, (e: unknown) => e);
}

describe('signing pool', () => {
  let pool: SigningPool;
  let signer: Signer;
  let input: Uint8Array;
  const signingTime = new Date('2026-02-03T04:05:06Z');

  beforeAll(async () => {
    pool = await createSigningPool({ size: 2 });
    signer = await signerOf('person:city.leader');
    input = await basePdf({ pages: 3 });
  });
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecabinet-pool-'));
  });
  afterAll(async () => {
    await pool.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('returns exactly the bytes signPdf returns (B-B)', async () => {
    const opts: SignPdfOptions = { signer, signingTime, reason: 'Phê duyệt', location: 'Hà Nội' };
    const ours = await pool.signPdf(input, opts);
    expect(Buffer.from(ours).equals(Buffer.from(await signPdf(input, opts)))).toBe(true);
    expect(startsWith(ours, input)).toBe(true);
  });

  it('returns exactly the bytes signPdf returns for a visible signature and for B-LT (DSS written in the worker)', async () => {
    const crl = await pkiFile('issuing-ca.crl');
    const opts: SignPdfOptions = {
      signer,
      signingTime,
      level: 'B-LT',
      timestamp: await fixedTimestamp(),
      crls: [crl],
      visible: { kind: 'personal', page: 1, rect: { x: 300, y: 100, w: 220, h: 110 }, title: 'CHỦ TỊCH' },
    };
    const ours = await pool.signPdf(input, opts);
    expect(Buffer.from(ours).equals(Buffer.from(await signPdf(input, opts)))).toBe(true);
    expect((await readDss(ours)).crls).toHaveLength(1);
  });

  it('signs from file to file with signPdf’s exact bytes: a new owner-only file, its SHA-256 and size answered', async () => {
    const source = join(dir, 'source.pdf');
    await writeFile(source, input);
    const crl = await pkiFile('issuing-ca.crl');
    for (const [name, opts] of [
      ['b-b', { signer, signingTime, reason: 'Phê duyệt' }],
      ['b-lt', { signer, signingTime, level: 'B-LT', timestamp: await fixedTimestamp(), crls: [crl], visible: { kind: 'personal', page: 1, rect: { x: 300, y: 100, w: 220, h: 110 } } }],
    ] as const) {
      const out = join(dir, `${name}.pdf`);
      const answer = await pool.signFile(source, out, opts);
      const written = await readFile(out);
      expect(written.equals(Buffer.from(await signPdf(input, opts)))).toBe(true);
      expect(answer).toEqual({ sha256: createHash('sha256').update(written).digest('hex'), size: written.length });
      expect((await stat(out)).mode & 0o777).toBe(0o600);
      // An existing file is never overwritten.
      await expect(pool.signFile(source, out, opts)).rejects.toThrow(/EEXIST/);
    }
    // Refusals as signPdf's; a signer that fails leaves no file and the worker serving the next.
    const notPdf = join(dir, 'not.pdf');
    await writeFile(notPdf, 'hello');
    expect(((await errorOf(pool.signFile(notPdf, join(dir, 'x.pdf'), { signer }))) as SigningError).code).toBe('pdf.malformed');
    const broken: Signer = { ...signer, sign: () => Promise.reject(new Error('the token was removed')) };
    await expect(pool.signFile(source, join(dir, 'broken.pdf'), { signer: broken })).rejects.toThrow('the token was removed');
    await expect(stat(join(dir, 'broken.pdf'))).rejects.toThrow(/ENOENT/);
    expect((await pool.signFile(source, join(dir, 'after.pdf'), { signer })).size).toBeGreaterThan(input.length);
  });

  it('runs its workers as child processes that end with the server, even killed with SIGKILL', async () => {
    // A server stand-in: starts a pool, prints its workers' pids, waits to be killed.
    const script = `import { createSigningPool } from ${JSON.stringify(new URL('../../src/signing/pool/index.ts', import.meta.url).href)};
      await createSigningPool({ size: 2 });
      const { readFileSync } = await import('node:fs');
      process.stdout.write(readFileSync('/proc/self/task/' + process.pid + '/children', 'utf8').trim().split(' ').join(',') + '\\n');
      setInterval(() => {}, 1000);`;
    const server = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      server.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()));
      server.once('exit', (code) => reject(new Error(`stand-in exited with ${code}`)));
    });
    const pids = line.split(',').map(Number);
    expect(pids).toHaveLength(2);
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(pids.every(alive)).toBe(true);
    // One V8 helper thread each, every thread at a lower priority than the server's.
    for (const pid of pids) {
      const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
      expect(args).toContain('--v8-pool-size=1');
      const nice = Number((await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ')[16]);
      expect(nice).toBe(10);
    }
    server.kill('SIGKILL');
    const deadline = Date.now() + 5000;
    while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(pids.filter(alive)).toEqual([]);
  });

  it('signs many documents at once, each result valid and in its caller’s order', async () => {
    const inputs = await Promise.all([1, 2, 3, 4, 5, 6].map((pages) => basePdf({ pages })));
    const outputs = await Promise.all(inputs.map((pdf) => pool.signPdf(pdf, { signer, signingTime })));
    for (const [i, out] of outputs.entries()) {
      expect(startsWith(out, inputs[i] as Uint8Array)).toBe(true);
      expect(await readSignatures(out)).toHaveLength(1);
    }
    // The caller's input is copied, never detached by the transfer to a worker.
    expect(inputs[0]?.byteLength).toBeGreaterThan(0);
  });

  it('reports the engine’s SigningError codes', async () => {
    const notPdf = await errorOf(pool.signPdf(new TextEncoder().encode('hello'), { signer }));
    expect(notPdf).toBeInstanceOf(SigningError);
    expect((notPdf as SigningError).code).toBe('pdf.malformed');
    const signed = await pool.signPdf(input, { signer, fieldName: 'A' });
    const again = await errorOf(pool.signPdf(signed, { signer, fieldName: 'A' }));
    expect((again as SigningError).code).toBe('signing.field_exists');
    const noTsa = await errorOf(pool.signPdf(input, { signer, level: 'B-T' }));
    expect((noTsa as SigningError).code).toBe('signing.tsa_failed');
  });

  it('keeps a worker going through the tasks posted behind a failing one, each answered to its caller', async () => {
    // One worker holds two tasks at a time (the next waits in its port): a failure must answer
    // only its own caller and must not stop the task queued behind it.
    const single = await createSigningPool({ size: 1 });
    try {
      const notPdf = new TextEncoder().encode('not a pdf');
      const inputs = [input, notPdf, input, notPdf, notPdf, input];
      const outcomes = await Promise.all(
        inputs.map((pdf, i) =>
          single.signPdf(pdf, { signer, signingTime, fieldName: `F${i}` }).then(
            (out) => `signed ${readFieldName(out)}`,
            (err: unknown) => (err instanceof SigningError ? err.code : String(err)),
          ),
        ),
      );
      expect(outcomes).toEqual(['signed F0', 'pdf.malformed', 'signed F2', 'pdf.malformed', 'pdf.malformed', 'signed F5']);
    } finally {
      await single.close();
    }
  });

  it('passes bytes to its workers through a private scratch directory it removes, also when the signature fails', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'ecabinet-pool-tmp-'));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = scratch; // os.tmpdir() reads it at each call
    try {
      const signed = await pool.signPdf(input, { signer, signingTime });
      expect((await pool.verifyPdf(signed, { trustAnchors: [] })).signatures).toHaveLength(1);
      await expect(pool.signPdf(new TextEncoder().encode('not a pdf'), { signer })).rejects.toBeInstanceOf(SigningError);
      expect(await readdir(scratch)).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it('lets a process with nothing else to do await its close (a command line, a benchmark)', async () => {
    const script = `import { createSigningPool } from ${JSON.stringify(new URL('../../src/signing/pool/index.ts', import.meta.url).href)};
      const pool = await createSigningPool({ size: 1 });
      await pool.close();
      process.stdout.write('closed\\n');`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    // Before: the idle worker was unref'd, the process ended before its exit was seen: code 13, an unsettled top-level await.
    expect({ code, out: out.trim() }).toEqual({ code: 0, out: 'closed' });
  });

  it('closes idempotently and refuses work afterwards', async () => {
    const other = await createSigningPool({ size: 1 });
    await other.close();
    await other.close();
    expect(await errorOf(other.signPdf(input, { signer }))).toBeInstanceOf(Error);
    await expect(createSigningPool({ size: 0 })).rejects.toBeInstanceOf(RangeError);
  });
});
