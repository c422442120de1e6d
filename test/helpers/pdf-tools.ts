// External PDF producers and checkers for the PDF layer's integration tests: qpdf (transform,
// --check), poppler (pdftocairo, pdfsig) and ghostscript when installed. Each run uses a fresh
// temp directory.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export function hasTool(name: string): boolean {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'ecabinet-pdf-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs `tool ...args in.pdf out.pdf` (placeholders IN/OUT substituted) and returns out.pdf. */
export async function transform(bytes: Uint8Array, tool: string, args: string[]): Promise<Uint8Array> {
  return withTempDir(async (dir) => {
    const input = join(dir, 'in.pdf');
    const output = join(dir, 'out.pdf');
    await writeFile(input, bytes);
    await run(tool, args.map((a) => a.replace('IN', input).replace('OUT', output)), { maxBuffer: 64 << 20 });
    return new Uint8Array(await readFile(output));
  });
}

export const qpdf = (bytes: Uint8Array, ...opts: string[]) => transform(bytes, 'qpdf', [...opts, 'IN', 'OUT']);
export const pdftocairo = (bytes: Uint8Array) => transform(bytes, 'pdftocairo', ['-pdf', 'IN', 'OUT']);
export const ghostscript = (bytes: Uint8Array) =>
  transform(bytes, 'gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=pdfwrite', '-sOutputFile=OUT', 'IN']);

/** `qpdf --check`: exit status (0 clean, 2 errors, 3 warnings) and its text. */
export async function qpdfCheck(bytes: Uint8Array): Promise<{ status: number; output: string }> {
  return withTempDir(async (dir) => {
    const input = join(dir, 'check.pdf');
    await writeFile(input, bytes);
    try {
      const { stdout, stderr } = await run('qpdf', ['--check', input], { maxBuffer: 64 << 20 });
      return { status: 0, output: stdout + stderr };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return { status: typeof e.code === 'number' ? e.code : -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
    }
  });
}

/** A file signed by poppler's pdfsig (adbe.pkcs7.detached) with a throwaway self-signed key. */
export async function signWithPdfsig(
  bytes: Uint8Array,
): Promise<{ bytes: Uint8Array; verify(b: Uint8Array): Promise<string>; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ecabinet-nss-'));
  const nss = `sql:${join(dir, 'nss')}`;
  const sh = (cmd: string, args: string[]) => run(cmd, args, { cwd: dir, maxBuffer: 64 << 20 });
  await sh('mkdir', ['nss']);
  await sh('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '30', '-subj', '/CN=Poppler Test Signer']);
  await sh('openssl', ['pkcs12', '-export', '-inkey', 'k.pem', '-in', 'c.pem', '-out', 'p.p12', '-passout', 'pass:', '-name', 'popsig']);
  await sh('certutil', ['-N', '-d', nss, '--empty-password']);
  await sh('pk12util', ['-i', 'p.p12', '-d', nss, '-W', '']);
  await writeFile(join(dir, 'in.pdf'), bytes);
  await sh('pdfsig', ['-nssdir', nss, '-add-signature', '-nick', 'popsig', '-new-signature-field-name', 'PopplerSig', 'in.pdf', 'signed.pdf']);
  const signed = new Uint8Array(await readFile(join(dir, 'signed.pdf')));
  const verify = async (b: Uint8Array) => {
    await writeFile(join(dir, 'verify.pdf'), b);
    // pdfsig exits 0 even on a digest mismatch (notes/signing.md): callers read the text.
    const { stdout } = await sh('pdfsig', ['-nssdir', nss, '-nocert', 'verify.pdf']).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
    return stdout;
  };
  return { bytes: signed, verify, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Pages as poppler's `pdfinfo` counts them: an oracle independent of our reader. */
export async function pdfPageCount(bytes: Uint8Array): Promise<number> {
  return withTempDir(async (dir) => {
    const input = join(dir, 'info.pdf');
    await writeFile(input, bytes);
    const { stdout } = await run('pdfinfo', [input]);
    const pages = /^Pages:\s+(\d+)$/m.exec(stdout)?.[1];
    if (!pages) throw new Error(`pdfinfo printed no page count:\n${stdout}`);
    return Number(pages);
  });
}
