// What each incremental update after the first signature did (ISO 32000-1 §7.5.6), in the
// spirit of the DocMDP permissions of §12.8.2.2 and ETSI EN 319 142-1 §5.4: an update may add
// a signature (field, widget, signature dictionary, appearance streams and the resources they
// use, the AcroForm and the page's /Annots), or validation data (the DSS). Everything else is
// 'other'. The check is structural and cheap: each revision is opened as its own file and its
// newest cross-reference section lists exactly the objects that update wrote.
import { PDFArray, PDFDict, PDFName, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';
import { openPdf, type IncrementalPdf } from '../pdf/index.ts';
import type { RevisionKind, RevisionReport } from './types.ts';

export interface RevisionFacts extends RevisionReport {
  /** The update wrote DSS objects (for B-LT/B-LTA). */
  touchesDss: boolean;
}

const N = (s: string): PDFName => PDFName.of(s);
// Keys not followed from a signature field: they lead back to the page and the form tree
// (/P, /Parent) or to the whole document (/Data of a DocMDP reference, §12.8.1 Table 253).
const NOT_FOLLOWED = new Set(['/P', '/Parent', '/Data']);

/** Every indirect object reachable from `roots`, skipping the keys in `skip`. */
function reachable(doc: IncrementalPdf['doc'], roots: PDFObject[], skip = NOT_FOLLOWED): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const obj = stack.pop();
    if (obj instanceof PDFRef) {
      if (seen.has(obj.tag)) continue;
      seen.add(obj.tag);
      const target = doc.context.lookup(obj);
      if (target) stack.push(target);
    } else if (obj instanceof PDFDict || obj instanceof PDFStream) {
      const dict = obj instanceof PDFStream ? obj.dict : obj;
      for (const [key, value] of dict.entries()) if (!skip.has(key.toString())) stack.push(value);
    } else if (obj instanceof PDFArray) stack.push(...obj.asArray());
  }
  return seen;
}

const dictOf = (obj: PDFObject | undefined): PDFDict | undefined => (obj instanceof PDFDict ? obj : obj instanceof PDFStream ? obj.dict : undefined);

function isSignatureField(doc: IncrementalPdf['doc'], dict: PDFDict): boolean {
  if (dict.get(N('FT')) === N('Sig')) return true;
  const parent = doc.context.lookup(dict.get(N('Parent')));
  return dict.get(N('Subtype')) === N('Widget') && parent instanceof PDFDict && parent.get(N('FT')) === N('Sig');
}

const isSignatureDict = (dict: PDFDict): boolean =>
  dict.get(N('Type')) === N('Sig') || dict.get(N('Type')) === N('DocTimeStamp') || (dict.has(N('ByteRange')) && dict.has(N('Contents')));

/** Keys whose values differ between two dictionaries (added and removed keys included). */
function changedKeys(before: PDFDict, after: PDFDict): string[] {
  const keys = new Set([...before.keys(), ...after.keys()].map((k) => k.decodeText()));
  return [...keys].filter((k) => before.get(N(k))?.toString() !== after.get(N(k))?.toString());
}

/** Entries of an array (direct or referenced) as text: a reference reads "N G R". */
function items(doc: IncrementalPdf['doc'], obj: PDFObject | undefined): string[] {
  const arr = obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
  return arr instanceof PDFArray ? arr.asArray().map((x) => x.toString()) : [];
}

// AcroForm entries a signature may touch (§12.7.2 Table 218): the field list, SigFlags and
// the default resources and appearance its widget text uses.
const ACROFORM_SIGNATURE_KEYS = new Set(['Fields', 'SigFlags', 'DR', 'DA', 'NeedAppearances']);

