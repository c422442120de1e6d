// Verification of a stored version or of an uploaded file: the engine's verifyPdf in the signing
// pool (a 200-page file is tens of milliseconds of parsing and hashing), trusting the configured
// anchors only, answered as the contract's report (the JSON of `ecabinet verify --json`).
import { recordEvent, type AuditActor } from '../audit/index.ts';
import { verificationReportSchema, type VerificationReportView } from '../contract/workflow.ts';
import type { WorkflowDeps } from './deps.ts';

/** Verifies the file at `path` in the pool (its bytes never reach the event loop); with the SHA-256 of what was verified. */
export async function verifyFile(deps: Pick<WorkflowDeps, 'pool' | 'trustAnchors' | 'clock'>, path: string): Promise<{ report: VerificationReportView; sha256: string }> {
  const pool = await deps.pool.get();
  const { report, sha256 } = await pool.verifyPdfFile(path, { trustAnchors: [...deps.trustAnchors], now: deps.clock() });
  // The typed assignment keeps the engine's report and the contract in step (also checked by the CLI).
  const view: VerificationReportView = report;
  return { report: verificationReportSchema.parse(view), sha256 };
}

/** Verifies and records `document.verify` (subject: the stored document, or none for an upload) with the SHA-256 of the bytes verified. */
export async function verifyAndRecord(
  deps: WorkflowDeps,
  o: { actor: AuditActor; path: string; documentId?: string; version?: number },
): Promise<VerificationReportView> {
  const { report, sha256 } = await verifyFile(deps, o.path);
  await deps.db.transaction((tx) =>
    recordEvent(tx, {
      action: 'document.verify',
      actor: o.actor,
      subject: o.documentId ? { kind: 'document', id: o.documentId } : null,
      details: {
        version: o.version,
        sha256,
        ok: report.ok,
        signatures: report.signatures.length,
      },
    }),
  );
  return report;
}
