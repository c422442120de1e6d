import { readFile } from 'node:fs/promises';
import { X509Certificate } from 'node:crypto';
import { parseArgs } from 'node:util';
import { SigningError, verifyPdf, type SignatureReport, type VerificationReport } from '../signing/index.ts';
import { verificationReportSchema, type VerificationFailure, type VerificationReportView } from '../contract/workflow.ts';
import { UsageError } from './cli-error.ts';

export const VERIFY_USAGE = `Usage: ecabinet verify FILE.pdf [--trust CA.pem]... [--json]

  Exit 0 only when the file has signatures and every one is intact, chains to one of the
  --trust anchors (PEM, one or more certificates per file, or DER), is not revoked, and
  nothing was changed after it that the document does not permit; 1 when any of that fails;
  2 for a usage error; 3 when FILE cannot be verified (unreadable, not a PDF, damaged,
  encrypted, too complex). --json prints the report (or the error) as JSON: docs/verify.md.`;

/** Exit codes, documented in docs/verify.md. */
export const VERIFY_EXIT = { valid: 0, notValid: 1, usage: 2, unverifiable: 3 } as const;

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
  let report: VerificationReport;
  try {
    report = await verifyPdf(new Uint8Array(await readFile(file)), { trustAnchors: anchors });
  } catch (err) {
    const code = err instanceof SigningError ? err.code : null;
    const message = err instanceof SigningError ? err.message : `cannot read ${file}: ${(err as Error)?.message ?? String(err)}`;
    if (!(err instanceof SigningError) && !(err instanceof Error && 'code' in err)) throw err; // a bug, not an input problem
    const failure: VerificationFailure = { ok: false, error: { code, message } };
    if (values.json) console.log(JSON.stringify(failure, null, 2));
    console.error(`ecabinet verify: ${file} cannot be verified: ${message}${code ? ` [${code}]` : ''}`);
    return VERIFY_EXIT.unverifiable;
  }
  console.log(values.json ? JSON.stringify(asJson(report), null, 2) : describe(file, report));
  return report.ok ? VERIFY_EXIT.valid : VERIFY_EXIT.notValid;
}

/**
 * The report as the contract's schema describes it (src/contract/workflow.ts), the same JSON the
 * HTTP verification routes answer; the assignment makes typecheck fail if the two drift apart,
 * the parse catches what types cannot (a value outside an enum).
 */
function asJson(report: VerificationReport): VerificationReportView {
  const typed: VerificationReportView = report;
  return verificationReportSchema.parse(typed);
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
  const { docMdp, trailingBytes } = report.document;
  if (docMdp) lines.push(`  certified by ${docMdp.fieldName ?? '?'}: DocMDP P=${docMdp.permissions} (${['no changes', 'form filling and signing', 'form filling, signing and annotations'][docMdp.permissions - 1]})`);
  if (trailingBytes > 0) lines.push(`  ! ${trailingBytes} byte(s) after the last %%EOF belong to no revision`);
  report.signatures.forEach((s, i) => lines.push(...signatureLines(i + 1, s)));
  for (const p of report.document.problems) lines.push(`  ! ${p}`);
  return lines.join('\n');
}

function signatureLines(n: number, s: SignatureReport): string[] {
  const problems = [...s.integrity.problems, ...s.chain.problems, ...s.revocation.problems, ...s.timestamp.problems];
  const later = s.modifiedAfter.map((r) => (r.allowed ? r.kind : `${r.kind} (NOT PERMITTED)`)).join(', ');
  return [
    `#${n} ${s.fieldName}: ${s.status.toUpperCase()} — ${s.signer?.commonName ?? 'unknown signer'} (${s.level})`,
    `   integrity ${s.integrity.ok ? 'ok' : 'BROKEN'}, chain ${s.chain.trusted ? 'trusted' : 'NOT trusted'}, revocation ${s.revocation.status}`,
    `   signed ${s.signingTime ?? '?'}${s.timestampTime ? `, timestamp ${s.timestampTime}` : ''}, ${s.algorithm ?? '?'}, ${s.subFilter ?? '?'}`,
    `   ${s.coversWholeFile ? 'covers the whole file' : `changed after: ${later || 'bytes outside the signed range'}`}`,
    ...s.modifications.map((m) => `   ! modified: ${m}`),
    ...problems.map((p) => `   ! ${p}`),
  ];
}
