// Comparing two versions of a PDF object for the revision rules: which dictionary keys
// changed, what a list gained or lost, and whether a rewrite changed anything at all (some
// writers rewrite objects unchanged; pyHanko ignores those too).
import { PDFArray, PDFBool, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFContext, type PDFObject } from 'pdf-lib';

export const N = (s: string): PDFName => PDFName.of(s);

export const dictOf = (obj: PDFObject | undefined): PDFDict | undefined =>
  obj instanceof PDFDict ? obj : obj instanceof PDFStream ? obj.dict : undefined;

export const refNum = (obj: PDFObject | undefined): number | undefined => (obj instanceof PDFRef ? obj.objectNumber : undefined);

/** True when both are the same object written again: same dictionary text, same stream bytes. */
export function sameObject(a: PDFObject | undefined, b: PDFObject | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a instanceof PDFRawStream || b instanceof PDFRawStream) {
    return a instanceof PDFRawStream && b instanceof PDFRawStream && a.dict.toString() === b.dict.toString() && Buffer.compare(a.contents, b.contents) === 0;
  }
  return a.toString() === b.toString();
}

/** Keys whose values differ between two dictionaries (added and removed keys included). */
export function changedKeys(before: PDFDict | undefined, after: PDFDict | undefined): string[] {
  const keys = new Set([...(before?.keys() ?? []), ...(after?.keys() ?? [])].map((k) => k.decodeText()));
  return [...keys].filter((k) => before?.get(N(k))?.toString() !== after?.get(N(k))?.toString());
}

/** The items of an array value, following one reference (a direct array or `12 0 R`). */
export function itemsOf(context: PDFContext, value: PDFObject | undefined): PDFObject[] {
  const arr = value instanceof PDFRef ? context.lookup(value) : value;
  return arr instanceof PDFArray ? arr.asArray() : [];
}

/** What a list lost and gained, comparing items by their text ("12 0 R" for a reference). */
export function listChange(before: readonly PDFObject[], after: readonly PDFObject[]): { lost: PDFObject[]; gained: PDFObject[] } {
  const had = new Set(before.map((x) => x.toString()));
  const has = new Set(after.map((x) => x.toString()));
  return { lost: before.filter((x) => !has.has(x.toString())), gained: after.filter((x) => !had.has(x.toString())) };
}

export const isTrue = (obj: PDFObject | undefined): boolean => obj === PDFBool.True;

/** "/Type /Font" style label for messages, from /Type or /Subtype. */
export function typeLabel(obj: PDFObject | undefined): string {
  const d = dictOf(obj);
  const t = d?.get(N('Type')) ?? d?.get(N('Subtype'));
  return t instanceof PDFName ? ` ${t.toString()}` : obj instanceof PDFArray ? ' (an array)' : '';
}

/** Whether an annotation's /Rect has an area (ISO 32000-1 §12.5.2): a visible widget. */
export function hasArea(dict: PDFDict): boolean {
  const r = dict.get(N('Rect'));
  if (!(r instanceof PDFArray) || r.size() !== 4) return false;
  const n = r.asArray().map((x) => Number(x.toString()));
  return n.every(Number.isFinite) && Math.abs((n[2] as number) - (n[0] as number)) > 0 && Math.abs((n[3] as number) - (n[1] as number)) > 0;
}
