// Is every signature in the file valid? Two independent answers: our CMS layer (message digest
// over the /ByteRange bytes, signature value, signing-certificate binding) and, when installed,
// poppler's pdfsig. pdfsig exits 0 even on "Digest Mismatch", so its text is read instead.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseSignedData, verifySignerInfo } from '../../src/signing/cms/index.ts';
import { readSignatures } from '../../src/signing/pdf/index.ts';

const run = promisify(execFile);

export interface SignatureCheck {
  count: number;
  /** Signatures whose digest, signature value and certificate binding all verify. */
  validByCms: number;
  /** Signatures pdfsig calls "Signature is Valid."; undefined without pdfsig. */
  validByPdfsig?: number;
}

async function pdfsigValid(bytes: Uint8Array): Promise<number | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'ecabinet-bench-'));
  try {
    const file = join(dir, 'signed.pdf');
    await writeFile(file, bytes);
    // -nocert: trust in the dev root is not the question here, the signatures are.
    const { stdout } = await run('pdfsig', ['-nocert', file], { maxBuffer: 16 << 20 });
    return stdout.match(/Signature Validation: Signature is Valid\./g)?.length ?? 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function checkSignatures(bytes: Uint8Array, opts: { pdfsig?: boolean } = {}): Promise<SignatureCheck> {
  const sigs = await readSignatures(bytes);
  let validByCms = 0;
  for (const sig of sigs) {
    const [a, b, c, d] = sig.byteRange;
    const digest = createHash('sha256').update(bytes.subarray(a, a + b)).update(bytes.subarray(c, c + d)).digest();
    const v = verifySignerInfo(parseSignedData(sig.contents), new Uint8Array(digest));
    if (sig.issues.length === 0 && v.digestMatches && v.signatureValid && v.certBindingValid) validByCms++;
  }
  return { count: sigs.length, validByCms, validByPdfsig: opts.pdfsig === false ? undefined : await pdfsigValid(bytes) };
}
