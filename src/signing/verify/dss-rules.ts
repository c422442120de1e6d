// The document security store after signing (ETSI EN 319 142-1 §5.4.2; ISO 32000-2 §12.8.4.3):
// what it may hold, and which existing objects are validation data only.
import type { PDFContext, PDFDict } from 'pdf-lib';
import type { RevisionView } from '../pdf/index.ts';
import { dictOf, N, refNum } from './object-compare.ts';
import type { FileHistory } from './revision-history.ts';

const DSS_KEYS = new Set(['Type', 'Certs', 'CRLs', 'OCSPs', 'VRI']);
const VRI_ENTRY_KEYS = new Set(['Type', 'Cert', 'CRL', 'OCSP', 'TU', 'TS']);

/** Why `dss` is not a DSS: entries other than /Certs, /CRLs, /OCSPs and /VRI, or bad /VRI entries. */
export function dssProblems(context: PDFContext, dss: PDFDict | undefined): string[] {
  if (!dss) return ['the document security store (/DSS) is not a dictionary'];
  const problems: string[] = [];
  const extra = dss.keys().map((k) => k.decodeText()).filter((k) => !DSS_KEYS.has(k));
  if (extra.length > 0) problems.push(`the document security store has unexpected entries ${extra.map((k) => `/${k}`).join(', ')}`);
  const vri = dictOf(context.lookup(dss.get(N('VRI'))));
  for (const [, value] of vri?.entries() ?? []) {
    const entry = dictOf(context.lookup(value));
    const bad = entry?.keys().map((k) => k.decodeText()).filter((k) => !VRI_ENTRY_KEYS.has(k)) ?? ['(not a dictionary)'];
    if (bad.length > 0) {
      problems.push(`a /VRI entry of the document security store has unexpected entries ${bad.join(', ')}`);
      break;
    }
  }
  return problems;
}

/**
 * Existing objects only the DSS uses in `view`: reached from the catalog's /DSS, referred to by
 * nothing else (an object also shown on a page is not validation data, whatever the DSS says).
 */
export function dssOnlyObjects(history: FileHistory, view: RevisionView): Set<number> {
  const { referrers } = history.refIndex(view);
  const rootNum = view.root.objectNumber;
  const root = refNum(view.doc.catalog.get(N('DSS')));
  const set = new Set<number>();
  if (root === undefined) return set;
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop() as number;
    if (set.has(n)) continue;
    set.add(n);
    for (const r of history.scan(view, n)?.refs ?? []) stack.push(r);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const n of [...set]) {
      const outside = (referrers.get(n) ?? []).some((r) => !(set.has(r.from) || (r.from === rootNum && r.key === 'DSS' && n === root)));
      if (outside) {
        set.delete(n);
        changed = true;
      }
    }
  }
  return set;
}
