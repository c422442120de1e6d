// Verification of a stored version or of an uploaded file: the engine's verifyPdf in the signing
// pool (a 200-page file is tens of milliseconds of parsing and hashing), trusting the configured
// anchors only, answered as the contract's report (the JSON of `ecabinet verify --json`).
import { createHash } from 'node:crypto';
import { recordEvent, type AuditActor } from '../audit/index.ts';
import { verificationReportSchema, type VerificationReportView } from '../contract/workflow.ts';
import type { WorkflowDeps } from './deps.ts';

export async function verifyBytes(deps: Pick<WorkflowDeps, 'pool' | 'trustAnchors' | 'clock'>, bytes: Uint8Array): Promise<VerificationReportView> {
  const pool = await deps.pool.get();
  const report = await pool.verifyPdf(bytes, { trustAnchors: [...deps.trustAnchors], now: deps.clock() });
  // The typed assignment keeps the engine's report and the contract in step (also checked by the CLI).
  const view: VerificationReportView = report;
  return verificationReportSchema.parse(view);
}

/** Verifies and records `document.verify` (subject: the stored document, or none for an upload). */
export async function verifyAndRecord(
  deps: WorkflowDeps,
  o: { actor: AuditActor; bytes: Uint8Array; documentId?: string; version?: number },
): Promise<VerificationReportView> {
  const report = await verifyBytes(deps, o.bytes);
  await deps.db.transaction((tx) =>
    recordEvent(tx, {
      action: 'document.verify',
      actor: o.actor,
      subject: o.documentId ? { kind: 'document', id: o.documentId } : null,
      details: {
        version: o.version,
        sha256: createHash('sha256').update(o.bytes).digest('hex'),
        ok: report.ok,
        signatures: report.signatures.length,
      },
    }),
  );
  return report;
}
