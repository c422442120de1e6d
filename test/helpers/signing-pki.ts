import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { generateDevPki, type DevPkiDemo, type DevPkiEntry, type DevPkiMaterial } from '../../src/pki/index.ts';
import { loadPkcs12Signer, readPkcs12 } from '../../src/signing/signers/index.ts';
import type { Signer } from '../../src/signing/signer.ts';

// A development PKI generated in memory for signing tests, at a fixed clock so every check of
// validity periods gives the same answer on any day (pyHanko habit: deterministic crypto tests).

export const FIXED_NOW = new Date('2026-03-01T03:00:00.000Z');
export const PIN = '123456';

export const TEST_DEMO: DevPkiDemo = {
  units: [
    { code: 'HN', name: 'UBND Thành phố Hà Nội' },
    { code: 'd01', name: 'UBND Quận Ba Đình' },
  ],
  people: [
    { username: 'city.leader', fullName: 'Trần Văn Quang', unitCode: 'HN' },
    { username: 'd01.clerk', fullName: 'Phạm Thị Lan', unitCode: 'd01' },
  ],
};

let cached: Promise<DevPkiMaterial> | undefined;
/** One PKI per test file (vitest isolates files), generated on first use. */
export function testPki(): Promise<DevPkiMaterial> {
  cached ??= generateDevPki({ now: FIXED_NOW, demo: TEST_DEMO, crlUrl: 'http://pki.test/issuing-ca.crl' });
  return cached;
}

export async function pkiEntry(id: string): Promise<DevPkiEntry> {
  const { index } = await testPki();
  const e = [index.root, index.issuing, ...index.entries].find((x) => x.id === id);
  if (!e) throw new Error(`no PKI entry ${id}`);
  return e;
}

export async function pkiFile(path: string): Promise<Uint8Array> {
  const f = (await testPki()).files.get(path);
  if (f === undefined) throw new Error(`no PKI file ${path}`);
  return typeof f === 'string' ? Buffer.from(f) : f;
}

export async function p12Of(id: string): Promise<Uint8Array> {
  return pkiFile((await pkiEntry(id)).p12);
}

export async function signerOf(id: string): Promise<Signer> {
  return loadPkcs12Signer(await p12Of(id), PIN, { now: FIXED_NOW });
}

export async function keyOf(id: string): Promise<ReturnType<typeof readPkcs12>> {
  return readPkcs12(await p12Of(id), PIN);
}

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

const run = promisify(execFile);
/** Runs the openssl CLI; resolves with its output whatever the exit code. */
export async function openssl(args: string[], opts: { cwd?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('openssl', args, { cwd: opts.cwd, maxBuffer: 16 << 20 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
