// Helpers for the verifier's tests: an in-process TSA on the test PKI (no HTTP), a PDF whose
// middle is a long comment (a byte can be flipped there and the file still parses), NSS
// databases for pdfsig, and a parser for pdfsig's text (it exits 0 even on a digest mismatch).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { OID } from '../../src/signing/cms/index.ts';
import { createTimestampAuthority, parseTimeStampResp, type TimestampClient } from '../../src/signing/timestamp/index.ts';
import { encodeTimeStampReq } from '../../src/signing/timestamp/tsp-messages.ts';
import { fromLatin1 } from './pdf-fixtures.ts';
import { keyOf, testPki } from './signing-pki.ts';

const run = promisify(execFile);

/** A TimestampClient answered by the dev PKI's TSA in this process; `now` fixes genTime. */
export async function inProcessTimestamp(now?: () => Date): Promise<{ stamp: TimestampClient; stampDigest(digest: Uint8Array): Promise<Uint8Array> }> {
  const { index } = await testPki();
  const tsa = createTimestampAuthority({ ...(await keyOf('tsa')), policyOid: index.tsaPolicyOid, now });
  let nonce = 1n;
  const stampDigest = async (digest: Uint8Array): Promise<Uint8Array> => {
    const request = encodeTimeStampReq({ hashAlgorithm: OID.sha256, hashedMessage: digest, nonce: nonce++, certReq: true });
    const resp = parseTimeStampResp(await tsa.respond(request));
    if (resp.status !== 0 || !resp.token) throw new Error(`TSA refused: ${resp.statusText ?? resp.status}`);
    return resp.token;
  };
  return { stamp: (data) => stampDigest(createHash('sha256').update(data).digest()), stampDigest };
}

export const COMMENT_FILL = 'x';

/**
 * A one-page PDF written by hand (classic xref), with an uncompressed content stream and a
 * 2 000-byte comment between two objects (ISO 32000-1 §7.2.3): the middle of the file.
 */
export function commentedPdf(): Uint8Array {
  let s = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const off: number[] = [];
  const obj = (n: number, body: string) => {
    off[n] = s.length;
    s += `${n} 0 obj\n${body}\nendobj\n`;
  };
  const content = 'BT /F1 24 Tf 72 720 Td (Bien ban hop) Tj ET';
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  s += `%${COMMENT_FILL.repeat(2000)}\n`;
  obj(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>');
  obj(4, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  obj(5, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  const xref = s.length;
  s += 'xref\n0 6\n0000000000 65535 f\r\n';
  for (let n = 1; n < 6; n++) s += `${String(off[n]).padStart(10, '0')} 00000 n\r\n`;
  s += `trailer\n<< /Size 6 /Root 1 0 R /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return fromLatin1(s);
}

/** The bytes a /ByteRange covers, concatenated (what the CMS signs). */
export function signedRanges(bytes: Uint8Array, [a, b, c, d]: readonly [number, number, number, number]): Uint8Array {
  return Buffer.concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]);
}

export async function sh(cmd: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(cmd, args, { cwd, maxBuffer: 64 << 20, env: { ...process.env, TZ: 'UTC' } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** A fresh NSS database in `dir`/`name` trusting `caPem` as a CA (certutil -t "CT,C,C"); returns "sql:…". */
export async function nssTrusting(dir: string, caPem: string, name = 'nss'): Promise<string> {
  await mkdir(join(dir, name), { recursive: true });
  const db = `sql:${join(dir, name)}`;
  for (const args of [['-N', '-d', db, '--empty-password'], ['-A', '-d', db, '-n', 'test-root', '-t', 'CT,C,C', '-i', caPem]]) {
    const r = await sh('certutil', args, dir);
    if (r.code !== 0) throw new Error(`certutil ${args[0]}: ${r.stderr}`);
  }
  return db;
}

export interface PdfsigEntry {
  field: string;
  commonName: string;
  /** "Signing Time", read as UTC (pdfsig runs with TZ=UTC). */
  signingTime: Date | null;
  subFilter: string;
  valid: boolean;
  digestMismatch: boolean;
  trusted: boolean;
  totalDocument: boolean;
  raw: string;
}

/** `pdfsig -nssdir DB file`, parsed per signature. Read the text: the exit code says nothing. */
export async function pdfsig(file: string, nssdir: string, cwd: string): Promise<PdfsigEntry[]> {
  const { stdout } = await sh('pdfsig', ['-nssdir', nssdir, file], cwd);
  return stdout
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((raw) => {
      const line = (label: string): string => new RegExp(`- ${label}: (.*)`).exec(raw)?.[1]?.trim() ?? '';
      const time = line('Signing Time');
      return {
        field: line('Signature Field Name'),
        commonName: line('Signer Certificate Common Name'),
        signingTime: time ? new Date(`${time} UTC`) : null,
        subFilter: line('Signature Type'),
        valid: /Signature Validation: Signature is Valid\./.test(raw),
        digestMismatch: /Signature Validation: Digest Mismatch\./.test(raw),
        trusted: /Certificate Validation: Certificate is Trusted\./.test(raw),
        totalDocument: /^\s*- Total document signed$/m.test(raw),
        raw,
      };
    });
}
