// The document's modification detection and prevention level (ISO 32000-2 §12.8.2.2): a
// certification signature names the DocMDP transform in its /Reference (Table 256) with
// /TransformParams /P (Table 257): 1 no changes, 2 form filling and signing, 3 also annotations.
// The catalog's /Perms /DocMDP points at that signature dictionary (§12.8.4, Table 263).
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, type PDFDocument } from 'pdf-lib';

export type MdpLevel = 1 | 2 | 3;

export interface DocMdp {
  /** Table 257's /P, 2 when absent. */
  permissions: MdpLevel;
  /** Object number of the certification signature's dictionary. */
  signatureObject: number;
}

const N = (s: string): PDFName => PDFName.of(s);

/** The DocMDP permissions `doc` declares (read from the revision the certification signs), or null. */
export function readDocMdp(doc: PDFDocument): DocMdp | null {
  const perms = doc.context.lookup(doc.catalog.get(N('Perms')));
  const ref = perms instanceof PDFDict ? perms.get(N('DocMDP')) : undefined;
  // Table 263: /DocMDP shall be an indirect reference to the signature dictionary.
  if (!(ref instanceof PDFRef)) return null;
  const sig = doc.context.lookup(ref);
  const refs = sig instanceof PDFDict ? doc.context.lookup(sig.get(N('Reference'))) : undefined;
  if (!(refs instanceof PDFArray)) return null;
  for (const item of refs.asArray()) {
    const sigRef = doc.context.lookup(item);
    if (!(sigRef instanceof PDFDict) || sigRef.get(N('TransformMethod')) !== N('DocMDP')) continue;
    const params = doc.context.lookup(sigRef.get(N('TransformParams')));
    const p = params instanceof PDFDict ? params.get(N('P')) : undefined;
    const value = p instanceof PDFNumber ? p.asNumber() : 2;
    // Other values are invalid; the strictest reading keeps a bad value from widening anything.
    const permissions: MdpLevel = value === 2 || value === 3 ? value : 1;
    return { permissions, signatureObject: ref.objectNumber };
  }
  return null;
}
