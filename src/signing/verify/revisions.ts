// Every revision of the file, and for those after the first signature what they did and whether
// the document's certification (or its absence) permits it: the evidence behind a signature's
// 'modified' status. revision-history.ts reads what each revision wrote; revision-judge.ts
// applies the rules.
import { revisionMap, type IncrementalPdf, type SignatureRecord } from '../pdf/index.ts';
import { readDocMdp, type DocMdp } from './doc-mdp.ts';
import { FileHistory, revisionDiffs } from './revision-history.ts';
import { permitted } from './change-levels.ts';
import { judgeRevision, type SignatureFacts } from './revision-judge.ts';
import type { RevisionReport } from './types.ts';

export interface RevisionFacts extends RevisionReport {
  /** The update wrote DSS objects (for B-LT/B-LTA). */
  touchesDss: boolean;
}

export interface RevisionAnalysis {
  revisions: RevisionFacts[];
  /** The certification's DocMDP, when the first signature is one. */
  docMdp: (DocMdp & { fieldName: string | null }) | null;
  problems: string[];
}

/** A signature whose range is its own and ends at a revision: one the rules can rely on. */
const sound = (r: SignatureRecord): boolean => r.issues.length === 0 && r.revision !== undefined;

export function analyseRevisions(pdf: IncrementalPdf, records: readonly SignatureRecord[]): RevisionAnalysis {
  const map = revisionMap(pdf);
  const revisions: RevisionFacts[] = map.markers.map((m, index) => ({ index, end: m.end, kind: 'base', allowed: true, details: [], touchesDss: false }));
  const signed = records.filter(sound).map((r) => r.revision as number);
  const problems: string[] = [];
  if (signed.length === 0) return { revisions, docMdp: null, problems };
  const first = Math.min(...signed);
  const history = new FileHistory(pdf, map);

  let docMdp: RevisionAnalysis['docMdp'] = null;
  const head = map.heads[first] as number;
  let mdp: DocMdp | null = null;
  try {
    mdp = head >= 0 ? readDocMdp(history.view(head).doc) : null;
  } catch (err) {
    problems.push(`the certification (/Perms /DocMDP) cannot be read: ${(err as Error)?.message ?? String(err)}`);
  }
  if (mdp) {
    // ISO 32000-2 §12.8.2.2.1: the certification signature is the first signature of the document.
    const cert = records.find((r) => r.valueObject === mdp.signatureObject && sound(r) && r.revision === first);
    if (cert) docMdp = { ...mdp, fieldName: cert.fieldName };
    else problems.push("the catalog's /Perms /DocMDP does not name the document's first signature; it is ignored");
  }
  const facts: SignatureFacts[] = records.map((r) => ({
    fieldName: r.fieldName,
    fieldObject: r.fieldObject,
    revision: r.revision,
    sound: sound(r),
    timestamp: r.subFilter === 'ETSI.RFC3161',
  }));
  for (const diff of revisionDiffs(history, first)) {
    const judged = judgeRevision(history, diff, docMdp?.permissions, facts);
    const fact = revisions[diff.index] as RevisionFacts;
    fact.kind = judged.level;
    fact.allowed = permitted(judged.level, docMdp?.permissions);
    fact.touchesDss = judged.touchesDss;
    if (judged.violations.length > 0) fact.details = judged.violations;
    else {
      fact.details = [...judged.notes];
      if (judged.changedFields.length > 0) fact.details.push(`form fields filled in: ${judged.changedFields.join(', ')}`);
      if (!fact.allowed) fact.details.unshift(notPermitted(judged.level, docMdp?.permissions));
    }
  }
  return { revisions, docMdp, problems };
}

function notPermitted(level: string, mdp: number | undefined): string {
  if (mdp === undefined) return `${level} is not permitted: the document has no certification allowing it (DocMDP)`;
  return `${level} is not permitted by the certification (DocMDP P=${mdp})`;
}
