// pdf-lib's object table for one state of the file, built from the cross-reference entries so
// each object number holds the version the xref designates (§7.5.6: the newest section wins) —
// the one any reader, and any later signature check, will see. Objects are parsed on first use
// (lazy-objects.ts); `scanObjects` checks them all up front, cheaply, without parsing.
import { PDFContext, PDFRef, type PDFObject } from 'pdf-lib';
import { SigningError } from '../errors.ts';
import { installLazyObjects, LazyObjectMap } from './lazy-objects.ts';
import type { Entries, Location, ObjectStore } from './object-store.ts';

function damaged(num: number, err: unknown): SigningError {
  if (err instanceof SigningError) return err;
  return new SigningError('pdf.malformed', `The PDF is damaged: object ${num} cannot be read (${(err as Error)?.message ?? String(err)}).`, { cause: err });
}

/**
 * Scans every in-use object of `entries`: each must be where its entry says, readable, and
 * within the nesting limit. Returns the highest object number any of them refers to, so new
 * objects can be numbered above every existing reference (a reference to a missing object is
 * null, ISO 32000-1 §7.3.10, until an update defines that number: see the verifier's rules).
 */
export function scanObjects(store: ObjectStore, entries: Entries): { maxRef: number } {
  let maxRef = 0;
  for (const [num, entry] of entries) {
    if (entry.kind === 'free' || num === 0) continue;
    let refs: number[];
    try {
      refs = store.locate(num, entry, entries).scan.refs;
    } catch (err) {
      throw damaged(num, err);
    }
    for (const r of refs) if (r > maxRef) maxRef = r;
  }
  return { maxRef };
}

/** A pdf-lib context over `entries` whose objects are parsed on first lookup; `onLoad` sees each as it is read. */
export function loadObjects(store: ObjectStore, entries: Entries, onLoad: (ref: PDFRef, obj: PDFObject) => void = () => {}): PDFContext {
  const context = PDFContext.create();
  const locations = new Map<PDFRef, [number, Location]>();
  for (const [num, entry] of entries) {
    if (entry.kind === 'free' || num === 0) continue;
    locations.set(PDFRef.of(num, entry.kind === 'offset' ? entry.gen : 0), [num, entry]);
  }
  const load = (ref: PDFRef): PDFObject | undefined => {
    const [num, loc] = locations.get(ref) as [number, Location];
    try {
      return store.parse(num, loc, entries, context);
    } catch (err) {
      throw damaged(num, err);
    }
  };
  const peek = (ref: PDFRef): string | undefined => {
    const [num, loc] = locations.get(ref) as [number, Location];
    try {
      const { scan } = store.locate(num, loc, entries); // scanned at open: a cache hit
      return scan.stream ? undefined : scan.type;
    } catch {
      return undefined; // load() will report it
    }
  };
  installLazyObjects(context, new LazyObjectMap(locations.keys(), load, onLoad, peek));
  return context;
}