/** Classifies the update that turned `prev` into `cur`. */
function classify(prev: IncrementalPdf, cur: IncrementalPdf): { kind: RevisionKind; details: string[]; touchesDss: boolean } {
  const { doc } = cur;
  const details: string[] = [];
  const group = cur.chain.groups[0];
  const written = new Map([...(group?.hybrid?.entries ?? []), ...(group?.section.entries ?? [])]);
  const objects: { ref: PDFRef; obj: PDFObject; before: PDFObject | undefined }[] = [];
  for (const [num, entry] of written) {
    if (num === 0 || num === group?.section.streamObject) continue;
    if (entry.kind === 'free') {
      if (prev.chain.entries.get(num)?.kind !== 'free' && prev.chain.entries.has(num)) details.push(`object ${num} was deleted`);
      continue;
    }
    const ref = PDFRef.of(num, entry.kind === 'offset' ? entry.gen : 0);
    const obj = doc.context.lookup(ref);
    if (obj) objects.push({ ref, obj, before: prev.doc.context.lookup(ref) }); // absent: object/xref streams
  }

  const catalogRef = doc.context.trailerInfo.Root as PDFRef;
  const acroRef = doc.catalog.get(N('AcroForm'));
  const acro = dictOf(doc.context.lookup(acroRef));
  const fieldsRef = acro?.get(N('Fields'));
  const dss = reachable(doc, [doc.catalog.get(N('DSS'))].filter((x): x is PDFObject => x !== undefined), new Set());
  // Roots of what a new signature brings: changed signature fields/widgets not signed before,
  // and new signature dictionaries. An earlier signature's field may not change at all.
  const roots: PDFRef[] = [];
  for (const { ref, obj, before } of objects) {
    const d = dictOf(obj);
    if (!d) continue;
    const old = dictOf(before);
    if (isSignatureField(doc, d) && !old?.has(N('V'))) roots.push(ref);
    else if (isSignatureDict(d) && !before) roots.push(ref);
  }
  const signatureParts = reachable(doc, roots);
  /** An /Annots or /Fields list that keeps every entry and only gains parts of this update's signature. */
  const addsOnlySignatures = (before: PDFObject | undefined, after: PDFObject | undefined): boolean => {
    const old = items(prev.doc, before);
    const now = items(doc, after);
    const kept = new Set(now);
    return old.every((x) => kept.has(x)) && now.every((x) => old.includes(x) || signatureParts.has(x));
  };
  const listChanged = (ref: PDFRef, before: PDFObject | undefined, what: string): void => {
    if (addsOnlySignatures(before, ref)) signature++;
    else details.push(`${what} ${ref.objectNumber} lost entries or gained some that are not signature fields`);
  };

  // Writers leave orphans (poppler's pdfsig writes two unused appearance streams): objects
  // nothing in the document refers to are ignored, computed only when one is met.
  let liveSet: Set<string> | undefined;
  const live = (): Set<string> => (liveSet ??= reachable(doc, [catalogRef, doc.context.trailerInfo.Info].filter((x): x is PDFObject => x !== undefined), new Set()));
  let signature = 0;
  let dssParts = 0;
  let unreferenced = 0;
  for (const { ref, obj, before } of objects) {
    const d = dictOf(obj);
    if (ref.tag === catalogRef.tag) {
      const keys = before instanceof PDFDict && d ? changedKeys(before, d) : ['(catalog replaced)'];
      for (const k of keys) {
        if (k === 'AcroForm') signature++;
        else if (k === 'DSS' || k === 'Extensions') dssParts++; // ISO 32000-1 §7.12 extensions (ESIC for the DSS)
        else details.push(`the catalog's /${k} changed`);
      }
    } else if (dss.has(ref.tag)) dssParts++;
    else if (signatureParts.has(ref.tag) && (!before || (d && isSignatureField(doc, d)))) signature++;
    else if (acroRef instanceof PDFRef && ref.tag === acroRef.tag) {
      const old = dictOf(before);
      const keys = old && d ? changedKeys(old, d) : [];
      const bad = keys.filter((k) => !ACROFORM_SIGNATURE_KEYS.has(k));
      if (bad.length > 0) details.push(`the AcroForm's ${bad.map((k) => `/${k}`).join(', ')} changed`);
      else if (old && d && !addsOnlySignatures(old.get(N('Fields')), d.get(N('Fields')))) details.push('the AcroForm lost fields or gained some that are not signatures');
      else signature++;
    } else if (fieldsRef instanceof PDFRef && ref.tag === fieldsRef.tag) listChanged(ref, before && ref, 'the field list');
    // An array that only gains this update's widgets: a page's /Annots (finding the pages
    // would mean loading the whole page tree of every revision; any other array gaining a
    // widget reference changes nothing a viewer shows).
    else if (obj instanceof PDFArray && (before === undefined || before instanceof PDFArray)) listChanged(ref, before && ref, 'the array');
    else if (before && d?.get(N('Type')) === N('Page')) {
      const old = dictOf(before);
      const keys = old && d ? changedKeys(old, d) : ['(page replaced)'];
      if (!keys.every((k) => k === 'Annots')) details.push(`page object ${ref.objectNumber} changed (${keys.map((k) => `/${k}`).join(', ')})`);
      else if (!addsOnlySignatures(old?.get(N('Annots')), d?.get(N('Annots')))) details.push(`page object ${ref.objectNumber} lost annotations or gained some that are not signatures`);
      else signature++;
    } else if (!before && !live().has(ref.tag)) unreferenced++; // cannot change what the document shows
    else details.push(`${before ? 'object' : 'new object'} ${ref.objectNumber} ${before ? 'changed' : 'is not part of a signature or the DSS'}${describe(d)}`);
  }
  if (signature === 0 && dssParts === 0 && details.length === 0) {
    details.push(unreferenced > 0 ? `the update only adds ${unreferenced} object(s) nothing refers to` : 'the update writes no objects');
  }
  const kind: RevisionKind = details.length > 0 ? 'other' : signature > 0 ? 'signature' : 'dss';
  return { kind, details, touchesDss: dssParts > 0 };
}

function describe(d: PDFDict | undefined): string {
  const type = d?.get(N('Type')) ?? d?.get(N('Subtype'));
  return type instanceof PDFName ? ` (${type.toString()})` : '';
}

/**
 * Every revision of the file; those up to `firstSigned` (the revision the first signature
 * closes) are 'base'. `signed` holds the indices of revisions a signature closes.
 */
export async function classifyRevisions(bytes: Uint8Array, ends: readonly number[], firstSigned: number, signed: ReadonlySet<number>): Promise<RevisionFacts[]> {
  const out: RevisionFacts[] = [];
  let prev: IncrementalPdf | null = null;
  for (let i = 0; i < ends.length; i++) {
    const end = ends[i] as number;
    const fact: RevisionFacts = { index: i, end, kind: 'base', details: [], touchesDss: false };
    out.push(fact);
    if (i < firstSigned) continue;
    let cur: IncrementalPdf | null = null;
    try {
      cur = await openPdf(bytes.subarray(0, end));
    } catch (err) {
      fact.details.push(`this revision cannot be read on its own: ${(err as Error).message}`);
    }
    if (i > firstSigned) {
      if (cur && prev) Object.assign(fact, classify(prev, cur));
      else {
        fact.kind = 'other';
        if (fact.details.length === 0) fact.details.push('the previous revision cannot be read, so this update cannot be compared with it');
      }
      // A signature closing this revision makes it a signature update (when nothing else is).
      if (fact.kind === 'dss' && signed.has(i)) fact.kind = 'signature';
    }
    prev = cur;
  }
  return out;
}
