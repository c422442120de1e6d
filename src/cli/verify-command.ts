import { readFile } from 'node:fs/promises';
import { X509Certificate } from 'node:crypto';
import { parseArgs } from 'node:util';
import { verifyPdf, type SignatureReport, type VerificationReport } from '../signing/index.ts';
import { UsageError } from './cli-error.ts';

export const VERIFY_USAGE = `Usage: ecabinet verify FILE.pdf [--trust CA.pem]... [--json]

  Exits 0 only when the file has signatures and every one is intact and chains to one of the
  --trust anchors (PEM, one or more certificates per file, or DER).`;

export async function verifyCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { trust: { type: 'string', multiple: true, default: [] }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new UsageError('give exactly one PDF file to verify');
  const [file] = positionals as [string];
  const anchors = (await Promise.all((values.trust ?? []).map(readCertificates))).flat();
  const report = await verifyPdf(new Uint8Array(await readFile(file)), { trustAnchors: anchors });
  console.log(values.json ? JSON.stringify(report, null, 2) : describe(file, report));
  return report.ok ? 0 : 1;
}

/** Every certificate in a PEM bundle, or a single DER certificate. */
async function readCertificates(path: string): Promise<Uint8Array[]> {
  const bytes = await readFile(path);
  const text = bytes.toString('latin1');
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  try {
    if (blocks) return blocks.map((b) => new Uint8Array(new X509Certificate(b).raw));
    return [new Uint8Array(new X509Certificate(bytes).raw)];
  } catch {
    throw new UsageError(`--trust ${path} holds no readable certificate`);
  }
}

function describe(file: string, report: VerificationReport): string {
  const lines = [`${file}: ${report.signatures.length} signature(s), ${report.ok ? 'all valid and trusted' : 'NOT all valid and trusted'}`];
  report.signatures.forEach((s, i) => lines.push(...signatureLines(i + 1, s)));
  for (const p of report.document.problems) lines.push(`  ! ${p}`);
  return lines.join('\n');
}

function signatureLines(n: number, s: SignatureReport): string[] {
  const problems = [...s.integrity.problems, ...s.chain.problems, ...s.revocation.problems, ...s.timestamp.problems];
  return [
    `#${n} ${s.fieldName}: ${s.ok ? 'VALID' : 'INVALID'} — ${s.signer?.commonName ?? 'unknown signer'} (${s.level})`,
    `   integrity ${s.integrity.ok ? 'ok' : 'BROKEN'}, chain ${s.chain.trusted ? 'trusted' : 'NOT trusted'}, revocation ${s.revocation.status}`,
    `   signed ${s.signingTime ?? '?'}${s.timestampTime ? `, timestamp ${s.timestampTime}` : ''}, ${s.algorithm ?? '?'}, ${s.subFilter ?? '?'}`,
    `   ${s.coversWholeFile ? 'covers the whole file' : `changed after: ${s.modifiedAfter.map((r) => r.kind).join(', ') || 'bytes outside the signed range'}`}`,
    ...problems.map((p) => `   ! ${p}`),
  ];
}
