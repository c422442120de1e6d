// Which original objects were modified since the file was opened. Callers should say so with
// IncrementalPdf.markChanged, but pdf-lib's own helpers (forms, attachments, flush()) edit the
// catalog and pages without telling anyone; an update that silently dropped such an edit would
// leave dangling references. So every original object is fingerprinted at open and compared at
// save. Objects read lazily are fingerprinted when first read, before anyone can change them;
// objects never read cannot have changed. Stream data is compared by identity, not content:
// changing stream bytes in place needs markChanged.
import { PDFRawStream, PDFStream, type PDFObject, type PDFRef } from 'pdf-lib';

interface Fingerprint {
  text: string;
  contents?: Uint8Array;
}

function fingerprint(obj: PDFObject): Fingerprint {
  if (obj instanceof PDFRawStream) return { text: obj.dict.toString(), contents: obj.contents };
  if (obj instanceof PDFStream) return { text: obj.dict.toString() + obj.getContentsString() };
  return { text: obj.toString() };
}

export class ChangeTracker {
  private readonly prints = new Map<PDFRef, Fingerprint>();
  private readonly objects = new Map<PDFRef, PDFObject>();

  /** Takes `obj` as the original state of `ref` (called as objects are read from the file). */
  record(ref: PDFRef, obj: PDFObject): void {
    this.prints.set(ref, fingerprint(obj));
    this.objects.set(ref, obj);
  }

  isOriginal(ref: PDFRef): boolean {
    return this.prints.has(ref);
  }

  /** True when `ref` is new, was replaced by another object, or serializes differently now. */
  differs(ref: PDFRef, obj: PDFObject): boolean {
    const before = this.prints.get(ref);
    if (!before) return true;
    if (this.objects.get(ref) !== obj) return true;
    const now = fingerprint(obj);
    return now.text !== before.text || now.contents !== before.contents;
  }
}
